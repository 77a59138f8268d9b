/**
 * The strategy of every kind that has one. Kinds without an entry get the generic behaviour:
 * metadata validation only, no generation, no status subresource.
 * One import and one line per kind; keep alphabetical.
 */
import type { Strategy } from './strategy';
import { namespaceStrategy } from './namespace';

export const STRATEGIES: Record<string, Strategy> = {
  Namespace: namespaceStrategy,
};

export function strategyFor(kind: string): Strategy {
  return STRATEGIES[kind] ?? {};
}
