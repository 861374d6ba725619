#!/usr/bin/env node
// Derives schemas/membrane/*.json (JSON Schema draft-07) from the zod 4 schemas exported by
// @membranehq/sdk (pinned in tests/contract/package.json), converted with the zod the SDK itself
// depends on (resolved from the SDK's own location, never a separately installed zod):
//
//   z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any', io })
//
//   node tests/contract/scripts/export-membrane-schemas.mjs           write / refresh the files
//   node tests/contract/scripts/export-membrane-schemas.mjs --check   compare only; exit 1 on drift
//   node tests/contract/scripts/export-membrane-schemas.mjs --verbose also list cuts / dropped keywords
//
// File names are what the emulator loads as schemas/membrane/<name>.json (see TARGETS and
// schemas/membrane/README.md). Conventions:
//   - requests and queries use io:'input' (what a client may send; unknown keys are allowed,
//     zod strips them), responses use io:'output', where zod marks every object it strips with
//     `additionalProperties: false` (the SDK would drop unknown keys, so the emulator must not
//     send any). The script asserts that, for every response, the 'output' and 'input'
//     conversions differ in nothing but those `additionalProperties: false` (so a response that
//     passes the file also passes the SDK's `safeParse`, which parses the input side);
//   - every `$ref` is inlined, `definitions` dropped; a `$ref` that repeats inside its own
//     expansion (DataSchema -> properties -> DataSchema, ErrorDataSchema -> causedByError) is cut
//     to `{}` (permissive); an anyOf/oneOf that thereby gets a `{}` branch is widened to `{}`;
//   - only draft-07 validation keywords are kept (plus `default`); `description`, `title`,
//     `examples`, `$comment`, `readOnly`, `writeOnly`, `deprecated` and the SDK's own `.meta()`
//     keys (`hidden`, `filterTitle`, `referenceElementType`, `isFlag`, ...) are dropped as
//     keywords only; properties named `title`/`description`/... are kept;
//   - `propertyNames: {type: 'string'}` (always true for JSON) is dropped;
//   - query files: every property must end up with one plain `type` (the emulator coerces
//     query strings by it); an anyOf/coercion would be simplified to its target type and
//     reported (none at SDK 0.28.3).
// Hand-written files (MANUAL) are never generated, overwritten or deleted; --check only requires
// that they exist and parse.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { checkOrWrite, isMain, schemaFiles, schemaText, sortedByName } from './schema-files.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const SCHEMA_DIR = path.resolve(here, '../../../schemas/membrane');
export { DRAFT_07 } from './schema-files.mjs';
export const SDK_ENTRY = require.resolve('@membranehq/sdk');
const sdkRequire = createRequire(SDK_ENTRY);
/** The zod the SDK depends on (its nested copy), not any other zod in node_modules. */
export const zod = sdkRequire('zod');
export const sdk = require('@membranehq/sdk');

// Hand-written (the SDK exports no zod schema for them, only TypeScript interfaces).
export const MANUAL = Object.freeze([
  'operations.response.json', // OperationListItem[]
  'operation.response.json', // OperationSpec
  'dataCollections.response.json', // DataCollectionListItem[]
]);

export const ELEMENT_KINDS = Object.freeze([
  // kind (file prefix), SDK schema stem, path segment, SDK accessor names
  { kind: 'action', stem: 'Action', segment: 'actions', list: 'actions', one: 'action' },
  { kind: 'flow', stem: 'Flow', segment: 'flows', list: 'flows', one: 'flow' },
  { kind: 'dataSource', stem: 'DataSource', segment: 'data-sources', list: 'dataSources', one: 'dataSource' },
  { kind: 'fieldMapping', stem: 'FieldMapping', segment: 'field-mappings', list: 'fieldMappings', one: 'fieldMapping' },
]);

const pagination = (item) => sdk.createPaginationResponseSchema(item);

/**
 * Every generated file: { file, role: request|query|response, from: human-readable source,
 * schema: () => zod schema }.
 */
