import { describe, expect, it } from 'vitest';
import { spreadRows } from './distribution';

describe('spreadRows', () => {
  it('gives each pod and each failure kind its share of the requests sent', () => {
    const rows = spreadRows({
      namespace: 'default', service: 'web', rps: 10, durationSec: 0, running: true, startedMs: 0,
      sent: 30, ok: 28, failed: 2,
      byPod: [{ pod: 'default/web-a', n: 15 }, { pod: 'default/web-b', n: 13 }],
      errors: [{ error: 'refused', n: 2 }],
    });
    expect(rows).toEqual([
      { label: 'web-a', n: 15, share: 50, failed: false },
      { label: 'web-b', n: 13, share: 43.3, failed: false },
      { label: 'failed: refused', n: 2, share: 6.7, failed: true },
    ]);
  });
});
