/**
 * The `kubectl.kubernetes.io/last-applied-configuration` annotation of client-side apply, as
 * kubectl writes it (k8s.io/kubectl/pkg/util/apply.go): the applied object encoded by the
 * unstructured JSON encoder (compact, keys sorted, a trailing newline), with the annotation
 * itself removed first. An object without annotations gets `"annotations":{}`, because kubectl
 * sets the (emptied) map back before encoding.
 */
import { goJson, isObject, type JsonObject } from './go';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

function annotationsOf(obj: JsonObject): Record<string, string> {
  const meta = isObject(obj.metadata) ? obj.metadata : (obj.metadata = {});
  const a = meta.annotations;
  return isObject(a) ? ({ ...a } as Record<string, string>) : {};
}

function setAnnotations(obj: JsonObject, annots: Record<string, string>): void {
  (obj.metadata as JsonObject).annotations = annots;
}

/**
 * GetModifiedConfiguration: the JSON kubectl compares and sends. With `annotate`, the result
 * carries the annotation holding the object's own encoding (what apply's patch sets).
 * `obj` is not changed.
 */
export function modifiedConfiguration(obj: JsonObject, annotate: boolean): string {
  const copy = structuredClone(obj);
  const annots = annotationsOf(copy);
  delete annots[LAST_APPLIED_ANNOTATION];
  setAnnotations(copy, annots);
  let modified = goJson(copy) + '\n';
  if (annotate) {
    setAnnotations(copy, { ...annots, [LAST_APPLIED_ANNOTATION]: modified });
    modified = goJson(copy) + '\n';
  }
  return modified;
}

/** GetOriginalConfiguration: the annotation of a live object, if any. */
export function originalConfiguration(obj: { metadata?: { annotations?: Record<string, string> } }): string | undefined {
  return obj.metadata?.annotations?.[LAST_APPLIED_ANNOTATION];
}

/**
 * CreateApplyAnnotation: a copy of `obj` carrying the annotation (what `kubectl apply` and
 * `kubectl create --save-config` send on create).
 */
export function withApplyAnnotation<T extends object>(obj: T): T {
  const copy = structuredClone(obj) as unknown as JsonObject;
  const modified = modifiedConfiguration(copy, false);
  const annots = annotationsOf(copy);
  annots[LAST_APPLIED_ANNOTATION] = modified;
  setAnnotations(copy, annots);
  return copy as unknown as T;
}