export const TARGETS = Object.freeze([
  { file: 'createIntegration.request.json', role: 'request', from: 'CreateIntegrationRequest', schema: () => sdk.CreateIntegrationRequest },
  { file: 'updateIntegration.request.json', role: 'request', from: 'UpdateIntegrationRequest', schema: () => sdk.UpdateIntegrationRequest },
  { file: 'findIntegrations.query.json', role: 'query', from: 'FindIntegrationsQuery', schema: () => sdk.FindIntegrationsQuery },
  { file: 'integration.response.json', role: 'response', from: 'IntegrationApiResponse', schema: () => sdk.IntegrationApiResponse },
  { file: 'integrationList.response.json', role: 'response', from: 'createPaginationResponseSchema(IntegrationApiResponse)', schema: () => pagination(sdk.IntegrationApiResponse) },
  // DataSchema occurs 836 times in ConnectorSpec (every auth method / function spec): expanded
  // once each, the file would be 5 MB. Here only it is reduced to {type:'object'} (it is a
  // passthrough object whose keys are all optional, so little is lost): 0.9 MB.
  { file: 'connectorSpec.response.json', role: 'response', from: 'ConnectorSpec', schema: () => sdk.ConnectorSpec, collapse: () => [sdk.DataSchema] },
  { file: 'dataCollection.response.json', role: 'response', from: 'DataCollectionSpec', schema: () => sdk.DataCollectionSpec },
  { file: 'connectionOptions.request.json', role: 'request', from: 'GenerateOptionsRequest', schema: () => sdk.GenerateOptionsRequest },
  { file: 'connectionOptions.response.json', role: 'response', from: 'z.array(IntegrationAuthOption)', schema: () => zod.array(sdk.IntegrationAuthOption) },
  { file: 'error.response.json', role: 'response', from: 'ErrorDataSchema', schema: () => sdk.ErrorDataSchema },
  ...ELEMENT_KINDS.flatMap(({ kind, stem }) => [
    { file: `${kind}.create.request.json`, role: 'request', from: `Create${stem}Request`, schema: () => sdk[`Create${stem}Request`] },
    { file: `${kind}.update.request.json`, role: 'request', from: `Update${stem}Request`, schema: () => sdk[`Update${stem}Request`] },
    { file: `${kind}.response.json`, role: 'response', from: `${stem}ApiResponse`, schema: () => sdk[`${stem}ApiResponse`] },
    { file: `${kind}.list.query.json`, role: 'query', from: `Find${stem}sQuery`, schema: () => sdk[`Find${stem}sQuery`] },
    { file: `${kind}List.response.json`, role: 'response', from: `createPaginationResponseSchema(${stem}ApiResponse)`, schema: () => pagination(sdk[`${stem}ApiResponse`]) },
  ]),
]);

// Draft-07 keywords kept (validation facts; `default` as in the other vendors' files).
const KEEP = new Set([
  'type', 'enum', 'const', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'format', 'items', 'additionalItems', 'maxItems', 'minItems',
  'uniqueItems', 'contains', 'maxProperties', 'minProperties', 'required', 'properties',
  'patternProperties', 'additionalProperties', 'dependencies', 'propertyNames', 'if', 'then', 'else',
  'allOf', 'anyOf', 'oneOf', 'not', 'default',
]);
// Annotations dropped silently.
const ANNOTATIONS = new Set([
  'description', 'title', 'examples', 'example', '$comment', 'readOnly', 'writeOnly', 'deprecated', '$schema', '$id',
  'contentEncoding', 'contentMediaType',
]);
const SCHEMA_MAP = new Set(['properties', 'patternProperties']);
const SCHEMA_ONE = new Set(['additionalProperties', 'additionalItems', 'contains', 'propertyNames', 'if', 'then', 'else', 'not']);
const SCHEMA_ARRAY = new Set(['allOf', 'anyOf', 'oneOf']);

function isPermissive(s) {
  return s === true || (s !== null && typeof s === 'object' && !Array.isArray(s) && Object.keys(s).length === 0);
}

