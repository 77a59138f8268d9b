/**
 * `kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client]
 * [--overrides=inline-json] [--command] -- [COMMAND] [args...]`
 * (k8s.io/kubectl/pkg/cmd/run/run.go with the run-pod/v1 generator of
 * k8s.io/kubectl/pkg/generate/versioned/run.go).
 *
 * With `-i`/`-t`/`--attach` the command keeps running until the pod finishes (restartPolicy
 * Never/OnFailure) and `--rm` deletes it afterwards, printing `pod "NAME" deleted`.
 * Simplification: there is no attached terminal; the container's stdin is empty (as in a
 * script), so `kubectl run -it --rm debug --image=busybox -- sh` ends when the shell ends.
 */
import type { KObject } from '../../api/types/meta';
import type { LongRunning } from '../../shell/process';
import type { Command, Kctx } from '../command';
import { CmdError } from '../errors';
import { boolFlag, durationFlag, FILENAME_FLAGS, intFlag, stringArrayFlag, stringFlag } from '../flags';
import { withApplyAnnotation } from '../../api/patch/last-applied';
import { objectMeta } from './create/common';
import { generateExposeService } from './expose';
import { applyOverrides, OVERRIDE_FLAGS } from './util/override';
import { checkOutput, dryRunStrategy, MUTATION_PRINT_FLAGS, printObject, requestBody, requireFlags } from './util/output';

/** A simplified distribution reference grammar (name[:tag][@digest]). */
const IMAGE_REF = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::[0-9]+)?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

/** generate.ParseLabels: `k=v,k2=v2` (no validation of keys or values). */
export function parseLabels(spec: string): Record<string, string> {
  if (spec === '') throw new CmdError('no label spec passed');
  const labels: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2) throw new CmdError(`unexpected label spec: ${pair}`);
    if (kv[0].length === 0) throw new CmdError('unexpected empty label key');
    labels[kv[0]] = kv[1];
  }
  return labels;
}

/** parseEnvs: `NAME=value`. */
function parseEnvs(envs: string[]): { name: string; value: string }[] {
  return envs.map((e) => {
    const i = e.indexOf('=');
    const name = i < 0 ? '' : e.slice(0, i);
    if (i === -1 || !name || !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) throw new CmdError(`invalid env: ${e}`);
    return { name, value: e.slice(i + 1) };
  });
}

export interface PodParams {
  name: string;
  image: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  args: string[];
  command: boolean;
  env: { name: string; value: string }[];
  port?: number;
  restart: string;
  imagePullPolicy?: string;
  stdin: boolean;
  leaveStdinOpen: boolean;
  tty: boolean;
  privileged: boolean;
}

/** BasicPod.Generate, in Go struct field order. */
export function generatePod(p: PodParams): KObject {
  const c: Record<string, unknown> = { name: p.name, image: p.image };
  if (p.args.length) c[p.command ? 'command' : 'args'] = p.args;
  if (p.port !== undefined) c.ports = [{ containerPort: p.port }];
  if (p.env.length) c.env = p.env;
  c.resources = {};
  if (p.imagePullPolicy) c.imagePullPolicy = p.imagePullPolicy;
  if (p.privileged) c.securityContext = { privileged: true };
  if (p.stdin) c.stdin = true;
  if (p.stdin && !p.leaveStdinOpen) c.stdinOnce = true;
  if (p.tty) c.tty = true;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: objectMeta(p.name, { labels: p.labels ?? { run: p.name }, annotations: p.annotations }),
    spec: { containers: [c], restartPolicy: p.restart || 'Always', dnsPolicy: 'ClusterFirst' },
    status: {},
  };
}

function attach(k: Kctx, pod: KObject, restart: string, remove: boolean, timeoutMs: number): LongRunning {
  const clock = k.cluster.clock;
  const ns = pod.metadata.namespace;
  const name = pod.metadata.name!;
  const deadline = clock.now() + timeoutMs;
  const waitForExit = restart === 'Never' || restart === 'OnFailure';
  let attached = false;
  /** What attach would have streamed: the container's output so far. */
  const printOutput = () => {
    try {
      for (const l of k.cluster.nodes.logs(ns!, name, undefined)) (l.stream === 'stderr' ? k.err : k.out).write(`${l.text}\n`);
    } catch {
      // No log (the container never started): attach shows nothing either.
    }
  };
  const finish = (code: number): number => {
    if (remove && k.api.find('Pod', ns, name)) {
      k.api.delete('Pod', ns, name, { gracePeriodSeconds: 0 });
      k.out.write(`pod "${name}" deleted\n`);
    }
    return code;
  };
  return {
    poll() {
      const cur = k.api.find<KObject>('Pod', ns, name);
      if (!cur) return finish(1);
      const phase = cur.status?.phase;
      if (!attached) {
        if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') attached = true;
        else if (clock.now() >= deadline) {
          k.err.write(`error: timed out waiting for the condition\n`);
          return finish(1);
        } else return undefined;
        // Restart Always: the session ends when the attached process does; one more tick lets
        // a short command run, then its output is what the terminal would have shown.
        if (!waitForExit) return undefined;
      } else if (!waitForExit) {
        printOutput();
        return finish(0);
      }
      if (phase === 'Succeeded' || phase === 'Failed') printOutput();
      if (phase === 'Succeeded') return finish(0);
      if (phase === 'Failed') {
        const term = cur.status?.containerStatuses?.[0]?.state?.terminated;
        if (!term || !term.exitCode) {
          k.err.write(`error: pod ${ns}/${name} failed with unknown exit code\n`);
          return finish(1);
        }
        k.err.write(`pod ${ns}/${name} terminated (${term.reason ?? ''})\n${term.message ?? ''}\n`);
        return finish(term.exitCode);
      }
      if (restart === 'OnFailure' && phase === 'Running') return undefined;
      return undefined;
    },
    cancel: () => finish(130),
  };
}

