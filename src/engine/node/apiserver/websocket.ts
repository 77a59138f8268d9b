/**
 * A minimal RFC 6455 WebSocket server side for the HTTP apiserver's streaming subresources
 * (exec, attach): the opening handshake with sub-protocol negotiation (section 4.2), frames
 * (section 5: FIN, opcodes, client masking, 7/16/64-bit lengths, fragmented messages), ping/pong
 * and the closing handshake. Written by hand so that the server needs no dependency.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/** Largest message accepted from a client (stdin chunks are 32 KiB in client-go). */
const MAX_MESSAGE = 16 * 1024 * 1024;

/** Whether a request asks for a WebSocket upgrade. */
export function isWebSocketRequest(req: IncomingMessage): boolean {
  return (
    (req.headers.upgrade ?? '').toLowerCase() === 'websocket' &&
    (req.headers.connection ?? '').toLowerCase().split(/\s*,\s*/).includes('upgrade') &&
    typeof req.headers['sec-websocket-key'] === 'string'
  );
}

/** The sub-protocols the client offers, in its order. */
export function offeredProtocols(req: IncomingMessage): string[] {
  const h = req.headers['sec-websocket-protocol'];
  const all = Array.isArray(h) ? h.join(',') : (h ?? '');
  return all
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

export interface WebSocketHandlers {
  /** A complete message (binary or text). */
  message?(data: Buffer, binary: boolean): void;
  /** The connection is gone (closing handshake done, or the socket ended). */
  close?(code: number | undefined): void;
}

export class WebSocket {
  private buffer: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private fragmentOpcode = 0;
  private closed = false;
  private sentClose = false;
  handlers: WebSocketHandlers = {};

  constructor(
    private socket: Duplex,
    readonly protocol: string,
  ) {
    socket.on('data', (d: Buffer) => this.receive(d));
    socket.on('close', () => this.gone(undefined));
    socket.on('end', () => this.gone(undefined));
    socket.on('error', () => this.gone(undefined));
  }

  /**
   * Completes the opening handshake with `protocol` (which must be one the client offered, or
   * '' for none) and returns the connection. `head` is what the HTTP parser read past the headers.
   */
  static accept(req: IncomingMessage, socket: Duplex, head: Buffer, protocol: string): WebSocket {
    const key = String(req.headers['sec-websocket-key']);
    const acceptKey = createHash('sha1').update(key + GUID).digest('base64');
    const lines = ['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${acceptKey}`];
    if (protocol) lines.push(`Sec-WebSocket-Protocol: ${protocol}`);
    socket.write(lines.join('\r\n') + '\r\n\r\n');
    const ws = new WebSocket(socket, protocol);
    if (head.length) ws.receive(head);
    return ws;
  }

  get isOpen(): boolean {
    return !this.closed && !this.sentClose;
  }

  /** Sends a binary message. */
  send(data: Buffer): void {
    if (!this.isOpen) return;
    this.socket.write(frame(OP_BINARY, data));
  }

  /** Starts the closing handshake (1000: normal closure) and ends the socket soon after. */
  close(code = 1000, reason = ''): void {
    if (this.closed || this.sentClose) return;
    this.sentClose = true;
    const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
    payload.writeUInt16BE(code, 0);
    payload.write(reason, 2);
    this.socket.write(frame(OP_CLOSE, payload));
    // The client answers with its close frame; do not wait for it forever.
    const timer = setTimeout(() => this.socket.destroy(), 2000);
    timer.unref?.();
    this.socket.once('close', () => clearTimeout(timer));
  }

  /** Drops the connection without a closing handshake. */
  destroy(): void {
    this.socket.destroy();
    this.gone(undefined);
  }

  private gone(code: number | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.handlers.close?.(code);
  }

  private receive(d: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, d]) : d;
    for (;;) {
      if (this.closed) return;
      const f = parseFrame(this.buffer);
      if (f === undefined) return;
      if (f === 'error') {
        this.protocolError(1002);
        return;
      }
      this.buffer = this.buffer.subarray(f.length);
      this.onFrame(f.fin, f.opcode, f.payload);
    }
  }

  private protocolError(code: number): void {
    if (!this.sentClose) {
      this.sentClose = true;
      const payload = Buffer.alloc(2);
      payload.writeUInt16BE(code, 0);
      this.socket.write(frame(OP_CLOSE, payload));
    }
    this.socket.end();
    this.gone(code);
  }

  private onFrame(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case OP_PING:
        if (!this.sentClose) this.socket.write(frame(OP_PONG, payload));
        return;
      case OP_PONG:
        return;
      case OP_CLOSE: {
        const code = payload.length >= 2 ? payload.readUInt16BE(0) : undefined;
        if (!this.sentClose) {
          this.sentClose = true;
          this.socket.write(frame(OP_CLOSE, payload.subarray(0, 2)));
        }
        this.socket.end();
        this.gone(code);
        return;
      }
      case OP_TEXT:
      case OP_BINARY:
        if (this.fragments.length) return this.protocolError(1002);
        if (fin) {
          this.handlers.message?.(payload, opcode === OP_BINARY);
          return;
        }
        this.fragmentOpcode = opcode;
        this.fragments.push(payload);
        return;
      case OP_CONTINUATION: {
        if (!this.fragments.length) return this.protocolError(1002);
        this.fragments.push(payload);
        const size = this.fragments.reduce((n, b) => n + b.length, 0);
        if (size > MAX_MESSAGE) return this.protocolError(1009);
        if (fin) {
          const data = Buffer.concat(this.fragments);
          this.fragments = [];
          this.handlers.message?.(data, this.fragmentOpcode === OP_BINARY);
        }
        return;
      }
      default:
        this.protocolError(1002);
    }
  }
}

interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
  /** Bytes of the buffer the frame took. */
  length: number;
}

/** One frame from the start of `buf`: undefined when incomplete, 'error' when malformed. */
export function parseFrame(buf: Buffer): Frame | undefined | 'error' {
  if (buf.length < 2) return undefined;
  const b0 = buf[0];
  const b1 = buf[1];
  if (b0 & 0x70) return 'error'; // RSV bits without a negotiated extension
  const opcode = b0 & 0x0f;
  const fin = (b0 & 0x80) !== 0;
  const masked = (b1 & 0x80) !== 0;
  if (!masked) return 'error'; // client frames must be masked (section 5.1)
  let len = b1 & 0x7f;
  let off = 2;
  if (len === 126) {
    if (buf.length < 4) return undefined;
    len = buf.readUInt16BE(2);
    off = 4;
  } else if (len === 127) {
    if (buf.length < 10) return undefined;
    const big = buf.readBigUInt64BE(2);
    if (big > BigInt(MAX_MESSAGE)) return 'error';
    len = Number(big);
    off = 10;
  }
  if (opcode >= 0x8 && (len > 125 || !fin)) return 'error'; // control frames (section 5.5)
  if (len > MAX_MESSAGE) return 'error';
  if (buf.length < off + 4 + len) return undefined;
  const mask = buf.subarray(off, off + 4);
  const payload = Buffer.alloc(len);
  for (let i = 0; i < len; i++) payload[i] = buf[off + 4 + i] ^ mask[i & 3];
  return { fin, opcode, payload, length: off + 4 + len };
}

/** A server frame (unmasked, FIN set). */
export function frame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  let header: Buffer;
  if (len < 126) {
    header = Buffer.from([0x80 | opcode, len]);
  } else if (len < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(len, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([header, payload]);
}

/** A client frame (masked), for tests. */
export function clientFrame(opcode: number, payload: Buffer, fin = true, mask = Buffer.from([1, 2, 3, 4])): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | len]) : Buffer.alloc(len < 65536 ? 4 : 10);
  if (len >= 126) {
    head[0] = (fin ? 0x80 : 0) | opcode;
    if (len < 65536) {
      head[1] = 0x80 | 126;
      head.writeUInt16BE(len, 2);
    } else {
      head[1] = 0x80 | 127;
      head.writeBigUInt64BE(BigInt(len), 2);
    }
  }
  const body = Buffer.alloc(len);
  for (let i = 0; i < len; i++) body[i] = payload[i] ^ mask[i & 3];
  return Buffer.concat([head, mask, body]);
}

export const OPCODES = { OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG };
