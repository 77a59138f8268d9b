/**
 * RFC 6455 framing and the exec/attach channel protocol over a raw TCP connection to the HTTP
 * apiserver (no kubectl needed): handshake, channel messages, exit codes in the error channel,
 * stdin with the v5 close signal, ping/pong, fragmented messages, protocol errors, and the
 * HTTP errors answered before an upgrade.
 */
import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';
import { serve, type ApiHttpServer } from '../apiserver';
import { clientFrame, frame, OPCODES, parseFrame } from './websocket';

describe('frames', () => {
  it('reads masked client frames of every length form, and waits for incomplete ones', () => {
    for (const n of [0, 5, 125, 126, 1000, 65535, 65536, 70000]) {
      const payload = Buffer.alloc(n, 7);
      const f = clientFrame(OPCODES.OP_BINARY, payload);
      const parsed = parseFrame(f);
      expect(parsed).toMatchObject({ fin: true, opcode: OPCODES.OP_BINARY, length: f.length });
      expect((parsed as { payload: Buffer }).payload.equals(payload)).toBe(true);
      expect(parseFrame(f.subarray(0, f.length - 1))).toBeUndefined();
    }
  });

  it('refuses unmasked client frames, reserved bits and oversized control frames', () => {
    expect(parseFrame(frame(OPCODES.OP_BINARY, Buffer.from('x')))).toBe('error');
    const rsv = clientFrame(OPCODES.OP_BINARY, Buffer.from('x'));
    rsv[0] |= 0x40;
    expect(parseFrame(rsv)).toBe('error');
    expect(parseFrame(clientFrame(OPCODES.OP_PING, Buffer.alloc(126)))).toBe('error');
    expect(parseFrame(clientFrame(OPCODES.OP_PING, Buffer.alloc(1), false))).toBe('error');
  });

  it('writes server frames unmasked with the shortest length form', () => {
    expect([...frame(OPCODES.OP_BINARY, Buffer.from([1, 2]))]).toEqual([0x82, 2, 1, 2]);
    expect([...frame(OPCODES.OP_CLOSE, Buffer.alloc(200)).subarray(0, 4)]).toEqual([0x88, 126, 0, 200]);
    expect([...frame(OPCODES.OP_BINARY, Buffer.alloc(70000)).subarray(0, 10)]).toEqual([0x82, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70]);
  });
});

let cluster: Cluster;
let srv: ApiHttpServer;

beforeAll(async () => {
  cluster = createCluster({ nodes: 1, seed: 3 });
  cluster.api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'box', namespace: 'default' },
    spec: { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'echo started; sleep 3600'] }, { name: 'side', image: 'nginx:1.27' }] },
  });
  cluster.advance(30);
  srv = await serve(cluster, 0);
});

afterAll(async () => {
  await srv.close();
});

interface Exchange {
  status: string;
  headers: string;
  /** Binary messages from the server, in order. */
  messages: Buffer[];
  /** The close frame's code, if one came. */
  closeCode?: number;
  body: string;
}

/**
 * Opens a WebSocket (or a plain upgrade request) to `path`, sends `frames` after the handshake,
 * and collects what comes back until the server closes.
 */
