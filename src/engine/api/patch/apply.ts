/**
 * The patch of client-side `kubectl apply` for an object that exists
 * (k8s.io/kubectl/pkg/cmd/apply/patcher.go, patchSimple with the built-in schema): a
 * three-way strategic merge of the last-applied annotation (original), the new manifest with
 * its own annotation (modified) and the live object (current).
 */
import type { JsonObject } from './go';
import { modifiedConfiguration, originalConfiguration } from './last-applied';
import { PatchSchema } from './schema';
import { createThreeWayMergePatch } from './strategic';

export interface ApplyPatch {
  /** The strategic merge patch body; `{}` means unchanged. */
  patch: JsonObject;
  /** The live object had no last-applied annotation (kubectl warns and patches it in). */
  missingAnnotation: boolean;
}

/**
 * `manifest` is the object as read from the file, with metadata.namespace already defaulted
 * for namespaced kinds (kubectl's builder does that before apply).
 */
export function clientSideApplyPatch(manifest: JsonObject, live: JsonObject, kind: string): ApplyPatch {
  const modified = JSON.parse(modifiedConfiguration(manifest, true)) as JsonObject;
  const originalText = originalConfiguration(live as { metadata?: { annotations?: Record<string, string> } });
  const original = originalText ? (JSON.parse(originalText) as JsonObject) : {};
  const patch = createThreeWayMergePatch(original, modified, live, PatchSchema.forKind(kind));
  return { patch, missingAnnotation: originalText === undefined };
}
