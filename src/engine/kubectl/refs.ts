/**
 * Resource references as kubectl's resource.Builder resolves them
 * (k8s.io/cli-runtime/pkg/resource/builder.go, visitor.go, mapper.go):
 *
 * - `TYPE` (list), `TYPE NAME...`, `TYPE1,TYPE2 NAME` (expanded to `TYPE1/NAME TYPE2/NAME`),
 *   `TYPE/NAME...`, the `all` category, `-l`/`--field-selector`/`--all` with types;
 * - `-f FILE|DIR|-` (read through the shell's file system; `.json`, `.yaml`, `.yml` in
 *   directories, `-R` to recurse; multi-document YAML; `kind: List` flattened);
 * - the builder's errors with upstream's texts.
 *
 * `resolveTargets` turns flags and args into targets; `fetchTargets` reads them from the
 * apiserver (continuing on errors as `ContinueOnError` does).
 */
import { metadataOnlyError } from '../api/decode';
import { isStatusError, StatusError } from '../api/errors';
import type { ApiServer } from '../api/server';
import { resolveResource, RESOURCES, resourceForKind, type ResourceInfo } from '../api/resources';
import type { KObject } from '../api/types/meta';
import type { Kctx } from './command';
import { AggregateError, CmdError } from './errors';
import { goQuote } from './flags';
import { decodeStream, objectKindErrors, validationError } from './manifest';

/** `You must provide one or more resources ...` (builder.go missingResourceError). */
export const MSG_MISSING_RESOURCE = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** One thing to act on. */
export type Target =
  /** A named object to read from the apiserver. */
  | { type: 'name'; info: ResourceInfo; namespace?: string; name: string }
  /** Every object of a type matching selectors (namespace undefined: all namespaces). */
  | { type: 'list'; info: ResourceInfo; namespace?: string; labelSelector: string; fieldSelector: string }
  /** An object read from a file (or stdin). */
  | { type: 'object'; info: ResourceInfo; namespace?: string; name: string; object: KObject; source: string };

export interface ResolveOptions {
  args: readonly string[];
  filenames?: readonly string[];
  recursive?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  /** `--all`: select everything of the given types. */
  all?: boolean;
  allNamespaces?: boolean;
  /** With a single type argument, list everything (get, describe). */
  allowEmptySelector?: boolean;
  /** Expand discovery categories (`all`). */
  expandCategories?: boolean;
  singleResourceType?: boolean;
  /**
   * Collects the errors of `-f` documents (ContinueOnError) instead of throwing the first: the
   * good documents are still returned.
   */
  errors?: unknown[];
}

/** The resource a typed name refers to, or NoResourceMatchError. */
export function mappingFor(typed: string): ResourceInfo {
  const info = resolveResource(typed);
  if (info) return info;
  // Kinds (`Deployment`, `Deployment.apps`) resolve too, as the RESTMapper's KindFor fallback.
  const [kind, ...group] = typed.split('.');
  const byKind = RESOURCES.find(
    (r) => r.kind.toLowerCase() === kind.toLowerCase() && (group.length === 0 || r.group === group.join('.')),
  );
  if (byKind) return byKind;
  // builder.mappingFor: `the server doesn't have a resource type %q` with the resource part of
  // schema.ParseResourceArg (`foo.bar` -> `foo`), as a plain error.
  throw new CmdError(`the server doesn't have a resource type "${typed.includes('.') ? typed.split('.')[0] : typed}"`);
}

/** Resources in a discovery category (`all`), in discovery order as kubectl expands them. */
export function expandCategory(name: string): ResourceInfo[] | undefined {
  if (name !== 'all') return undefined;
  // kubectl's legacy expansion of `all` (pkg/cmd/get: categories from discovery in this order).
  const order = ['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets',
    'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'];
  return order.map((p) => RESOURCES.find((r) => r.plural === p)!).filter((r) => r.categories?.includes('all'));
}

function splitTypes(arg: string): string[] {
  return arg.split(',').filter((s) => s !== '');
}

/** The namespace a namespaced target uses: `-A` means all (undefined). */
function nsFor(info: ResourceInfo, k: Kctx, allNamespaces: boolean): string | undefined {
  if (!info.namespaced) return undefined;
  return allNamespaces ? undefined : k.namespace;
}