export const run: Command<void> = {
  name: 'run',
  help: '',
  flags: [
    ...MUTATION_PRINT_FLAGS,
    ...FILENAME_FLAGS,
    stringArrayFlag('annotations'),
    boolFlag('attach'),
    stringFlag('cascade', { default: 'background', noOptDefault: 'background' }),
    boolFlag('command'),
    stringArrayFlag('env'),
    boolFlag('expose'),
    stringFlag('field-manager', { default: 'kubectl-run' }),
    boolFlag('force'),
    intFlag('grace-period', { default: -1 }),
    stringFlag('image'),
    stringFlag('image-pull-policy'),
    stringFlag('labels', { short: 'l' }),
    boolFlag('leave-stdin-open'),
    ...OVERRIDE_FLAGS,
    durationFlag('pod-running-timeout', { default: 60000 }),
    stringFlag('port'),
    boolFlag('privileged'),
    boolFlag('quiet', { short: 'q' }),
    stringFlag('restart', { default: 'Always' }),
    boolFlag('rm'),
    boolFlag('save-config'),
    boolFlag('stdin', { short: 'i' }),
    durationFlag('timeout'),
    boolFlag('tty', { short: 't' }),
    boolFlag('wait'),
  ],
  run: (_o, k) => {
    requireFlags(k, 'image');
    const dryRun = dryRunStrategy(k);
    checkOutput(k);
    const interactive = k.flags.bool('stdin');
    const tty = k.flags.bool('tty');
    const attachFlag = k.flags.bool('attach') || interactive;
    if (k.args.length === 0 || k.argsLenAtDash === 0) throw k.usageError('NAME is required for run');
    const image = k.flags.string('image');
    if (image === '') throw new CmdError('--image is required');
    if (!IMAGE_REF.test(image)) throw new CmdError(`Invalid image name ${JSON.stringify(image)}: invalid reference format`);
    if (tty && !interactive) throw k.usageError('-i/--stdin is required for containers with -t/--tty=true');
    const port = k.flags.string('port');
    if (k.flags.bool('expose') && !port) throw k.usageError('--port must be set when exposing a service');
    const restart = k.flags.string('restart');
    if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw k.usageError(`invalid restart policy: ${restart}`);
    const remove = k.flags.bool('rm');
    if (!attachFlag && remove) throw k.usageError('--rm should only be used for attached containers');
    if (attachFlag && dryRun !== 'none') {
      throw k.usageError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    }
    const pull = k.flags.string('image-pull-policy');
    if (pull && !['Always', 'IfNotPresent', 'Never'].includes(pull)) throw k.usageError(`invalid image pull policy: ${pull}`);

    const name = k.args[0];
    if (port && !/^[+-]?\d+$/.test(port)) throw new CmdError(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`);
    const labelsFlag = k.flags.string('labels');
    const annotations: Record<string, string> = {};
    for (const a of k.flags.strings('annotations')) {
      const i = a.indexOf('=');
      if (i <= 0) throw new CmdError(`invalid annotation format: ${a}`);
      annotations[a.slice(0, i)] = a.slice(i + 1);
    }
    const env = parseEnvs(k.flags.strings('env'));
    let pod = generatePod({
      name,
      image,
      labels: labelsFlag ? parseLabels(labelsFlag) : undefined,
      annotations,
      args: k.args.slice(1),
      command: k.flags.bool('command'),
      env,
      port: port ? Number(port) : undefined,
      restart,
      imagePullPolicy: pull || undefined,
      stdin: interactive,
      leaveStdinOpen: k.flags.bool('leave-stdin-open'),
      tty,
      privileged: k.flags.bool('privileged'),
    });
    pod = applyOverrides(k, pod);

    const createOne = (obj: KObject): KObject => {
      if (dryRun === 'client') {
        if (k.namespaceExplicit) obj.metadata = { name: obj.metadata.name, namespace: k.namespace, ...obj.metadata };
        return obj;
      }
      const body = k.flags.bool('save-config') ? withApplyAnnotation(obj) : obj;
      return k.api.create(requestBody(body), { namespace: k.namespace, dryRun: dryRun === 'server' });
    };

    let service: KObject | undefined;
    pod = createOne(pod);
    const errors: unknown[] = [];
    if (k.flags.bool('expose')) {
      try {
        const selector = labelsFlag ? parseLabels(labelsFlag) : { run: name };
        service = createOne(generateExposeService({ name, selector, ports: [String(Number(port))], labels: labelsFlag ? parseLabels(labelsFlag) : undefined }));
        printObject(k, service, 'created', dryRun, dryRun === 'client');
        // run prints `---` after the service, and the YAML printer separates its second object.
        if (checkOutput(k) === 'yaml') k.out.write('---\n---\n');
      } catch (e) {
        errors.push(e);
      }
    }
    if (attachFlag) {
      if (tty && !k.proc.tty) k.err.write('Unable to use a TTY - input is not a terminal or the right kind of file\n');
      const lr = attach(k, pod, restart, remove, k.flags.duration('pod-running-timeout'));
      const first = lr.poll();
      return first === undefined ? lr : first;
    }
    printObject(k, pod, 'created', dryRun, dryRun === 'client');
    if (errors.length) throw errors[0];
  },
};
