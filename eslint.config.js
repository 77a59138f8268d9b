// Lint: mostly the architecture rules of STYLE.md section 2 (dependency direction, no wall
// clock or Math.random in the engine). Type checking is tsc's job.
import tseslint from 'typescript-eslint';

const engineGlobals = [
  { name: 'window', message: 'src/engine never touches the DOM.' },
  { name: 'document', message: 'src/engine never touches the DOM.' },
  { name: 'setTimeout', message: 'Use SimClock.after: time in the engine is simulated.' },
  { name: 'setInterval', message: 'Use SimClock: time in the engine is simulated.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  // Only the rules below are enabled; disable comments for other linters' rules are harmless.
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {},
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/worker/**', 'src/engine/node/**', 'src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...engineGlobals],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use SimClock.now().' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use SimClock.date().' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Use the cluster Rng.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/ui/**', 'react', 'react-dom', 'zustand', '@xterm/*', 'monaco-editor'], message: 'src/engine never imports UI code.' },
            { group: ['**/lessons/**'], message: 'src/engine never imports lessons.' },
            { group: ['node:*'], message: 'Only src/engine/node may use Node APIs.' },
          ],
          paths: ['fs', 'path', 'http', 'https', 'os', 'child_process', 'url', 'worker_threads'].map((name) => ({
            name,
            message: 'Only src/engine/node may use Node APIs.',
          })),
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    ignores: ['src/ui/engine-client/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine/**', '!**/engine/worker/protocol'],
              allowTypeImports: true,
              message: 'src/ui reaches the engine only through ui/engine-client (type imports are fine).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/lessons/**/*.ts'],
    ignores: ['src/lessons/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/ui/**'], message: 'Lessons never import UI code.' },
            { group: ['**/engine/**'], allowTypeImports: true, message: 'Lessons may only import engine types.' },
          ],
        },
      ],
    },
  },
);
