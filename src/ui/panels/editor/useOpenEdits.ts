/**
 * Opens the YAML editor when a `kubectl edit` in a terminal starts waiting for it (the worker
 * pushes the waiting edits), as kubectl starts $EDITOR on its temporary file. Each edit opens
 * once; closing the editor tab does not reopen it.
 */
import { useEffect, useRef } from 'react';
import { useCluster } from '../../state/cluster-store';
import { useUi } from '../../state/ui-store';

export function useOpenEdits(): void {
  const edits = useCluster((s) => s.edits);
  const generation = useCluster((s) => s.status?.generation ?? 0);
  const openInEditor = useUi((s) => s.openInEditor);
  const seen = useRef(new Set<string>());
  useEffect(() => {
    for (const e of edits) {
      const id = `${generation}:${e.term}:${e.id}`;
      if (seen.current.has(id)) continue;
      seen.current.add(id);
      openInEditor(e.path);
    }
  }, [edits, generation, openInEditor]);
}
