/** Formatting of simulated time for the controls bar. */

/** `2026-11-26 09:05:00 UTC`: the simulated clock, in UTC so every learner sees the same. */
export function formatSimTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
