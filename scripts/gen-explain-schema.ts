/**
 * Generates src/engine/kubectl/explain/schema.json, the field index `kubectl explain` reads,
 * from the types and JSDoc field documentation of the installed kubernetes-types package
 * (parsed with the TypeScript compiler API). Run: `npx tsx scripts/gen-explain-schema.ts`.
 *
 * Output: { types: { "<group>.<version>.<Name>": { d: description, r: [required], t?: type, p: {
 * field: FieldType } } } } where a FieldType is { t: primitive } | { ref } | { items } |
 * { map } plus an optional d (the field's description).
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { RESOURCES } from '../src/engine/api/resources';

const ROOT = join(process.cwd(), 'node_modules/kubernetes-types');
const files: string[] = [];
const walk = (dir: string): void => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.d.ts')) files.push(p);
  }
};
walk(ROOT);
const program = ts.createProgram(files, { allowJs: false });
const checker = program.getTypeChecker();

/** `apps/v1.d.ts` -> `apps.v1`. */
const prefixOf = (file: string): string => relative(ROOT, file).replace(/\.d\.ts$/, '').replace(/\//g, '.');

type Field = { t?: string; ref?: string; items?: Field; map?: Field; d?: string };
const types: Record<string, { d: string; r: string[]; p: Record<string, Field>; t?: string }> = {};
/** Aliases that are primitives in the OpenAPI document (Time, MicroTime) or named opaque types. */
const OPAQUE_ALIAS = new Set(['Quantity', 'IntOrString', 'Time', 'MicroTime']);
/** The OpenAPI type of opaque schemas that have one (Time and MicroTime are strings). */
const OPAQUE_TYPE: Record<string, string> = { Time: 'string', MicroTime: 'string' };

function doc(node: ts.Node): string {
  const sym = (node as { name?: ts.Node }).name ? checker.getSymbolAtLocation((node as unknown as { name: ts.Node }).name) : undefined;
  return sym ? ts.displayPartsToString(sym.getDocumentationComment(checker)) : '';
}

function fieldType(node: ts.TypeNode): Field {
  if (ts.isArrayTypeNode(node)) return { items: fieldType(node.elementType) };
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText();
    if (name === 'Array' && node.typeArguments?.length) return { items: fieldType(node.typeArguments[0]) };
    if (OPAQUE_ALIAS.has(name)) return { ref: name };
    const sym = checker.getSymbolAtLocation(node.typeName);
    const target = sym && sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    const decl = target?.declarations?.[0];
    if (decl && ts.isInterfaceDeclaration(decl)) return { ref: `${prefixOf(decl.getSourceFile().fileName)}.${decl.name.text}` };
    if (decl && ts.isTypeAliasDeclaration(decl)) return fieldType(decl.type);
    return { t: 'Object' };
  }
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index) return { map: fieldType(index.type) };
    return { t: 'object' };
  }
  if (ts.isUnionTypeNode(node)) {
    const kinds = node.types.map((t) => t.kind);
    if (kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) return { ref: 'IntOrString' };
    return fieldType(node.types[0]);
  }
  if (ts.isLiteralTypeNode(node)) return { t: ts.isStringLiteral(node.literal) ? 'string' : 'boolean' };
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { t: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { t: 'integer' };
    case ts.SyntaxKind.BooleanKeyword:
      return { t: 'boolean' };
  }
  return { t: 'Object' };
}

for (const sf of program.getSourceFiles()) {
  if (!sf.fileName.startsWith(ROOT)) continue;
  const prefix = prefixOf(sf.fileName);
  ts.forEachChild(sf, (node) => {
    if (ts.isTypeAliasDeclaration(node) && OPAQUE_ALIAS.has(node.name.text)) {
      types[node.name.text] = { d: doc(node), r: [], p: {}, ...(OPAQUE_TYPE[node.name.text] ? { t: OPAQUE_TYPE[node.name.text] } : {}) };
    }
    if (!ts.isInterfaceDeclaration(node)) return;
    const t = { d: doc(node), r: [] as string[], p: {} as Record<string, Field> };
    for (const m of node.members) {
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const name = m.name.getText().replace(/^"|"$/g, '');
      const f = fieldType(m.type);
      const d = doc(m);
      if (d) f.d = d;
      t.p[name] = f;
      if (!m.questionToken) t.r.push(name);
    }
    types[`${prefix}.${node.name.text}`] = t;
  });
}
// IntOrString has no declaration in kubernetes-types: the apimachinery description.
types.IntOrString ??= {
  d: 'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
  r: [],
  p: {},
};
// Keep only what the served kinds reach (api/resources.ts), to keep the bundle small.
const keep = new Set<string>();
const visit = (key: string): void => {
  if (keep.has(key) || !types[key]) return;
  keep.add(key);
  const walkField = (f: Field): void => {
    if (f.ref) visit(f.ref);
    if (f.items) walkField(f.items);
    if (f.map) walkField(f.map);
  };
  for (const f of Object.values(types[key].p)) walkField(f);
};
for (const r of RESOURCES) visit(`${r.group ? r.group.split('.')[0] : 'core'}.${r.version}.${r.kind}`);
const kept = Object.fromEntries([...keep].sort().map((k) => [k, types[k]]));
writeFileSync(join(process.cwd(), 'src/engine/kubectl/explain/schema.json'), JSON.stringify({ types: kept }));
console.log(Object.keys(kept).length, 'types');