/** zod's JSON Schema for `schema`, io 'input' or 'output'. */
export function rawJsonSchema(schema, io, collapse = []) {
  const options = { target: 'draft-7', unrepresentable: 'any', io };
  if (collapse.length > 0) {
    const hit = new Set(collapse.flatMap((z) => [z, z._zod && z._zod.innerType].filter(Boolean)));
    // Replaces the conversion of the listed zod schemas (and of a z.lazy's inner type) by {type:'object'}.
    options.override = (ctx) => {
      if (!hit.has(ctx.zodSchema)) return;
      for (const k of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[k];
      ctx.jsonSchema.type = 'object';
    };
  }
  return zod.toJSONSchema(schema, options);
}

function resolveRef(root, ref) {
  if (ref === '#') return root;
  const m = /^#\/(definitions|\$defs)\/(.+)$/.exec(ref);
  if (!m) throw new Error(`unsupported $ref ${ref}`);
  const defs = root[m[1]] || {};
  const name = decodeURIComponent(m[2]).replace(/~1/g, '/').replace(/~0/g, '~');
  if (!(name in defs)) throw new Error(`dangling $ref ${ref}`);
  return defs[name];
}

/**
 * Self-contained draft-07 copy of `node` (a schema inside `root`). ctx collects
 * { cycles:Set, widened:Set, dropped:Set } for reporting.
 */
export function inline(root, node, ctx, stack = []) {
  if (node === true || node === false) return node;
  if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new Error(`not a schema: ${JSON.stringify(node)}`);
  if (typeof node.$ref === 'string') {
    const ref = node.$ref;
    let target;
    if (stack.includes(ref)) {
      ctx.cycles.add([...stack.slice(stack.indexOf(ref)), ref].map((r) => (r === '#' ? '(root)' : r.split('/').pop())).join(' -> '));
      target = {};
    } else {
      target = inline(root, resolveRef(root, ref), ctx, [...stack, ref]);
    }
    const rest = Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref'));
    const siblings = inline(root, rest, ctx, stack);
    if (Object.keys(siblings).length === 0) return target;
    if (Object.keys(target).length === 0) return siblings;
    return { allOf: [target, siblings] };
  }
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'definitions' || key === '$defs') continue; // reachable only through $ref
    if (ANNOTATIONS.has(key)) continue;
    if (!KEEP.has(key)) {
      ctx.dropped.add(key);
      continue;
    }
    if (SCHEMA_MAP.has(key)) {
      const map = {};
      for (const [name, sub] of Object.entries(value)) map[name] = inline(root, sub, ctx, stack);
      out[key] = map;
    } else if (key === 'items') {
      out.items = Array.isArray(value) ? value.map((s) => inline(root, s, ctx, stack)) : inline(root, value, ctx, stack);
    } else if (key === 'dependencies') {
      const map = {};
      for (const [name, sub] of Object.entries(value)) map[name] = Array.isArray(sub) ? [...sub] : inline(root, sub, ctx, stack);
      out.dependencies = map;
    } else if (key === 'propertyNames') {
      const sub = inline(root, value, ctx, stack);
      // JSON object keys are always strings: {type:'string'} says nothing.
      if (!(Object.keys(sub).length === 1 && sub.type === 'string') && !isPermissive(sub)) out.propertyNames = sub;
    } else if (SCHEMA_ONE.has(key)) {
      out[key] = inline(root, value, ctx, stack);
    } else if (SCHEMA_ARRAY.has(key)) {
      const branches = value.map((s) => inline(root, s, ctx, stack));
      if (key === 'allOf') {
        const kept = branches.filter((b) => !isPermissive(b));
        if (kept.length > 1) {
          out.allOf = kept;
        } else if (kept.length === 1) {
          // zod wraps a described/meta'd $ref in a one-branch allOf: hoist it when no keyword clashes.
          const only = kept[0];
          const clash = Object.keys(only).some((k) => k in node && k !== 'allOf');
          if (clash) out.allOf = kept;
          else Object.assign(out, only);
        }
      } else if (branches.some(isPermissive)) {
        ctx.widened.add(key); // one always-true branch: anyOf accepts everything; oneOf would misbehave
      } else {
        out[key] = branches;
      }
    } else {
      out[key] = structuredClone(value);
    }
  }
  return out;
}

/** Removes every `additionalProperties: false` (to compare an output conversion with an input one). */
function withoutClosedObjects(node) {
  if (Array.isArray(node)) return node.map(withoutClosedObjects);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'additionalProperties' && v === false) continue;
    out[k] = withoutClosedObjects(v);
  }
  return out;
}

/** An `allOf` whose branches are closed objects cannot be satisfied by the union of their keys. */
function assertNoClosedAllOf(node, file, where = '#') {
  if (Array.isArray(node)) return node.forEach((n, i) => assertNoClosedAllOf(n, file, `${where}/${i}`));
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node.allOf) && node.allOf.length > 1 && node.allOf.some((b) => b && b.additionalProperties === false)) {
    throw new Error(`${file}: allOf of closed objects at ${where}`);
  }
  for (const [k, v] of Object.entries(node)) assertNoClosedAllOf(v, file, `${where}/${k}`);
}

const SIMPLE_QUERY_TYPES = new Set(['string', 'integer', 'number', 'boolean']);