/** Turns args and flags into targets, with the builder's checks and messages. */
export function resolveTargets(k: Kctx, o: ResolveOptions): Target[] {
  let args = [...o.args];
  const filenames = o.filenames ?? [];
  const selectAll = o.all ?? false;
  let labelSelector = o.labelSelector;
  const fieldSelector = o.fieldSelector;
  if (selectAll && labelSelector) {
    throw new CmdError(`setting 'all' parameter but found a non empty selector. `);
  }
  if (selectAll) labelSelector = '';

  if (filenames.length > 0) {
    if (args.length > 0) {
      throw new CmdError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    }
    return readFileTargets(k, filenames, o.recursive ?? false, o.errors);
  }

  // normalizeMultipleResourcesArgs: `a,b x y` -> a/x a/y b/x b/y.
  if (args.length >= 2 && splitTypes(args[0]).length > 1) {
    const types = splitTypes(args[0]);
    args = types.flatMap((t) => args.slice(1).map((n) => `${t}/${n}`));
  }
  const slashed = args.filter((a) => a.includes('/')).length;
  if (slashed > 0 && slashed !== args.length) {
    throw new CmdError(
      "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    );
  }
  const allNs = o.allNamespaces ?? false;
  if (slashed > 0) {
    const tuples = args.map((a) => {
      const seg = a.split('/');
      if (seg.length !== 2) throw new CmdError('arguments in resource/name form may not have more than one slash');
      if (!seg[0] || !seg[1] || splitTypes(seg[0]).length !== 1) {
        throw new CmdError('arguments in resource/name form must have a single resource and name');
      }
      return { resource: seg[0], name: seg[1] };
    });
    if (labelSelector !== undefined && (labelSelector !== '' || selectAll) || fieldSelector) {
      throw new CmdError('selectors and the all flag cannot be used when passing resource/name arguments');
    }
    const infos = new Map<string, ResourceInfo>();
    for (const t of tuples) if (!infos.has(t.resource)) infos.set(t.resource, mappingFor(t.resource));
    if (o.singleResourceType && new Set([...infos.values()].map((i) => i.plural)).size > 1) {
      throw new CmdError('you may only specify a single resource type');
    }
    return tuples.map((t) => {
      const info = infos.get(t.resource)!;
      if (info.namespaced && allNs) throw new CmdError('a resource cannot be retrieved by name across all namespaces');
      return { type: 'name', info, namespace: nsFor(info, k, false), name: t.name };
    });
  }

  if (args.length === 0) {
    if (labelSelector || fieldSelector || selectAll) {
      throw new CmdError('at least one resource must be specified to use a selector');
    }
    throw new CmdError(MSG_MISSING_RESOURCE);
  }
  const typeArgs = splitTypes(args[0]);
  const names = args.slice(1);
  let infos: ResourceInfo[] = [];
  const seen = new Set<string>();
  for (const t of typeArgs) {
    const expanded = o.expandCategories ? expandCategory(t) : undefined;
    for (const info of expanded ?? [mappingFor(t)]) {
      if (seen.has(info.kind)) continue;
      seen.add(info.kind);
      infos.push(info);
    }
  }
  if (names.length > 0) {
    if (labelSelector || fieldSelector || selectAll) throw new CmdError('name cannot be provided when a selector is specified');
    if (infos.length > 1) throw new CmdError('you must specify only one resource');
    const info = infos[0];
    if (info.namespaced && allNs) throw new CmdError('a resource cannot be retrieved by name across all namespaces');
    return names.map((name) => ({ type: 'name', info, namespace: nsFor(info, k, false), name }));
  }
  if (labelSelector === undefined && fieldSelector === undefined && !o.allowEmptySelector) {
    throw new CmdError('resource(s) were provided, but no name was specified');
  }
  if (o.singleResourceType && infos.length > 1) throw new CmdError('you may only specify a single resource type');
  infos = infos.filter((i) => i.verbs.includes('list'));
  return infos.map((info) => ({
    type: 'list',
    info,
    namespace: nsFor(info, k, allNs),
    labelSelector: labelSelector ?? '',
    fieldSelector: fieldSelector ?? '',
  }));
}

/** Paths a `-f` argument names: a file, or the manifest files of a directory. */
function expandPath(k: Kctx, p: string, recursive: boolean): string[] {
  const fs = k.proc.fs;
  const abs = fs.resolve(p);
  if (fs.isDir(abs)) {
    const out: string[] = [];
    for (const f of fs.list(abs)) {
      if (fs.isDir(f)) {
        if (recursive) out.push(...expandPath(k, f, recursive));
      } else if (/\.(json|ya?ml)$/.test(f)) out.push(f);
    }
    return out;
  }
  if (fs.read(abs) === undefined) throw new CmdError(`the path "${p}" does not exist`);
  return [abs];
}

/** One document of `-f` input, or the error it gave (in input order). */
export type ManifestItem = { source: string; object: KObject } | { source: string; error: unknown };

/**
 * Reads the documents of `-f` arguments as the builder's visitors do: each file is a stream
 * (./manifest.ts) that a parse or validation error ends; `validate` is schema validation
 * (`--validate=strict` of apply, create and replace). `kind: List` documents are flattened.
 */
export function readManifestItems(k: Kctx, filenames: readonly string[], recursive: boolean, validate = false): ManifestItem[] {
  const out: ManifestItem[] = [];
  let stdinUsed = false;
  for (const f of filenames) {
    let sources: { name: string; text: string }[];
    if (f === '-') {
      if (stdinUsed) throw new CmdError('standard input cannot be used for multiple arguments');
      stdinUsed = true;
      sources = [{ name: 'STDIN', text: k.proc.stdin ?? '' }];
    } else if (/^https?:\/\//.test(f)) {
      // Simplification: the playground has no network to fetch manifests from.
      throw new CmdError(`unable to read URL "${f}", server reported 404 Not Found, status code=404`);
    } else {
      const paths = expandPath(k, f, recursive);
      // A directory without manifests: FileVisitorForSTDIN/ExpandPathsToFileVisitors find none.
      if (paths.length === 0) throw new CmdError(`error reading [${f}]: recognized file extensions are [.json .yaml .yml]`);
      sources = paths.map((p) => ({ name: p === k.proc.fs.resolve(f) ? f : p, text: k.proc.fs.read(p) ?? '' }));
    }
    for (const src of sources) {
      const { objects, raws, stop } = decodeStream(src.text, src.name);
      let stopped = false;
      for (let i = 0; i < objects.length; i++) {
        const value = objects[i];
        if (value === null || value === undefined) continue;
        if (validate) {
          const errs = objectKindErrors(value);
          if (errs.length > 0) {
            out.push({ source: src.name, error: validationError(src.name, errs) });
            stopped = true;
            break;
          }
        }
        if (typeof value !== 'object' || Array.isArray(value)) {
          const kind = Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'bool';
          out.push({ source: src.name, error: new CmdError(`unable to decode ${JSON.stringify(src.name)}: json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`) });
          continue;
        }
        const obj = value as KObject;
        if (typeof obj.kind !== 'string' || obj.kind === '') {
          out.push({ source: src.name, error: new CmdError(`unable to decode ${JSON.stringify(src.name)}: Object 'Kind' is missing in '${raws[i]}'`) });
          continue;
        }
        const metaErr = metadataOnlyError(obj as unknown as Record<string, unknown>);
        if (metaErr) {
          out.push({ source: src.name, error: new CmdError(`unable to decode ${JSON.stringify(src.name)}: ${metaErr}`) });
          continue;
        }
        if (obj.kind.endsWith('List') && Array.isArray(obj.items)) {
          for (const item of obj.items as KObject[]) out.push({ source: src.name, object: item });
          continue;
        }
        out.push({ source: src.name, object: obj });
      }
      if (stop && !stopped) out.push({ source: src.name, error: stop });
    }
  }
  return out;
}

/** The target of one document, or the builder's mapping error. */
function targetFor(k: Kctx, source: string, object: KObject): Target {
  const info = resourceForKind(object.kind!);
  const name = object.metadata?.name ?? '';
  // RESTMapping(GroupKind, version): without an apiVersion the group is the core group.
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  if (!info || info.group !== group || (version !== '' && version !== info.version)) {
    throw new CmdError(
      `resource mapping not found for name: ${goQuote(String(name))} namespace: ${goQuote(String(object.metadata?.namespace ?? ''))} from ${goQuote(source)}: no matches for kind ${goQuote(object.kind!)} in version ${goQuote(apiVersion)}\nensure CRDs are installed first`,
    );
  }
  let namespace: string | undefined;
  if (info.namespaced) {
    const own = object.metadata?.namespace;
    if (own && k.namespaceExplicit && own !== k.namespace) {
      throw new CmdError(
        `the namespace from the provided object "${own}" does not match the namespace "${k.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
      );
    }
    namespace = own || k.namespace;
  }
  return { type: 'object', info, namespace, name, object, source };
}

/**
 * The targets of `-f` input. Errors of single documents (undecodable, unknown kind) and the
 * errors that end a file go to `errors` in input order when given (ContinueOnError); without it
 * the first error is thrown and nothing is returned.
 */
function readFileTargets(k: Kctx, filenames: readonly string[], recursive: boolean, errors?: unknown[], validate = false): Target[] {
  const targets: Target[] = [];
  const errs: unknown[] = [];
  for (const item of readManifestItems(k, filenames, recursive, validate)) {
    if ('error' in item) {
      errs.push(item.error);
      continue;
    }
    try {
      targets.push(targetFor(k, item.source, item.object));
    } catch (e) {
      if (!(e instanceof CmdError)) throw e;
      errs.push(e);
    }
  }
  if (errors) errors.push(...errs);
  else if (errs.length > 0) throw errs.length === 1 ? errs[0] : new AggregateError(errs);
  return targets;
}

/**
 * `-f` input in order, each document a target or an error (for commands that act on each
 * document as the builder visits it: create, apply, replace).
 */
export function fileTargetsInOrder(k: Kctx, filenames: readonly string[], recursive: boolean, validate: boolean): ({ target: Extract<Target, { type: 'object' }> } | { error: unknown })[] {
  const out: ({ target: Extract<Target, { type: 'object' }> } | { error: unknown })[] = [];
  for (const item of readManifestItems(k, filenames, recursive, validate)) {
    if ('error' in item) {
      out.push({ error: item.error });
      continue;
    }
    try {
      out.push({ target: targetFor(k, item.source, item.object) as Extract<Target, { type: 'object' }> });
    } catch (e) {
      if (!(e instanceof CmdError)) throw e;
      out.push({ error: e });
    }
  }
  return out;
}

/** The result of reading targets: objects grouped as the builder visits them, and errors. */
export interface Fetched {
  info: ResourceInfo;
  /** The target that produced these objects. */
  target: Target;
  objects: KObject[];
}

/**
 * Reads every target from the apiserver. Named objects that are missing give the apiserver's
 * NotFound in `errors` (ContinueOnError); lists give their (possibly empty) items.
 */
export function fetchTargets(api: ApiServer, targets: readonly Target[]): { groups: Fetched[]; errors: unknown[] } {
  const groups: Fetched[] = [];
  const errors: unknown[] = [];
  for (const t of targets) {
    try {
      if (t.type === 'list') {
        const items = api.list(t.info.kind, {
          namespace: t.namespace,
          labelSelector: t.labelSelector || undefined,
          fieldSelector: t.fieldSelector || undefined,
        }).items;
        groups.push({ info: t.info, target: t, objects: items });
      } else {
        const obj = api.get(t.info.kind, t.namespace, t.name);
        groups.push({ info: t.info, target: t, objects: [obj] });
      }
    } catch (e) {
      if (!isStatusError(e)) throw e;
      errors.push(t.type === 'list' ? enhanceListError(e, t) : e);
    }
  }
  return { groups, errors };
}

/**
 * resource.Selector's Visit (EnhanceListError): a BadRequest or NotFound from a list names the
 * resource (`/v1, Resource=pods`) and the selectors, keeping the status reason.
 */
function enhanceListError(e: StatusError, t: Extract<Target, { type: 'list' }>): StatusError {
  if (e.code !== 400 && e.code !== 404) return e;
  const gvr = `${t.info.group}/${t.info.version}, Resource=${t.info.plural}`;
  const msg =
    t.labelSelector === '' && t.fieldSelector === ''
      ? `Unable to list ${goQuote(gvr)}: ${e.message}`
      : `Unable to find ${goQuote(gvr)} that match label selector ${goQuote(t.labelSelector)}, field selector ${goQuote(t.fieldSelector)}: ${e.message}`;
  return new StatusError(e.code, e.reason, msg, e.details);
}
