/**
 * Access logs of the servers on the simulated network: the line each server writes per request
 * (nginx's `main` log_format, Apache's common log format, ingress-nginx's `upstreaminfo`), handed
 * to the sinks the kubelet registers so that the lines show up in `kubectl logs`.
 */
import type { KObject } from '../api/types/meta';
import type { Connected, PodNetwork } from './pod-network';
import { nginxTimeLocal, utf8Length, type ServerRequest, type ServerResponse } from './servers';

/** An access-log line sink: (pod, container, line without newline). */
export type AccessLogSink = (pod: KObject, container: string, line: string) => void;

const sinks = new WeakMap<PodNetwork, Set<AccessLogSink>>();

/** Registers where servers' access-log lines go (the kubelet appends them to container logs). */
export function addAccessLogSink(net: PodNetwork, sink: AccessLogSink): () => void {
  let s = sinks.get(net);
  if (!s) sinks.set(net, (s = new Set()));
  s.add(sink);
  return () => s!.delete(sink);
}

/** Writes one line to a container's log through the sinks. */
export function emitAccessLog(net: PodNetwork, pod: KObject, container: string, line: string): void {
  for (const sink of sinks.get(net) ?? []) sink(pod, container, line);
}

/** Something that wants to know each request a pod served (the metrics source counts them). */
export type RequestObserver = (pod: KObject, listenerKind: string) => void;

const observers = new WeakMap<PodNetwork, Set<RequestObserver>>();

/** Registers a request observer; returns its removal. */
export function addRequestObserver(net: PodNetwork, fn: RequestObserver): () => void {
  let s = observers.get(net);
  if (!s) observers.set(net, (s = new Set()));
  s.add(fn);
  return () => s!.delete(fn);
}

function header(req: ServerRequest, name: string): string | undefined {
  return req.headers.find(([k]) => k.toLowerCase() === name)?.[1];
}

/** The access-log line of a server that logs (nginx, nginxdemos/hello, httpd) for one request. */
export function accessLog(net: PodNetwork, conn: Connected, req: ServerRequest, res: ServerResponse): void {
  if (conn.pod && conn.listener) for (const fn of observers.get(net) ?? []) fn(conn.pod, conn.listener.kind);
  if (!sinks.get(net)?.size || !conn.pod || !conn.listener) return;
  const ua = header(req, 'user-agent') ?? '-';
  const referer = header(req, 'referer') ?? '-';
  const xff = header(req, 'x-forwarded-for') ?? '-';
  const reqLine = `${req.method} ${req.path} HTTP/1.1`;
  const bytes = req.method === 'HEAD' ? 0 : utf8Length(res.body);
  let line: string | undefined;
  if (conn.listener.kind === 'nginx' || conn.listener.kind === 'nginxdemos-hello') {
    line = `${req.remoteIP} - - [${nginxTimeLocal(req.nowMs)}] "${reqLine}" ${res.status} ${bytes} "${referer}" "${ua}" "${xff}"`;
  } else if (conn.listener.kind === 'httpd') {
    line = `${req.remoteIP} - - [${nginxTimeLocal(req.nowMs)}] "${reqLine}" ${res.status} ${bytes}`;
  }
  if (line !== undefined) emitAccessLog(net, conn.pod, conn.listener.container, line);
}
