/**
 * Container logs as the CRI writes them (pkg/kubelet/kuberuntime/logs): one file per container
 * instance, one entry per line with its stream and a nanosecond timestamp, read back with
 * `--tail`, `--since`, `--limit-bytes` and `--timestamps` (RFC3339Nano with nine fixed digits),
 * and followed (`logs -f`) until the container exits.
 */

export type Stream = 'stdout' | 'stderr';

export interface LogLine {
  /** Simulated time in ms. */
  ms: number;
  /** Nanoseconds within the millisecond, to keep lines of one ms ordered and distinct. */
  ns: number;
  stream: Stream;
  text: string;
}

/** Lines kept per container instance (the kubelet rotates at 10 MiB; we cap by lines). */
export const MAX_LINES = 5000;

/** `2026-11-26T09:05:01.123456789Z` (types.RFC3339NanoFixed). */
export function logTimestamp(line: { ms: number; ns: number }): string {
  const iso = new Date(Math.floor(line.ms / 1000) * 1000).toISOString().slice(0, 19);
  const frac = String((line.ms % 1000) * 1_000_000 + line.ns).padStart(9, '0');
  return `${iso}.${frac}Z`;
}

export interface LogSink {
  line(l: LogLine): void;
  /** The container exited (or was removed): no more lines will come. */
  end(): void;
}

export interface LogQuery {
  tailLines?: number;
  /** Only lines at or after this simulated time (ms). */
  sinceMs?: number;
  limitBytes?: number;
}

/** The log of one container instance. */
export class ContainerLog {
  readonly lines: LogLine[] = [];
  private partial: Record<Stream, string> = { stdout: '', stderr: '' };
  private sinks = new Set<LogSink>();
  private seq = 0;
  ended = false;

  /** Appends output text; complete lines become entries, a trailing partial line waits. */
  write(ms: number, stream: Stream, text: string): void {
    if (this.ended || !text) return;
    const buf = this.partial[stream] + text;
    const parts = buf.split('\n');
    this.partial[stream] = parts.pop()!;
    for (const p of parts) this.push(ms, stream, p);
  }

  /** Appends whole lines (no newline handling). */
  writeLines(ms: number, stream: Stream, lines: string[]): void {
    for (const l of lines) this.push(ms, stream, l);
  }

  private push(ms: number, stream: Stream, text: string): void {
    text.charCodeAt(0); // flattens a concatenated line: logs are kept for the container's life
    const line: LogLine = { ms, ns: (this.seq++ * 137) % 1_000_000, stream, text };
    this.lines.push(line);
    if (this.lines.length > MAX_LINES * 1.2) this.lines.splice(0, this.lines.length - MAX_LINES);
    for (const s of this.sinks) s.line(line);
  }

  /** Flushes partial lines and tells followers the log is complete. */
  close(ms: number): void {
    if (this.ended) return;
    for (const stream of ['stdout', 'stderr'] as Stream[]) {
      if (this.partial[stream]) this.push(ms, stream, this.partial[stream]);
      this.partial[stream] = '';
    }
    this.ended = true;
    for (const s of [...this.sinks]) s.end();
    this.sinks.clear();
  }

  /** Lines selected by a query, oldest first. */
  read(q: LogQuery = {}): LogLine[] {
    let lines = this.lines;
    if (q.sinceMs !== undefined) {
      const since = q.sinceMs;
      lines = lines.filter((l) => l.ms >= since);
    }
    if (q.tailLines !== undefined && q.tailLines >= 0) lines = q.tailLines === 0 ? [] : lines.slice(-q.tailLines);
    if (q.limitBytes !== undefined) {
      let bytes = 0;
      const out: LogLine[] = [];
      for (const l of lines) {
        const size = l.text.length + 1;
        if (bytes + size > q.limitBytes) {
          const left = q.limitBytes - bytes;
          if (left > 0) out.push({ ...l, text: l.text.slice(0, left) });
          break;
        }
        bytes += size;
        out.push(l);
      }
      lines = out;
    }
    return lines;
  }

  /** Follows new lines; returns an unsubscribe function. */
  follow(sink: LogSink): () => void {
    if (this.ended) {
      sink.end();
      return () => {};
    }
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }
}
