/**
 * Monaco with YAML support, loaded lazily with the editor panel. One configureMonacoYaml per
 * page (two would silently disable it); no schema requests (offline).
 *
 * The package's main entry is required: only it adapts `editor.createWebWorker({ moduleId,
 * label })`, the call monaco-yaml's worker manager makes, to 0.54's worker API (editor.api.js
 * alone leaves the YAML worker without handlers: "Missing requestHandler ... doValidation").
 */
import * as monaco from 'monaco-editor';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import YamlWorker from './yaml.worker.ts?worker';
import { KUBERNETES_SCHEMA } from './schema';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

window.MonacoEnvironment = {
  getWorker(_id, label) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  validate: true,
  completion: true,
  hover: true,
  schemas: [{ uri: 'kubeplay://schemas/kubernetes.json', fileMatch: ['*'], schema: KUBERNETES_SCHEMA }],
});

export { monaco };