function exchange(path: string, opts: { protocols?: string[]; frames?: Buffer[]; upgrade?: string; method?: string } = {}): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const sock: Socket = connect(srv.port, '127.0.0.1');
    const key = Buffer.from('0123456789abcdef').toString('base64');
    const head = [
      `${opts.method ?? 'GET'} ${path} HTTP/1.1`,
      'Host: 127.0.0.1',
      `Upgrade: ${opts.upgrade ?? 'websocket'}`,
      'Connection: Upgrade',
      ...(opts.upgrade && opts.upgrade !== 'websocket' ? [] : [`Sec-WebSocket-Key: ${key}`, 'Sec-WebSocket-Version: 13']),
      `Sec-WebSocket-Protocol: ${(opts.protocols ?? ['v5.channel.k8s.io']).join(', ')}`,
      '',
      '',
    ].join('\r\n');
    let buf = Buffer.alloc(0);
    let headerEnd = -1;
    const out: Exchange = { status: '', headers: '', messages: [], body: '' };
    sock.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (headerEnd < 0) {
        headerEnd = buf.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const text = buf.subarray(0, headerEnd).toString();
        out.status = text.split('\r\n')[0];
        out.headers = text;
        buf = buf.subarray(headerEnd + 4);
        if (out.status.includes(' 101 ')) {
          const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
          if (!text.includes(`Sec-WebSocket-Accept: ${accept}`)) reject(new Error(`bad accept key in ${text}`));
          for (const f of opts.frames ?? []) sock.write(f);
        }
      }
      if (!out.status.includes(' 101 ')) return;
      // Server frames are unmasked: parse them by hand.
      for (;;) {
        if (buf.length < 2) return;
        let len = buf[1] & 0x7f;
        let off = 2;
        if (len === 126) {
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        if (buf.length < off + len) return;
        const opcode = buf[0] & 0x0f;
        const payload = buf.subarray(off, off + len);
        buf = buf.subarray(off + len);
        if (opcode === OPCODES.OP_BINARY) out.messages.push(Buffer.from(payload));
        else if (opcode === OPCODES.OP_PONG) out.messages.push(Buffer.concat([Buffer.from('PONG:'), payload]));
        else if (opcode === OPCODES.OP_CLOSE) {
          out.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : undefined;
          sock.end(clientFrame(OPCODES.OP_CLOSE, payload.subarray(0, 2)));
        }
      }
    });
    sock.on('end', () => {
      if (!out.status.includes(' 101 ')) out.body = buf.toString();
      resolve(out);
    });
    sock.on('error', reject);
    sock.write(head);
  });
}

const channel = (id: number, text: string): Buffer => Buffer.concat([Buffer.from([id]), Buffer.from(text)]);
const decoded = (m: Buffer): [number, string] => [m[0], m.subarray(1).toString()];
const execPath = (args: string[], extra = '') => `/api/v1/namespaces/default/pods/box/exec?${args.map((a) => `command=${encodeURIComponent(a)}`).join('&')}&container=main&stdout=true&stderr=true${extra}`;

