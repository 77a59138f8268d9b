import { describe, expect, it } from 'vitest';
import { DeploymentController } from './controller';
import { ReplicaSetController } from '../replicaset';
import { GarbageCollector } from '../garbage-collector';
import { newHarness, type Harness } from '../test-harness';
import { StatusError } from '../../api/errors';
import { clone, type KObject } from '../../api/types/meta';
import { resolveFenceposts } from './util';

function deploy(name: string, replicas: number, image = 'nginx:1.26', extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image }] } },
      ...extra,
    },
  };
}

function setup(): Harness {
  const h = newHarness();
  h.start((c) => new ReplicaSetController(c), (c) => new DeploymentController(c), (c) => new GarbageCollector(c));
  return h;
}

/** A stand-in kubelet: binds, runs and readies every pod; removes terminating pods. */
function kubelet(h: Harness): void {
  for (const p of h.api.list('Pod').items) {
    if (p.metadata.deletionTimestamp) {
      h.api.delete('Pod', 'default', p.metadata.name!, { gracePeriodSeconds: 0 });
      continue;
    }
    if (p.status?.phase !== 'Running') h.setPod('default', p.metadata.name!, { node: 'node-1', phase: 'Running', ready: true });
  }
}

function rsTable(h: Harness): string[] {
  return h.api
    .list('ReplicaSet')
    .items.map((rs) => `${rs.metadata.name} ${rs.spec.replicas} ${rs.status?.replicas ?? 0} ${rs.status?.readyReplicas ?? 0} rev=${rs.metadata.annotations?.['deployment.kubernetes.io/revision']}`);
}

function setImage(h: Harness, name: string, image: string): void {
  const d = clone(h.api.get('Deployment', 'default', name));
  d.spec.template.spec.containers[0].image = image;
  h.api.update(d);
}

function invalidMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.message;
    throw e;
  }
  return '';
}

describe('Deployment defaults and validation', () => {
  it('defaults strategy, revisionHistoryLimit, progressDeadlineSeconds and the template', () => {
    const h = setup();
    const d = h.create(deploy('web', 3));
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
    expect(d.spec.revisionHistoryLimit).toBe(10);
    expect(d.spec.progressDeadlineSeconds).toBe(600);
    expect(d.spec.template.metadata.creationTimestamp).toBeNull();
    expect(d.spec.template.spec).toEqual({
      containers: [{ name: 'nginx', image: 'nginx:1.26', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} }],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      securityContext: {},
      schedulerName: 'default-scheduler',
    });
    expect(d.metadata.generation).toBe(1);
  });

  it('rejects what the apiserver rejects, with its messages', () => {
    const h = setup();
    const noSel = deploy('web', 1);
    delete noSel.spec.selector;
    expect(invalidMessage(() => h.create(noSel))).toBe(
      'Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]',
    );
    expect(invalidMessage(() => h.create(deploy('web', 1, 'nginx', { selector: { matchLabels: { app: 'x' } } })))).toBe(
      'Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
    expect(invalidMessage(() => h.create(deploy('web', -1)))).toBe('Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(
      invalidMessage(() => h.create(deploy('web', 1, 'nginx', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }))),
    ).toBe('Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0');
    const d = h.create(deploy('web', 1));
    const moved = clone(d);
    moved.spec.selector = { matchLabels: { app: 'web2' } };
    moved.spec.template.metadata.labels = { app: 'web2' };
    expect(invalidMessage(() => h.api.update(moved))).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    expect(h.api.list('Deployment').items).toHaveLength(1);
  });
});

describe('resolveFenceposts', () => {
  it.each([
    ['25%', '25%', 10, [3, 2]],
    ['25%', '25%', 3, [1, 0]],
    ['25%', '25%', 1, [1, 0]],
    [0, '10%', 5, [0, 1]],
    [2, 0, 10, [2, 0]],
    ['50%', '50%', 5, [3, 2]],
  ] as const)('surge %s unavailable %s of %i -> %j', (s, u, n, want) => {
    expect(resolveFenceposts(s, u, n)).toEqual(want);
  });
});

