import { describe, expect, it } from 'vitest';
import { createCluster } from '../../../cluster';
import { runKubectl } from '../../testing';
import { enableMetricsServerAddon } from '../../../controllers/hpa/metrics-server-addon';

function withMetrics(nodes = 1) {
  const c = createCluster({ nodes });
  enableMetricsServerAddon(c.api);
  c.advance(40);
  return c;
}

describe('kubectl top', () => {
  it('answers Metrics API not available without metrics-server', () => {
    const c = createCluster({ nodes: 1 });
    expect(runKubectl(c, 'top pods')).toMatchObject({ out: '', err: 'error: Metrics API not available\n', code: 1 });
    expect(runKubectl(c, 'top node')).toMatchObject({ out: '', err: 'error: Metrics API not available\n', code: 1 });
  });

  it('prints nodes with CPU(%) and MEMORY(%) of allocatable, every cell tab-terminated', () => {
    const c = withMetrics();
    const lines = runKubectl(c, 'top nodes').out.split('\n');
    expect(lines[0]).toBe('NAME            CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ');
    expect(lines[1]).toMatch(/^control-plane   \d+m +\d+% +\d+Mi +\d+% +$/);
    expect(lines[2]).toMatch(/^node-1          \d+m +\d+% +\d+Mi +\d+% +$/);
  });

  it('says metrics are not available yet for new pods, then prints them', () => {
    const c = withMetrics();
    runKubectl(c, 'create deployment web --image=nginx:1.27');
    c.advance(5);
    expect(runKubectl(c, 'top pods').err).toBe('error: metrics not available yet\n');
    c.advance(40);
    expect(runKubectl(c, 'top pods --no-headers').out).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}   0m +3Mi +\n$/);
    expect(runKubectl(c, 'top pod nope').err).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "default/nope" not found\n');
  });

  it('reports an empty namespace on stderr', () => {
    const c = withMetrics();
    const r = runKubectl(c, 'top pods -n kube-public');
    expect([r.out, r.err]).toEqual(['', 'No resources found in kube-public namespace.\n']);
  });
});