describe('exec over WebSocket', () => {
  it('negotiates v5.channel.k8s.io and streams stdout, then a Success status and a normal close', async () => {
    const r = await exchange(execPath(['echo', 'hello']), { protocols: ['v5.channel.k8s.io', 'v4.channel.k8s.io'] });
    expect(r.status).toBe('HTTP/1.1 101 Switching Protocols');
    expect(r.headers).toContain('Sec-WebSocket-Protocol: v5.channel.k8s.io');
    expect(r.messages.map(decoded)).toEqual([
      [1, 'hello\n'],
      [3, '{"metadata":{},"status":"Success"}'],
    ]);
    expect(r.closeCode).toBe(1000);
  });

  it('reports a non-zero exit code as NonZeroExitCode with an ExitCode cause', async () => {
    const r = await exchange(execPath(['sh', '-c', 'exit 3']), { protocols: ['v4.channel.k8s.io'] });
    expect(r.headers).toContain('Sec-WebSocket-Protocol: v4.channel.k8s.io');
    const status = JSON.parse(decoded(r.messages.at(-1)!)[1]);
    expect(status).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('runs the command once the client closes stdin (v5 close signal), with stdin as its input', async () => {
    const r = await exchange(execPath(['sh'], '&stdin=true'), {
      frames: [clientFrame(OPCODES.OP_BINARY, channel(0, 'echo one\n')), clientFrame(OPCODES.OP_BINARY, channel(0, 'echo two\n')), clientFrame(OPCODES.OP_BINARY, Buffer.from([255, 0]))],
    });
    expect(r.messages.map(decoded)).toEqual([
      [1, 'one\ntwo\n'],
      [3, '{"metadata":{},"status":"Success"}'],
    ]);
  });

  it('answers pings, reassembles fragmented messages and ignores resize messages', async () => {
    const first = clientFrame(OPCODES.OP_BINARY, channel(0, 'echo fr'), false);
    const rest = clientFrame(OPCODES.OP_CONTINUATION, Buffer.from('agment\n'));
    const r = await exchange(execPath(['sh'], '&stdin=true'), {
      frames: [clientFrame(OPCODES.OP_PING, Buffer.from('hb')), first, rest, clientFrame(OPCODES.OP_BINARY, channel(4, '{"Width":80,"Height":24}')), clientFrame(OPCODES.OP_BINARY, Buffer.from([255, 0]))],
    });
    expect(r.messages.map((m) => m.toString('latin1'))).toContain('PONG:hb');
    expect(r.messages.filter((m) => m[0] === 1).map(decoded)).toEqual([[1, 'fragment\n']]);
  });

  it('merges stderr into stdout with CR LF line ends on a TTY', async () => {
    const r = await exchange(execPath(['sh', '-c', 'echo a; ls /nonexistent'], '&tty=true'));
    const out = r.messages.filter((m) => m[0] === 1).map((m) => m.subarray(1).toString()).join('');
    expect(out).toBe('a\r\nls: /nonexistent: No such file or directory\r\n');
    expect(r.messages.some((m) => m[0] === 2)).toBe(false);
  });

  it('runs an interactive shell on a TTY: echo, line editing, Ctrl-C, a prompt per line, exit N', async () => {
    const keys = (text: string) => clientFrame(OPCODES.OP_BINARY, channel(0, text));
    const r = await exchange('/api/v1/namespaces/default/pods/box/exec?command=sh&container=main&stdin=true&stdout=true&tty=true', {
      frames: [keys('echo hi'), keys('\r'), keys('ecXX\x7f\x7fho b\r'), keys('junk\x03'), keys('\x1b[Aexit 4\r')],
    });
    const out = r.messages.filter((m) => m[0] === 1).map((m) => m.subarray(1).toString()).join('');
    expect(out).toBe('/ # echo hi\r\nhi\r\n/ # ecXX\b \b\b \bho b\r\nb\r\n/ # junk^C\r\n/ # exit 4\r\n');
    expect(JSON.parse(decoded(r.messages.at(-1)!)[1]).details.causes).toEqual([{ reason: 'ExitCode', message: '4' }]);
  });

  it('closes with a protocol error on an unmasked frame', async () => {
    const r = await exchange(execPath(['sh'], '&stdin=true'), { frames: [frame(OPCODES.OP_BINARY, channel(0, 'x'))] });
    expect(r.closeCode).toBe(1002);
  });

  it('answers errors found before the upgrade as kube-apiserver and the kubelet do', async () => {
    const missing = await exchange('/api/v1/namespaces/default/pods/nope/exec?command=ls&stdout=true');
    expect(missing.status).toBe('HTTP/1.1 404 Not Found');
    expect(JSON.parse(missing.body)).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'pods "nope" not found' });
    const noContainer = await exchange('/api/v1/namespaces/default/pods/box/exec?command=ls&stdout=true');
    expect(JSON.parse(noContainer.body).message).toBe('a container name must be specified for pod box, choose one of: [main side]');
    const badContainer = await exchange('/api/v1/namespaces/default/pods/box/exec?command=ls&stdout=true&container=x');
    expect(JSON.parse(badContainer.body).message).toBe('container x is not valid for pod box');
    const noCommand = await exchange('/api/v1/namespaces/default/pods/box/exec?stdout=true&container=main');
    expect(JSON.parse(noCommand.body).message).toBe('you must specify at least 1 command');
    const noProtocol = await exchange(execPath(['ls']), { protocols: ['base64.channel.k8s.io'] });
    expect(noProtocol.status).toBe('HTTP/1.1 400 Bad Request');
  });

  it('answers a SPDY upgrade with a Status, so that kubectl reports the reason', async () => {
    const r = await exchange(execPath(['ls']), { upgrade: 'SPDY/3.1', method: 'POST' });
    expect(r.status).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(r.body).message).toBe('the simulated apiserver serves exec and attach over WebSocket (v5.channel.k8s.io) only, not SPDY');
  });
});

describe('attach over WebSocket', () => {
  it('streams the container output, then ends with Success when the container exits', async () => {
    const pending = exchange('/api/v1/namespaces/default/pods/box/attach?container=main&stdout=true&stderr=true');
    await new Promise((r) => setTimeout(r, 100));
    cluster.nodes.kill('default', 'box', 'main', { exitCode: 0 });
    const r = await pending;
    expect(r.messages.map(decoded)).toEqual([
      [1, 'started\n'],
      [3, '{"metadata":{},"status":"Success"}'],
    ]);
  });
});
