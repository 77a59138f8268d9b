/**
 * The few host globals the engine may use in both of its hosts (Web Worker and Node).
 * The engine's tsconfig has no DOM and no Node types, so they are declared here.
 */
declare function structuredClone<T>(value: T): T;
declare const console: { log(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void };
