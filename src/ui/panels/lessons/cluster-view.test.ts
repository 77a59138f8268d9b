import { describe, expect, it } from 'vitest';
// The test drives a real simulated cluster and the worker's own view models, as the browser gets
// them; the UI itself reaches the engine only through engine-client.
// eslint-disable-next-line no-restricted-imports
import { newPlaySession, runScript } from '../../../engine/shell/script';
// eslint-disable-next-line no-restricted-imports
import { viewOf as workerViewOf } from '../../../engine/worker/views';
import { LESSONS } from '../../../lessons';
import { setupScript, stepScript } from '../../../lessons/script';
import { viewOf as apiViewOf } from '../../../lessons/view';
import type { ClusterView } from '../../../lessons/types';
import { VIEW_KINDS, type AnyView, type NodeView, type PodView, type ViewDelta, type WorkloadView } from '../../engine-client/protocol';
import { applyDeltas, emptyMirror, type Mirror } from '../../state/mirror';
import { learnerObjects, mirrorView, NotMirroredError, objectOf, parseTaint, timestamp } from './cluster-view';

type Store = { list(kind: string): readonly Parameters<typeof workerViewOf>[1][] };

/** What the browser's mirror holds after a resync push of the cluster's current state. */
function mirrorOf(store: Store): Mirror {
  const deltas = VIEW_KINDS.map((kind) => ({ kind, upsert: store.list(kind).map((o) => workerViewOf(kind, o)), remove: [] }) as ViewDelta);
  return applyDeltas(emptyMirror(), { resync: true, deltas });
}

function answers(view: ClusterView): (boolean | undefined)[] {
  return LESSONS.flatMap((l) => l.steps.map((s) => s.check?.(view)));
}

describe('mirrorView', () => {
  it.each(LESSONS.map((l) => [l.id, l] as const))(
    'answers every check of every lesson as the real cluster does, at each step of lesson %s',
    (_id, lesson) => {
      const { cluster, shell } = newPlaySession({ nodes: 3, seed: 1 });
      const out = { write: () => {} };
      const api = apiViewOf(cluster.api);
      const compare = (when: string) => {
        const expected = answers(api);
        expect(answers(mirrorView(mirrorOf(cluster.api.store))), when).toEqual(expected);
        return expected;
      };
      runScript(setupScript(lesson), shell, out);
      let trues = 0;
      lesson.steps.forEach((_, i) => {
        compare(`before step ${i + 1}`);
        runScript(stepScript(lesson, i), shell, out);
        trues += compare(`after step ${i + 1}`).filter(Boolean).length;
      });
      // The comparison is not vacuous: some checks hold by the end of the lesson.
      expect(trues).toBeGreaterThan(0);
    },
  );

  it('counts what the learner made, nothing on a fresh cluster', () => {
    const { cluster, shell } = newPlaySession({ nodes: 3, seed: 1 });
    expect(learnerObjects(mirrorOf(cluster.api.store))).toBe(0);
    runScript('kubectl create namespace team\nkubectl create configmap cfg -n team --from-literal=a=b\nkubectl create deployment web --image=nginx\n', shell, { write: () => {} });
    // namespace team, configmap team/cfg, deployment, its replica set and its pod
    expect(learnerObjects(mirrorOf(cluster.api.store))).toBe(5);
  });

  it('throws for a kind the worker does not mirror, so a check cannot silently never pass', () => {
    const view = mirrorView(emptyMirror());
    expect(() => view.list('PersistentVolume')).toThrow(NotMirroredError);
    expect(() => view.get('Lease', 'kube-node-lease', 'node-1')).toThrow('Lease is not mirrored to the browser');
  });

  it('finds namespaced objects by namespace and name and lists them per namespace in key order', () => {
    const pod = (ns: string, name: string): PodView => ({
      key: `${ns}/${name}`, namespace: ns, name, uid: name, nodeName: 'node-1', phase: 'Running', status: 'Running',
      ready: '1/1', restarts: 0, podIP: '10.244.1.2', deleting: false, labels: { app: 'web' }, images: ['nginx'], createdMs: Date.UTC(2026, 10, 26, 9, 5, 0, 400), podReady: true,
    });
    const m = applyDeltas(emptyMirror(), { resync: true, deltas: [{ kind: 'Pod', upsert: [pod('other', 'b'), pod('default', 'c'), pod('default', 'a')], remove: [] }] });
    const view = mirrorView(m);
    expect(view.get('Pod', 'default', 'a')?.metadata.creationTimestamp).toBe('2026-11-26T09:05:00Z');
    expect(view.get('Pod', 'default', 'b')).toBeUndefined();
    expect(view.list('Pod', 'other').map((p) => p.metadata.name)).toEqual(['b']);
    // in key order, as the apiserver lists
    expect(view.list('Pod').map((p) => p.metadata.name)).toEqual(['a', 'c', 'b']);
    expect(view.get('Pod', 'default', 'a')).toBe(view.get('Pod', 'default', 'a'));
  });

  it('turns node taints and the Ready status back into spec and conditions', () => {
    const n: NodeView = {
      key: 'node-2', name: 'node-2', status: 'NotReady,SchedulingDisabled', ready: false, controlPlane: false, roles: '<none>', internalIP: '172.18.0.4',
      cpuMilli: 2000, memoryBytes: 1, podsCapacity: 110, taints: ['dedicated=batch:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'], labels: { disktype: 'ssd' }, readyStatus: 'Unknown',
    };
    const o = objectOf('Node', n);
    expect(o.spec).toEqual({
      taints: [
        { key: 'dedicated', value: 'batch', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
      ],
      unschedulable: true,
    });
    expect(o.status?.conditions).toEqual([{ type: 'Ready', status: 'Unknown' }]);
    expect(parseTaint('a=b=c:NoExecute')).toEqual({ key: 'a', value: 'b=c', effect: 'NoExecute' });
  });

  it('gives a Deployment its template containers with requests and its rollout status', () => {
    const d: WorkloadView = {
      key: 'default/web', kind: 'Deployment', namespace: 'default', name: 'web', desired: 3, ready: 2, revision: '2', images: ['nginx:1.27'], selector: { app: 'web' },
      generation: 2, observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2,
      containers: [{ name: 'nginx', image: 'nginx:1.27', requests: { cpu: '100m' } }], conditions: [{ type: 'Available', status: 'True' }],
    };
    const o = objectOf('Deployment', d);
    expect(o.spec?.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } } }]);
    expect(o.status).toEqual({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2, readyReplicas: 2, conditions: [{ type: 'Available', status: 'True' }] });
    expect(o.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2' });
  });

  it('has no creation time for a view without one', () => {
    expect(timestamp(0)).toBeUndefined();
    const any: AnyView = { key: 'default/x', namespace: 'default', name: 'x', labels: {}, createdMs: 0 };
    expect(objectOf('ConfigMap', any).metadata).toEqual({ name: 'x', namespace: 'default' });
  });
});
