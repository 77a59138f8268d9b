/**
 * The streaming subresources pods/exec and pods/attach over WebSocket, as kubectl v1.32 uses
 * them (client-go tools/remotecommand/websocket.go with the v5.channel.k8s.io protocol, v4 also
 * accepted): every binary message starts with a stream id, 0 stdin (client to server), 1 stdout,
 * 2 stderr, 3 error (a metav1.Status, then the server closes), 4 resize (ignored), and in v5 255
 * "close stream" (the client's stdin ended). The exit code of a failed command travels in the
 * Status as kube-apiserver's remotecommand server writes it (reason NonZeroExitCode, cause
 * ExitCode), from which kubectl prints `command terminated with exit code N`.
 *
 * Commands run through the same kubelet simulation as the playground's `kubectl exec`
 * (cluster.nodes.exec), except the `tar` of `kubectl cp` (./tar.ts); attach streams the container's output (cluster.nodes.followLogs) until
 * the container exits. Errors found before the upgrade (no such pod, invalid container, the
 * container not running, the node unreachable) are answered as HTTP errors, which kubectl's
 * fallback then reports as kube-apiserver's would be.
 *
 * Simplification: no SPDY (kubectl's fallback when WebSocket fails is answered with the same
 * error, or a Status saying WebSocket is required); only shells on a TTY are interactive (see
 * interactiveShell): otherwise with stdin the command runs once the client closes its stdin,
 * with all of it as input; attach replays the
 * container's output from its start (the playground's `kubectl run -i` shows that output too)
 * and discards stdin; TTY resize messages are ignored.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Cluster } from '../../cluster';
import { settleWrites } from './settle';
import { StatusError, badRequest, isStatusError } from '../../api/errors';
import type { KObject } from '../../api/types/meta';
import type { LogLine } from '../../kubelet';
import { isWebSocketRequest, offeredProtocols, WebSocket } from './websocket';
import { runTar } from './tar';

/** Sub-protocols in the server's order of preference (wsstream's supported versions). */
const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const CLOSE = 255;

/** Delay before the first output, so the client has registered its streams (ms). */
const FIRST_WRITE_DELAY_MS = 20;

