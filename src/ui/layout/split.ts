/** Pure arithmetic of a resizable split: where the separator may go. */

/** Keeps a fraction within [min, 1 - min] (each side keeps at least `min` of the space). */
export function clampFraction(f: number, min = 0.15): number {
  if (!Number.isFinite(f)) return 0.5;
  return Math.min(1 - min, Math.max(min, f));
}

/** The fraction for a pointer at `pos` in a container starting at `start` of size `size`. */
export function fractionAt(pos: number, start: number, size: number, min = 0.15): number {
  if (size <= 0) return 0.5;
  return clampFraction((pos - start) / size, min);
}

/** Keyboard: arrows move by 2 %, PageUp/PageDown by 10 %, Home/End to the limits. */
export function fractionForKey(key: string, f: number, vertical: boolean, min = 0.15): number | undefined {
  const back = vertical ? 'ArrowUp' : 'ArrowLeft';
  const fwd = vertical ? 'ArrowDown' : 'ArrowRight';
  switch (key) {
    case back:
      return clampFraction(f - 0.02, min);
    case fwd:
      return clampFraction(f + 0.02, min);
    case 'PageUp':
      return clampFraction(f - 0.1, min);
    case 'PageDown':
      return clampFraction(f + 0.1, min);
    case 'Home':
      return min;
    case 'End':
      return 1 - min;
    default:
      return undefined;
  }
}
