/**
 * The plain-language explanations of the selected object's problems (ImagePullBackOff, a
 * pod that cannot be scheduled, a Service without pods ...), asked from the worker whenever the
 * object changes.
 */
import { useEffect, useState } from 'react';
import { getEngine } from '../../engine-client';
import type { Hint } from '../../engine-client/protocol';
import { HintLine } from '../hints/HintLine';

export function InspectorHints({ kind, objectKey, version }: { kind: string; objectKey: string; version: unknown }) {
  const [hints, setHints] = useState<Hint[]>([]);
  useEffect(() => {
    let cancelled = false;
    void getEngine()
      .diagnose(kind, objectKey)
      .then((r) => {
        if (!cancelled) setHints(r.ok ? r.value : []);
      });
    return () => {
      cancelled = true;
    };
  }, [kind, objectKey, version]);
  if (hints.length === 0) return null;
  return (
    <div className="inspector-hints" data-testid="inspector-hints">
      {hints.map((h) => (
        <HintLine key={h.code} hint={h} />
      ))}
    </div>
  );
}
