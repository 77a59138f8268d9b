/** The YAML language worker of monaco-yaml (validation, completion, hover), bundled locally. */
import 'monaco-yaml/yaml.worker.js';