/** Query properties must have one plain scalar `type`; anyOf/coercions are reduced to the target type. */
function simplifyQuery(schema, file, ctx) {
  if (schema.type !== 'object' || !schema.properties) throw new Error(`${file}: query is not an object schema`);
  for (const [name, prop] of Object.entries(schema.properties)) {
    if (typeof prop.type === 'string' && SIMPLE_QUERY_TYPES.has(prop.type) && !prop.anyOf && !prop.oneOf && !prop.allOf) continue;
    const branches = prop.anyOf || prop.oneOf || (Array.isArray(prop.type) ? prop.type.map((t) => ({ type: t })) : null);
    if (!branches) throw new Error(`${file}: query property ${name} has no plain type: ${JSON.stringify(prop)}`);
    // The coercion target: the non-string scalar branch if any (strings are what arrives), else string.
    const typed = branches.filter((b) => typeof b.type === 'string' && SIMPLE_QUERY_TYPES.has(b.type));
    const target = typed.find((b) => b.type !== 'string') || typed[0];
    if (!target) throw new Error(`${file}: query property ${name} cannot be simplified: ${JSON.stringify(prop)}`);
    schema.properties[name] = structuredClone(target);
    ctx.simplified.add(`${name}: ${JSON.stringify(prop)} -> ${JSON.stringify(target)}`);
  }
  return schema;
}

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Builds one target: returns { text, report }. */
export function buildTarget(target) {
  const zschema = target.schema();
  if (!zschema) throw new Error(`${target.file}: @membranehq/sdk does not export ${target.from}`);
  const ctx = { cycles: new Set(), widened: new Set(), dropped: new Set(), simplified: new Set() };
  const io = target.role === 'response' ? 'output' : 'input';
  const collapse = target.collapse ? target.collapse() : [];
  const raw = rawJsonSchema(zschema, io, collapse);
  let schema = inline(raw, raw, ctx, ['#']);
  if (ctx.widened.size > 0 && ctx.cycles.size === 0) {
    throw new Error(`${target.file}: ${[...ctx.widened]} with a permissive branch not caused by a recursion cut`);
  }
  if (target.role === 'response') {
    const other = { cycles: new Set(), widened: new Set(), dropped: new Set(), simplified: new Set() };
    const rawIn = rawJsonSchema(zschema, 'input', collapse);
    const asInput = inline(rawIn, rawIn, other, ['#']);
    if (!sameJson(withoutClosedObjects(schema), asInput)) {
      throw new Error(`${target.file}: zod's output and input conversions of ${target.from} differ beyond ` +
        'additionalProperties:false (defaults/transforms?); decide which side the emulator must satisfy');
    }
    assertNoClosedAllOf(schema, target.file);
  }
  if (target.role === 'query') schema = simplifyQuery(schema, target.file, ctx);
  return { text: schemaText(schema), report: ctx };
}

/** Builds every generated file in memory: { files: Map<name, text> (sorted), reports: Map<name, ctx> }. */
export function buildSchemaFiles() {
  const files = new Map();
  const reports = new Map();
  for (const target of TARGETS) {
    if (files.has(target.file)) throw new Error(`duplicate output ${target.file}`);
    if (MANUAL.includes(target.file)) throw new Error(`${target.file} is both generated and manual`);
    const { text, report } = buildTarget(target);
    files.set(target.file, text);
    reports.set(target.file, report);
  }
  return { files: sortedByName(files), reports };
}

// Every .json file but the hand-written ones is generated.
const SCHEMA_FILES = schemaFiles({
  dir: SCHEMA_DIR, manual: MANUAL, generatedName: /\.json$/, source: 'SDK', manualDraft07: true,
});

/** Compares generated files with the disk. Returns a list of human-readable problems. */
export function checkDrift(files, dir = SCHEMA_DIR) {
  return SCHEMA_FILES.checkDrift(files, dir);
}

export function sdkVersion() {
  // package.json is not in the SDK's `exports`; it sits next to dist/.
  const pkg = path.resolve(path.dirname(SDK_ENTRY), '..', 'package.json');
  return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
}

export function zodVersion() {
  const pkg = path.resolve(path.dirname(sdkRequire.resolve('zod')), 'package.json');
  return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
}

function main(argv) {
  const check = argv.includes('--check');
  const verbose = argv.includes('--verbose');
  const { files, reports } = buildSchemaFiles();
  const versions = `@membranehq/sdk ${sdkVersion()} (zod ${zodVersion()})`;
  if (verbose) {
    for (const [name, r] of reports) {
      if (r.cycles.size) console.log(`${name}: recursion cut ${[...r.cycles].sort().join('; ')}`);
      if (r.widened.size) console.log(`${name}: widened ${[...r.widened].join(', ')} to {}`);
      if (r.dropped.size) console.log(`${name}: dropped non-draft-07 keywords ${[...r.dropped].sort().join(', ')}`);
      if (r.simplified.size) console.log(`${name}: simplified ${[...r.simplified].join('; ')}`);
    }
  }
  return checkOrWrite(SCHEMA_FILES, files, {
    check,
    against: versions,
    regenerate: 'node tests/contract/scripts/export-membrane-schemas.mjs',
    matchedNote: `; ${MANUAL.length} hand-written present`,
    writtenFrom: true,
    warnMissingManual: (names) => {
      if (names.length) console.error(`warning: hand-written files missing: ${names.join(', ')}`);
    },
  });
}

if (isMain(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
