/**
 * Generates the Kubernetes JSON schema the YAML editor bundles (k8s-schema.json), offline, from
 * the type declarations and field documentation of the kubernetes-types package (the Kubernetes
 * OpenAPI rendered as TypeScript), parsed with the TypeScript compiler API.
 *
 * Run: `node --import tsx src/ui/panels/editor/gen-schema.ts` (a test checks the committed file
 * is what this produces).
 *
 * Simplification: numbers are `number` (kubernetes-types does not keep int32/int64); fields of
 * `status` are kept (the editor shows what `kubectl get -o yaml` prints).
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { KIND_VERSIONS, typesModule } from './schema';

type Schema = Record<string, unknown>;

interface ModuleDecls {
  /** Local name -> module id it is imported from. */
  imports: Map<string, string>;
  decls: Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>;
}

function docOf(node: ts.Node): string | undefined {
  const tags = ts.getJSDocCommentsAndTags(node);
  for (const t of tags) {
    if (ts.isJSDoc(t) && typeof t.comment === 'string') return t.comment.trim();
  }
  return undefined;
}

export function generateSchema(root: string): Schema {
  const modules = new Map<string, ModuleDecls>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.d.ts')) {
        const id = relative(root, path).replace(/\.d\.ts$/, '');
        const sf = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
        const m: ModuleDecls = { imports: new Map(), decls: new Map() };
        for (const st of sf.statements) {
          if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
            const from = join(dirname(id), (st.moduleSpecifier as ts.StringLiteral).text).replace(/\\/g, '/');
            for (const el of st.importClause.namedBindings.elements) m.imports.set(el.name.text, from);
          } else if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) {
            m.decls.set(st.name.text, st);
          }
        }
        modules.set(id, m);
      }
    }
  };
  walk(root);

  const definitions: Record<string, Schema> = {};
  const defId = (mod: string, name: string) => `${mod.replace(/\//g, '.')}.${name}`;

  const typeToSchema = (node: ts.TypeNode, mod: string): Schema => {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword:
        return {};
    }
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { type: 'string', enum: [node.literal.text] };
    if (ts.isArrayTypeNode(node)) return { type: 'array', items: typeToSchema(node.elementType, mod) };
    if (ts.isParenthesizedTypeNode(node)) return typeToSchema(node.type, mod);
    if (ts.isUnionTypeNode(node)) {
      const parts = node.types.map((t) => typeToSchema(t, mod));
      const simple = parts.every((p) => Object.keys(p).length === 1 && typeof p.type === 'string');
      return simple ? { type: [...new Set(parts.map((p) => p.type as string))] } : { anyOf: parts };
    }
    if (ts.isTypeLiteralNode(node)) {
      const index = node.members.find(ts.isIndexSignatureDeclaration);
      if (index?.type) return { type: 'object', additionalProperties: typeToSchema(index.type, mod) };
      return { type: 'object' };
    }
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText();
      if (name === 'Array' && node.typeArguments?.length === 1) return { type: 'array', items: typeToSchema(node.typeArguments[0], mod) };
      const target = modules.get(mod)?.decls.has(name) ? mod : modules.get(mod)?.imports.get(name);
      if (target && modules.get(target)?.decls.has(name)) {
        define(target, name);
        return { $ref: `#/definitions/${defId(target, name)}` };
      }
    }
    return {};
  };

  const define = (mod: string, name: string): void => {
    const id = defId(mod, name);
    if (definitions[id]) return;
    const decl = modules.get(mod)!.decls.get(name)!;
    definitions[id] = {}; // placeholder against cycles (JSONSchemaProps refers to itself)
    const description = docOf(decl);
    let schema: Schema;
    if (ts.isTypeAliasDeclaration(decl) && name === 'Quantity') {
      // resource.Quantity serializes as a string, but YAML manifests write `cpu: 1` too.
      schema = { type: ['string', 'number'] };
    } else if (ts.isTypeAliasDeclaration(decl)) {
      schema = typeToSchema(decl.type, mod);
    } else {
      const properties: Record<string, Schema> = {};
      const required: string[] = [];
      for (const member of decl.members) {
        if (!ts.isPropertySignature(member) || !member.type) continue;
        const key = member.name.getText().replace(/^"|"$/g, '');
        const doc = docOf(member);
        const prop = typeToSchema(member.type, mod);
        properties[key] = doc ? { ...prop, description: doc } : prop;
        if (!member.questionToken) required.push(key);
      }
      // Unknown fields are errors, as for `kubectl apply` (server-side strict field validation).
      schema = { type: 'object', properties, additionalProperties: false };
      if (required.length) schema.required = required;
    }
    definitions[id] = description ? { ...schema, description } : schema;
  };

  const cases: Schema[] = [];
  for (const [kind, apiVersion] of Object.entries(KIND_VERSIONS)) {
    const mod = typesModule(apiVersion);
    if (!modules.get(mod)?.decls.has(kind)) throw new Error(`kubernetes-types has no ${kind} in ${mod}`);
    define(mod, kind);
    cases.push({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { $ref: `#/definitions/${defId(mod, kind)}` },
    });
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes object',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { type: 'string', enum: [...new Set(Object.values(KIND_VERSIONS))], description: 'APIVersion defines the versioned schema of this representation of an object.' },
      kind: { type: 'string', enum: Object.keys(KIND_VERSIONS), description: 'Kind is a string value representing the REST resource this object represents.' },
    },
    allOf: cases,
    definitions,
  };
}

export const SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), 'k8s-schema.json');
export const TYPES_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../../node_modules/kubernetes-types');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, JSON.stringify(generateSchema(TYPES_ROOT)) + '\n');
  console.log(`wrote ${SCHEMA_FILE}`);
}