export interface StreamOptions {
  container?: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

export function streamOptions(q: URLSearchParams): StreamOptions {
  const bool = (k: string): boolean => q.get(k) === 'true' || q.get(k) === '1';
  return {
    container: q.get('container') || undefined,
    command: q.getAll('command'),
    stdin: bool('stdin'),
    stdout: bool('stdout'),
    stderr: bool('stderr'),
    tty: bool('tty'),
  };
}

/** Writes an HTTP error response on a socket that was not upgraded, then ends it. */
export function rejectUpgrade(socket: Duplex, e: unknown): void {
  let code: number;
  let body: string;
  let type: string;
  if (isStatusError(e)) {
    code = e.code;
    body = JSON.stringify(e.toStatus());
    type = 'application/json';
  } else {
    // The kubelet's plain-text errors ("container not found ...") reach kubectl as text, to which
    // client-go adds "unable to upgrade connection: ".
    code = 500;
    const msg = e instanceof Error ? e.message : String(e);
    body = msg.replace(/^unable to upgrade connection: /, '');
    type = 'text/plain; charset=utf-8';
  }
  const reason = REASONS[code] ?? 'Error';
  socket.end(`HTTP/1.1 ${code} ${reason}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-cache, private\r\nConnection: close\r\n\r\n${body}`);
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
};

/** The pod and container an exec or attach addresses, checked as the apiserver and kubelet do. */
function resolveContainer(cluster: Cluster, namespace: string, name: string, opts: StreamOptions, verb: 'exec' | 'attach'): { pod: KObject; container: string } {
  const pod = cluster.api.get('Pod', namespace, name);
  const containers = ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name);
  const others = [
    ...((pod.spec?.initContainers ?? []) as { name: string }[]).map((c) => c.name),
    ...((pod.spec?.ephemeralContainers ?? []) as { name: string }[]).map((c) => c.name),
  ];
  let container = opts.container;
  if (!container) {
    if (containers.length === 1) container = containers[0];
    else {
      // registry/core/pod/strategy.go validateContainer
      throw badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]${others.length ? ` or one of the init containers: [${others.join(' ')}]` : ''}`);
    }
  }
  if (![...containers, ...others].includes(container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  if (verb === 'exec' && opts.command.length === 0) throw badRequest('you must specify at least 1 command');
  if (!opts.stdin && !opts.stdout && !opts.stderr) throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  const node = pod.spec?.nodeName as string | undefined;
  if (!node) throw badRequest(`pod ${name} does not have a host assigned`);
  const info = cluster.nodes.info(node);
  if (info?.failed) throw new StatusError(500, 'InternalError', `error dialing backend: dial tcp ${info.ip}:10250: connect: no route to host`);
  if (cluster.nodes.containerEnv(namespace, name, container) === undefined && !(verb === 'attach' && exitedWithOutput(cluster, namespace, name, container))) {
    throw new Error(`unable to upgrade connection: container not found ("${container}")`);
  }
  return { pod, container };
}

/**
 * Whether the container ran and has exited (its log is there). kubectl attaches once it has seen
 * the pod Running; on simulated time a short command may have finished by the time the attach
 * request arrives, where in real time kubectl would have been attached before it printed.
 * Simplification: such an attach streams the finished container's output.
 */
function exitedWithOutput(cluster: Cluster, namespace: string, name: string, container: string): boolean {
  try {
    cluster.nodes.logs(namespace, name, container);
    return true;
  } catch {
    return false;
  }
}

/** The negotiated protocol, or undefined (then the upgrade is refused). */
function pickProtocol(req: IncomingMessage): string | undefined {
  const offered = offeredProtocols(req);
  return PROTOCOLS.find((p) => offered.includes(p));
}

const SUCCESS = { metadata: {}, status: 'Success' };

function exitStatus(code: number, command: string[]): object {
  // The message of kube-apiserver's remotecommand server (utilexec.CodeExitError).
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

function failureStatus(e: unknown): object {
  return { metadata: {}, status: 'Failure', message: e instanceof Error ? e.message : String(e), reason: 'InternalError', code: 500 };
}

class Channels {
  constructor(
    readonly ws: WebSocket,
    readonly opts: StreamOptions,
  ) {}

  write(stream: number, text: string): void {
    if (text === '') return;
    if (this.opts.tty) {
      // One pty: stderr goes to stdout, and the line discipline writes CR LF (onlcr).
      if (stream === STDERR) stream = STDOUT;
      text = text.replace(/\r?\n/g, '\r\n');
    }
    if ((stream === STDOUT && !this.opts.stdout) || (stream === STDERR && !this.opts.stderr)) return;
    this.ws.send(Buffer.concat([Buffer.from([stream]), Buffer.from(text, 'utf8')]));
  }

  /** Binary output (a tar stream), as it is. */
  writeBytes(stream: number, data: Buffer): void {
    if (data.length === 0 || (stream === STDOUT && !this.opts.stdout)) return;
    // Messages of at most 32 KiB, as the kubelet's stream copies them.
    for (let i = 0; i < data.length; i += 32 * 1024) this.ws.send(Buffer.concat([Buffer.from([stream]), data.subarray(i, i + 32 * 1024)]));
  }

  finish(status: object): void {
    this.ws.send(Buffer.concat([Buffer.from([ERROR]), Buffer.from(JSON.stringify(status), 'utf8')]));
    this.ws.close(1000);
  }
}

/**
 * pods/exec: checks, upgrades, runs the command (after the client's stdin ends when it sends
 * stdin) and reports its exit status.
 */
export function serveExec(cluster: Cluster, namespace: string, name: string, q: URLSearchParams, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const opts = streamOptions(q);
  let container: string;
  try {
    ({ container } = resolveContainer(cluster, namespace, name, opts, 'exec'));
  } catch (e) {
    rejectUpgrade(socket, e);
    return;
  }
  if (!isWebSocketRequest(req)) {
    refuseUpgrade(socket, /spdy/i.test(req.headers.upgrade ?? ''));
    return;
  }
  const protocol = pickProtocol(req);
  if (!protocol) {
    rejectUpgrade(socket, badRequest(`unable to upgrade: no supported sub-protocol among ${JSON.stringify(offeredProtocols(req))} (supported: ${PROTOCOLS.join(', ')})`));
    return;
  }
  const ws = WebSocket.accept(req, socket, head, protocol);
  const ch = new Channels(ws, opts);
  if (opts.stdin && opts.tty && isInteractiveShell(opts.command)) {
    interactiveShell(cluster, namespace, name, container, opts, ws, ch);
    return;
  }
  const input: Buffer[] = [];
  let ran = false;
  const run = (): void => {
    if (ran || !ws.isOpen) return;
    ran = true;
    let status: object;
    try {
      const stdin = Buffer.concat(input);
      const tar = runTar(cluster, namespace, name, container, opts.command, stdin, isBusybox(cluster, namespace, name, container));
      if (tar) {
        // tar writes its notes as it meets the paths, before the end of the archive: kubectl
        // stops reading once the archive ends.
        ch.write(STDERR, tar.stderr);
        ch.writeBytes(STDOUT, tar.stdout);
        status = tar.exitCode === 0 ? SUCCESS : exitStatus(tar.exitCode, opts.command);
      } else {
        const r = cluster.nodes.exec(namespace, name, container, opts.command, stdin.toString('utf8'));
        settleWrites(cluster);
        ch.write(STDOUT, r.stdout);
        ch.write(STDERR, r.stderr);
        status = r.exitCode === 0 ? SUCCESS : exitStatus(r.exitCode, opts.command);
      }
    } catch (e) {
      status = failureStatus(e);
    }
    ch.finish(status);
  };
  ws.handlers = {
    message: (data) => {
      if (data.length === 0) return;
      const id = data[0];
      if (id === STDIN) input.push(data.subarray(1));
      else if (id === CLOSE && data[1] === STDIN) setTimeout(run, 0);
      // Resize (4) and anything else: ignored.
    },
    close: () => {
      // v4 clients end stdin by closing the connection; nothing can be sent any more.
      ran = true;
    },
  };
  // With a TTY a program that is not a shell gets no input here: it runs at once.
  if (!opts.stdin || opts.tty) setTimeout(run, FIRST_WRITE_DELAY_MS);
}

/** Whether a container runs a busybox or alpine image (busybox wording of tool messages). */
function isBusybox(cluster: Cluster, namespace: string, name: string, container: string): boolean {
  const pod = cluster.api.find('Pod', namespace, name);
  const image = String(((pod?.spec?.containers ?? []) as { name: string; image?: string }[]).find((c) => c.name === container)?.image ?? '');
  return /busybox|alpine/.test(image);
}

/** `sh`, `bash`, `ash` (with options, but no `-c`): an interactive shell on a TTY. */
function isInteractiveShell(command: string[]): boolean {
  const exe = (command[0] ?? '').split('/').pop()!;
  return ['sh', 'bash', 'ash'].includes(exe) && !command.includes('-c');
}

/**
 * `kubectl exec -it POD -- sh`: a shell session on the terminal. kubectl sends keystrokes as the
 * terminal produces them (raw mode); the container's pty echoes them, edits the line (backspace,
 * Ctrl-U), interrupts it (Ctrl-C) and hands complete lines to the shell, whose output comes
 * back with CR LF. Each line runs through the kubelet simulation as `sh -c LINE`; `exit [N]` or
 * Ctrl-D on an empty line ends the session with that status.
 *
 * Simplification: every line runs in a fresh shell (a `cd` or a variable does not carry over to
 * the next line), started in the container's working directory; there is no job control,
 * history or line editing beyond backspace and Ctrl-U; escape sequences (arrow keys) are
 * ignored.
 */
function interactiveShell(cluster: Cluster, namespace: string, name: string, container: string, opts: StreamOptions, ws: WebSocket, ch: Channels): void {
  const exe = opts.command[0].split('/').pop()!;
  const pod = cluster.api.find('Pod', namespace, name);
  const image = String(((pod?.spec?.containers ?? []) as { name: string; image?: string }[]).find((c) => c.name === container)?.image ?? '');
  // The prompts of a root shell: bash's default PS1 (\u@\h:\w\$), busybox ash's and dash's.
  const prompt = exe === 'bash' ? `root@${name}:/# ` : /busybox|alpine/.test(image) ? '/ # ' : '# ';
  const raw = (text: string): void => {
    if (ws.isOpen && text) ws.send(Buffer.concat([Buffer.from([STDOUT]), Buffer.from(text, 'utf8')]));
  };
  let line = '';
  let escape = false;
  let done = false;
  const end = (code: number): void => {
    if (done) return;
    done = true;
    ch.finish(code === 0 ? SUCCESS : exitStatus(code, opts.command));
  };
  const runLine = (text: string): void => {
    const trimmed = text.trim();
    const exit = /^exit(?:\s+(\d+))?$/.exec(trimmed);
    if (exit) {
      if (exe === 'bash') raw('exit\r\n');
      end(Number(exit[1] ?? 0) & 255);
      return;
    }
    if (trimmed !== '') {
      try {
        const r = cluster.nodes.exec(namespace, name, container, [opts.command[0], '-c', text]);
        settleWrites(cluster);
        ch.write(STDOUT, r.stdout);
        ch.write(STDERR, r.stderr);
      } catch (e) {
        // The container went away under the session: the session ends as kubectl would see it.
        done = true;
        ch.finish(failureStatus(e));
        return;
      }
    }
    raw(prompt);
  };
  ws.handlers = {
    message: (data) => {
      if (data.length === 0 || done) return;
      if (data[0] === CLOSE && data[1] === STDIN) return end(0);
      if (data[0] !== STDIN) return; // resize and the rest
      // Keys typed before the shell started come after its first prompt.
      showPrompt();
      for (const c of data.subarray(1).toString('utf8')) {
        if (escape) {
          // CSI sequences end with a letter or ~.
          if (/[A-Za-z~]/.test(c)) escape = false;
          continue;
        }
        switch (c) {
          case '\x1b':
            escape = true;
            break;
          case '\r':
          case '\n': {
            raw('\r\n');
            const text = line;
            line = '';
            runLine(text);
            if (done) return;
            break;
          }
          case '\x7f':
          case '\b':
            if (line.length > 0) {
              line = line.slice(0, -1);
              raw('\b \b');
            }
            break;
          case '\x03':
            line = '';
            raw(`^C\r\n${prompt}`);
            break;
          case '\x15':
            raw('\b \b'.repeat(line.length));
            line = '';
            break;
          case '\x04':
            if (line === '') {
              if (exe === 'bash') raw('exit\r\n');
              return end(0);
            }
            break;
          default:
            if (c >= ' ') {
              line += c;
              raw(c);
            }
        }
      }
    },
    close: () => {
      done = true;
    },
  };
  let prompted = false;
  const showPrompt = (): void => {
    if (prompted) return;
    prompted = true;
    raw(prompt);
  };
  setTimeout(showPrompt, FIRST_WRITE_DELAY_MS);
}

/**
 * pods/attach: streams the container's output (from its start) until the container exits.
 */
export function serveAttach(
  cluster: Cluster,
  namespace: string,
  name: string,
  q: URLSearchParams,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  streams: Set<() => void>,
): void {
  const opts = streamOptions(q);
  let container: string;
  try {
    ({ container } = resolveContainer(cluster, namespace, name, opts, 'attach'));
  } catch (e) {
    rejectUpgrade(socket, e);
    return;
  }
  if (!isWebSocketRequest(req)) {
    refuseUpgrade(socket, /spdy/i.test(req.headers.upgrade ?? ''));
    return;
  }
  const protocol = pickProtocol(req);
  if (!protocol) {
    rejectUpgrade(socket, badRequest(`unable to upgrade: no supported sub-protocol among ${JSON.stringify(offeredProtocols(req))}`));
    return;
  }
  const ws = WebSocket.accept(req, socket, head, protocol);
  const ch = new Channels(ws, opts);
  let stopFollow: (() => void) | undefined;
  let done = false;
  const stop = (): void => {
    if (done) return;
    done = true;
    stopFollow?.();
    streams.delete(stop);
    if (ws.isOpen) ch.finish(SUCCESS);
  };
  streams.add(stop);
  ws.handlers = {
    // Simplification: the simulated containers read no stdin; resize is ignored.
    message: () => {},
    close: () => {
      done = true;
      stopFollow?.();
      streams.delete(stop);
    },
  };
  setTimeout(() => {
    if (done) return;
    try {
      let ended = false;
      stopFollow = cluster.nodes.followLogs(namespace, name, container, {}, {
        line: (l: LogLine) => ch.write(l.stream === 'stderr' ? STDERR : STDOUT, `${l.text}\n`),
        end: () => {
          ended = true;
          if (stopFollow) stop();
        },
      });
      if (ended) stop();
    } catch (e) {
      done = true;
      streams.delete(stop);
      ch.finish(failureStatus(e));
    }
  }, FIRST_WRITE_DELAY_MS);
}

/** Any other upgrade (SPDY, or WebSocket elsewhere): refused with a Status. */
export function refuseUpgrade(socket: Duplex, spdy: boolean): void {
  rejectUpgrade(
    socket,
    badRequest(
      spdy
        ? 'the simulated apiserver serves exec and attach over WebSocket (v5.channel.k8s.io) only, not SPDY'
        : 'Upgrade request required',
    ),
  );
}

export const CHANNELS = { STDIN, STDOUT, STDERR, ERROR, CLOSE };
