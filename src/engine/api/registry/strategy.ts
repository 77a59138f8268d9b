/**
 * Per-kind apiserver strategies (k8s.io/apiserver/pkg/registry/rest: RESTCreateStrategy,
 * RESTUpdateStrategy): defaulting, field clearing and validation on create and update.
 */
import type { FieldError } from '../errors';
import type { KObject } from '../types/meta';
import type { SimClock } from '../../core/clock';
import type { Rng } from '../../core/rng';
import type { Store } from '../store';

/** What a strategy may consult: the store (read-only use), the clock and the rng. */
export interface StrategyContext {
  store: Store;
  clock: SimClock;
  rng: Rng;
}

export interface Strategy {
  /** Whether metadata.generation is kept (kinds with a spec that controllers observe). */
  generation?: boolean;
  /** Whether status is a subresource (main-resource writes keep the old status). */
  statusSubresource?: boolean;
  /** Clears status, applies defaults. Mutates `obj`. */
  prepareForCreate?(obj: KObject, ctx: StrategyContext): void;
  /** Keeps what the main resource may not change; applies defaults. Mutates `obj`. */
  prepareForUpdate?(obj: KObject, old: KObject, ctx: StrategyContext): void;
  /**
   * When set, a status write takes the written object and this hook restores what the status
   * endpoint may not change (default without the hook: only status is taken). Mutates `obj`.
   */
  prepareForStatusUpdate?(obj: KObject, old: KObject, ctx: StrategyContext): void;
  /** Field errors of a new object. */
  validate?(obj: KObject, ctx: StrategyContext): FieldError[];
  /** Field errors of an update (immutable fields ...), after validate. */
  validateUpdate?(obj: KObject, old: KObject, ctx: StrategyContext): FieldError[];
}