describe('DeploymentController', () => {
  it('creates a ReplicaSet <name>-<hash> at revision 1 and scales it up', () => {
    const h = setup();
    h.create(deploy('web', 3));
    h.run();
    const [rs] = h.api.list('ReplicaSet').items;
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(h.api.list('Pod').items).toHaveLength(3);
    const d = h.api.get('Deployment', 'default', 'web');
    expect(d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(d.metadata.generation).toBe(1);
    expect(h.events('web')).toEqual([`Normal ScalingReplicaSet Scaled up replica set web-${hash} from 0 to 3`]);
    expect(d.status.replicas).toBe(3);
    expect(d.status.unavailableReplicas).toBe(3);
    expect(d.status.conditions.map((c: { type: string; status: string; reason: string; message: string }) => `${c.type} ${c.status} ${c.reason} ${c.message}`)).toEqual([
      'Available False MinimumReplicasUnavailable Deployment does not have minimum availability.',
      'Progressing True ReplicaSetUpdated ReplicaSet "web-' + hash + '" is progressing.',
    ]);
  });

  it('reports availability and a completed rollout once pods are ready', () => {
    const h = setup();
    h.create(deploy('web', 3));
    h.run(1);
    kubelet(h);
    h.run();
    const d = h.api.get('Deployment', 'default', 'web');
    const rs = h.api.list('ReplicaSet').items[0];
    expect(d.status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          lastUpdateTime: '2026-11-26T09:00:01Z',
          lastTransitionTime: '2026-11-26T09:00:01Z',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          lastUpdateTime: '2026-11-26T09:00:01Z',
          lastTransitionTime: '2026-11-26T09:00:00Z',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
        },
      ],
    });
  });

  it('rolls out a new template within maxSurge and maxUnavailable', () => {
    const h = setup();
    h.create(deploy('web', 4));
    h.run();
    kubelet(h);
    h.run(1);
    setImage(h, 'web', 'nginx:1.27');
    h.run();
    // 4 replicas, 25%/25%: surge 1, unavailable 1 -> new RS 1, old RS down to 3 (3 available).
    const [a, b] = h.api.list('ReplicaSet').items.sort((x, y) => (x.metadata.creationTimestamp! < y.metadata.creationTimestamp! ? -1 : 1));
    void a;
    void b;
    const table = rsTable(h);
    expect(table.filter((r) => r.endsWith('rev=2'))[0]).toMatch(/ 2 \d \d rev=2$/);
    expect(table.filter((r) => r.endsWith('rev=1'))[0]).toMatch(/ 3 \d \d rev=1$/);
    for (let i = 0; i < 10; i++) {
      kubelet(h);
      h.run(1);
    }
    const final = rsTable(h).sort();
    expect(final.filter((r) => r.endsWith('rev=2'))[0]).toMatch(/ 4 4 4 rev=2$/);
    expect(final.filter((r) => r.endsWith('rev=1'))[0]).toMatch(/ 0 0 0 rev=1$/);
    const d = h.api.get('Deployment', 'default', 'web');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status.conditions[1].reason).toBe('NewReplicaSetAvailable');
    const scaling = h.events('web').filter((e) => e.includes('ScalingReplicaSet'));
    expect(scaling[0]).toMatch(/^Normal ScalingReplicaSet Scaled up replica set web-\w+ from 0 to 4$/);
    expect(scaling[1]).toMatch(/^Normal ScalingReplicaSet Scaled up replica set web-\w+ from 0 to 1$/);
    expect(scaling[2]).toMatch(/^Normal ScalingReplicaSet Scaled down replica set web-\w+ from 4 to 3$/);
  });

  it('rolls back by reusing the old ReplicaSet with the next revision', () => {
    const h = setup();
    h.create(deploy('web', 2));
    h.run();
    kubelet(h);
    h.run(1);
    const rev1 = h.api.list('ReplicaSet').items[0].metadata.name;
    setImage(h, 'web', 'nginx:1.27');
    for (let i = 0; i < 6; i++) {
      kubelet(h);
      h.run(1);
    }
    setImage(h, 'web', 'nginx:1.26');
    for (let i = 0; i < 6; i++) {
      kubelet(h);
      h.run(1);
    }
    expect(h.api.list('ReplicaSet').items).toHaveLength(2);
    const old = h.api.get('ReplicaSet', 'default', rev1!);
    expect(old.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(old.metadata.annotations!['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(old.spec.replicas).toBe(2);
    expect(h.api.get('Deployment', 'default', 'web').metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('scales proportionally during a rollout', () => {
    const h = setup();
    h.create(deploy('web', 10));
    h.run();
    kubelet(h);
    h.run(1);
    setImage(h, 'web', 'nginx:does-not-exist');
    h.run();
    // 10 replicas, surge 3, unavailable 2: new RS 3, old RS 8, then new RS 5 (13 in all); the
    // new pods never get ready.
    expect(rsTable(h).map((r) => Number(r.split(' ')[1])).sort((x, y) => x - y)).toEqual([5, 8]);
    const d = clone(h.api.get('Deployment', 'default', 'web'));
    d.spec.replicas = 15;
    h.api.update(d);
    h.run();
    // allowed 15 + 4 = 19, 6 to add: old 8 -> round(8*19/13) = 12, new 5 -> round(5*19/13) = 7.
    expect(rsTable(h).map((r) => Number(r.split(' ')[1])).sort((x, y) => x - y)).toEqual([7, 12]);
    expect(h.events('web').slice(-2)).toEqual([
      expect.stringMatching(/^Normal ScalingReplicaSet Scaled up replica set web-\w+ from 8 to 12$/),
      expect.stringMatching(/^Normal ScalingReplicaSet Scaled up replica set web-\w+ from 5 to 7$/),
    ]);
  });

  it('marks the rollout ProgressDeadlineExceeded when it makes no progress', () => {
    const h = setup();
    h.create(deploy('web', 1, 'nginx', { progressDeadlineSeconds: 30 }));
    h.run();
    h.run(40);
    const d = h.api.get('Deployment', 'default', 'web');
    const p = d.status.conditions.find((c: { type: string }) => c.type === 'Progressing');
    expect(p.status).toBe('False');
    expect(p.reason).toBe('ProgressDeadlineExceeded');
    expect(p.message).toMatch(/^ReplicaSet "web-\w+" has timed out progressing\.$/);
  });

  it('does not roll out while paused, and reports it', () => {
    const h = setup();
    h.create(deploy('web', 2));
    h.run();
    kubelet(h);
    h.run(1);
    const d = clone(h.api.get('Deployment', 'default', 'web'));
    d.spec.paused = true;
    d.spec.template.spec.containers[0].image = 'nginx:1.27';
    h.api.update(d);
    h.run(5);
    expect(h.api.list('ReplicaSet').items).toHaveLength(1);
    const p = h.api.get('Deployment', 'default', 'web').status.conditions.find((c: { type: string }) => c.type === 'Progressing');
    expect([p.status, p.reason, p.message]).toEqual(['Unknown', 'DeploymentPaused', 'Deployment is paused']);
  });

  it('recreates: old pods go before new ones come', () => {
    const h = setup();
    h.create(deploy('web', 2, 'nginx:1.26', { strategy: { type: 'Recreate' } }));
    h.run();
    kubelet(h);
    h.run(1);
    setImage(h, 'web', 'nginx:1.27');
    h.run();
    expect(rsTable(h).map((r) => r.split(' ').slice(1, 2).join()).sort()).toEqual(['0']);
    kubelet(h);
    h.run(1);
    const table = rsTable(h).sort();
    expect(table).toHaveLength(2);
    expect(table.find((r) => r.endsWith('rev=2'))).toMatch(/ 2 \d \d rev=2$/);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', () => {
    const h = setup();
    h.create(deploy('web', 1, 'nginx:1.20', { revisionHistoryLimit: 1 }));
    for (const tag of ['1.21', '1.22', '1.23']) {
      for (let i = 0; i < 4; i++) {
        kubelet(h);
        h.run(1);
      }
      setImage(h, 'web', `nginx:${tag}`);
    }
    for (let i = 0; i < 6; i++) {
      kubelet(h);
      h.run(1);
    }
    expect(rsTable(h).map((r) => r.split('rev=')[1]).sort()).toEqual(['3', '4']);
  });

  it('does nothing for a deleted deployment', () => {
    const h = newHarness();
    const [c] = h.start((p) => new DeploymentController(p));
    expect(c.reconcile('default/none')).toEqual({ kind: 'done' });
  });

  it('leaves a ReplicaSet owned by another controller alone', () => {
    const h = setup();
    const other = h.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
    h.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'theirs', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: other.metadata.uid!, controller: true }] },
      spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } } },
    });
    h.create(deploy('web', 1));
    h.run();
    expect(h.api.get('ReplicaSet', 'default', 'theirs').metadata.ownerReferences![0].name).toBe('owner');
    expect(h.api.list('ReplicaSet').items).toHaveLength(2);
  });
});
