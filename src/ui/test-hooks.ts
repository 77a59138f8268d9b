/**
 * Read-only hooks for the end-to-end tests (e2e/run.ts): `window.kubeplay.<name>()`. They expose
 * what the page shows (the terminal's text), never a way to change state.
 */
type Hook = () => unknown;

declare global {
  interface Window {
    kubeplay?: Record<string, Hook>;
  }
}

export function registerTestHook(name: string, fn: Hook): () => void {
  const hooks = (window.kubeplay ??= {});
  hooks[name] = fn;
  return () => {
    if (hooks[name] === fn) delete hooks[name];
  };
}
