/**
 * Runs a read-only shell command in the worker (never journaled) and keeps its output; runs it
 * again when `input` or `version` changes, at most every REFRESH_MS while the object changes.
 */
import { useEffect, useState } from 'react';
import { getEngine } from '../../engine-client';
import type { ExecResult } from '../../engine-client/protocol';

const REFRESH_MS = 500;

export interface ExecState {
  loading: boolean;
  result?: ExecResult;
  error?: string;
}

export function useExec(input: string | undefined, version: unknown): ExecState {
  const [state, setState] = useState<ExecState>({ loading: !!input });
  useEffect(() => {
    if (!input) {
      setState({ loading: false });
      return;
    }
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      void getEngine()
        .exec(input, { record: false })
        .then((r) => {
          if (cancelled) return;
          setState(r.ok ? { loading: false, result: r.value } : { loading: false, error: r.error });
        });
    }, state.result ? REFRESH_MS : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // `state.result` only decides the first delay; re-running on it would loop.
  }, [input, version]);
  return state;
}
