import { describe, expect, it } from 'vitest';
import { boxExit, CONNECTIONS, edgeKey, POSITION } from './architecture';

describe('control-plane architecture', () => {
  it('connects every component through kube-apiserver, except the kubelet to its CNI plugin', () => {
    for (const [a, b] of CONNECTIONS) expect(a === 'kube-apiserver' || b === 'kube-apiserver' || edgeKey(a, b) === 'flannel|kubelet').toBe(true);
    expect(new Set(CONNECTIONS.flat())).toEqual(new Set(Object.keys(POSITION)));
  });

  it('starts a connection at the edge of its box', () => {
    expect(boxExit('kube-apiserver', 'etcd')).toEqual({ x: 395, y: 167 });
    expect(boxExit('kubectl', 'kube-apiserver')).toEqual({ x: 182, y: 150 });
  });
});
