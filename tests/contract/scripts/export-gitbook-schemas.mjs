#!/usr/bin/env node
// Derives schemas/gitbook/*.json (JSON Schema draft-07) from the OpenAPI 3.1 document shipped
// in @gitbook/api (node_modules/@gitbook/api/spec/openapi.json, pinned in tests/contract/package.json).
//
//   node tests/contract/scripts/export-gitbook-schemas.mjs           write / refresh the files
//   node tests/contract/scripts/export-gitbook-schemas.mjs --check   compare only; exit 1 on drift
//
// For the 37 integration operations (the 36 whose path contains "integration", plus
// listOrganizationInstallations, tagged `integrations`) and 7 supporting reads it writes
//   <operationId>.request.json   the JSON request body schema (ops with a requestBody)
//   <operationId>.query.json     an object schema of the op's `in: query` parameters
//   <operationId>.response.json  the JSON body schema of the op's success (2xx) response;
//                                none for ops whose success has no body (204/205)
// Every file is self-contained draft-07 (the emulator loads them with NJsonSchema 11, which
// does not know 2019-09/2020-12): $refs are inlined; a recursive $ref is cut with a permissive
// `{}` where it repeats, and a oneOf/anyOf that thereby gets a `{}` branch is widened to `{}`
// (oneOf would otherwise reject values the cut branch stood for); 2020-12-only keywords are
// translated or dropped; prose keywords (description, title, examples, x-*, ...) are dropped;
// the facts stay.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { HTTP_METHODS, SCHEMA_ARRAY_KEYWORDS, SCHEMA_KEYWORDS, SCHEMA_MAP_KEYWORDS } from './openapi-document.mjs';
import { nonFactKeyword, openapiRefs, warnOnOperationSetChange } from './openapi-document.mjs';
import { checkOrWrite, isMain, schemaFiles, schemaText, sortedByName } from './schema-files.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const SCHEMA_DIR = path.resolve(here, '../../../schemas/gitbook');
export { DRAFT_07 } from './schema-files.mjs';
export const SPEC_FILE = require.resolve('@gitbook/api/spec/openapi.json');

// Hand-written, never generated, overwritten or deleted by this script.
export const MANUAL = Object.freeze([]);

// Operations tagged `integrations` whose path lacks the word (GET /orgs/{organizationId}/installations).
export const TAGGED_OPERATIONS = Object.freeze(['listOrganizationInstallations']);

// The 36 spec operations whose path contains "integration", then those tagged `integrations` whose path does
// not say so; a sanity check on the selection.
export const INTEGRATION_OPERATIONS = Object.freeze([
  'listSpaceIntegrations', 'listSpaceIntegrationsBlocks', 'listIntegrations', 'getIntegrationByName',
  'publishIntegration', 'unpublishIntegration', 'listIntegrationInstallations', 'installIntegration',
  'listIntegrationEvents', 'getIntegrationEvent', 'listIntegrationSpaceInstallations',
  'listIntegrationSiteInstallations', 'setIntegrationDevelopmentMode', 'disableIntegrationDevelopmentMode',
  'renderIntegrationUIWithGet', 'renderIntegrationUIWithPost', 'queueIntegrationTask',
  'getIntegrationInstallationById', 'updateIntegrationInstallation', 'uninstallIntegration',
  'createIntegrationInstallationToken', 'listIntegrationInstallationSpaces', 'installIntegrationOnSpace',
  'getIntegrationSpaceInstallation', 'updateIntegrationSpaceInstallation', 'uninstallIntegrationFromSpace',
  'listIntegrationInstallationSites', 'installIntegrationOnSite', 'getIntegrationSiteInstallation',
  'updateIntegrationSiteInstallation', 'uninstallIntegrationFromSite', 'listOrganizationIntegrations',
  'getOrganizationIntegrationStatus', 'listOrganizationIntegrationsStatus', 'listSiteIntegrationScripts',
  'listSiteIntegrations',
  ...TAGGED_OPERATIONS,
]);

// Reads the emulator serves so that callers can discover the ids the integration ops need.
export const SUPPORTING_OPERATIONS = Object.freeze([
  'getAuthenticatedUser', 'listOrganizationsForAuthenticatedUser', 'getOrganizationById',
  'listSpacesInOrganizationById', 'listSites', 'getSpaceById', 'getSiteById',
]);

// Dropped besides prose and x-*: annotations and identifiers.
const isNonFact = nonFactKeyword([
  'readOnly', 'writeOnly', '$comment', '$schema', '$id', '$anchor', 'contentMediaType', 'contentEncoding',
  'contentSchema',
]);
// 2019-09 / 2020-12 keywords that draft-07 cannot express and that the spec must not rely on
// without a translation below.
const UNSUPPORTED = new Set(['$dynamicRef', '$dynamicAnchor', '$recursiveRef', '$recursiveAnchor', 'minContains', 'maxContains']);

/** The parsed OpenAPI 3.1 document of the pinned @gitbook/api. */
export function loadSpec() {
  return JSON.parse(fs.readFileSync(SPEC_FILE, 'utf8'));
}

/** The covered operations, in document order: [{ operationId, method, path, op, pathItem }]. */
export function selectedOperations(openapi) {
  const wanted = new Set([...TAGGED_OPERATIONS, ...SUPPORTING_OPERATIONS]);
  const out = [];
  for (const [p, item] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !op || !op.operationId) continue;
      if (p.includes('integration') || wanted.has(op.operationId)) {
        out.push({ operationId: op.operationId, method, path: p, op, pathItem: item });
      }
    }
  }
  return out;
}

// Local $refs are URI fragments in OpenAPI 3.1: pointer segments are percent-decoded.
const { resolvePointer, deref, jsonBodySchema } = openapiRefs({ decodeUri: true });
export { resolvePointer };

function isPermissive(schema) {
  return schema === true || (schema !== null && typeof schema === 'object' && !Array.isArray(schema) &&
    Object.keys(schema).length === 0);
}

/**
 * Converts one OpenAPI 3.1 (JSON Schema 2020-12) Schema Object into a self-contained draft-07
 * schema. `ctx.cycles` collects "A -> ... -> A" descriptions of the recursive refs cut to `{}`.
 */
export function toDraft07(openapi, schema, ctx, refStack = []) {
  if (Array.isArray(schema)) return schema.map((s) => toDraft07(openapi, s, ctx, refStack));
  if (schema === null || typeof schema !== 'object') return schema; // `true` / `false` schemas

  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    let target;
    if (refStack.includes(ref)) {
      // Recursive schema: draft-07 without $ref/definitions cannot express it; accept anything here.
      const cycle = [...refStack.slice(refStack.indexOf(ref)), ref].map((r) => r.split('/').pop()).join(' -> ');
      ctx.cycles.add(cycle);
      target = {};
    } else {
      target = toDraft07(openapi, resolvePointer(openapi, ref), ctx, [...refStack, ref]);
    }
    // OpenAPI 3.1 allows keywords next to $ref; they apply together with the target.
    const rest = {};
    for (const [k, v] of Object.entries(schema)) if (k !== '$ref') rest[k] = v;
    const siblings = toDraft07(openapi, rest, ctx, refStack);
    if (Object.keys(siblings).length === 0) return target;
    if (Object.keys(target).length === 0) return siblings;
    return { allOf: [target, siblings] };
  }

  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (isNonFact(key)) continue;
    if (UNSUPPORTED.has(key)) throw new Error(`keyword ${key} has no draft-07 translation`);
    if (key === '$defs') {
      continue; // only reachable through $ref, which is inlined
    } else if (SCHEMA_MAP_KEYWORDS.has(key)) {
      const map = {};
      for (const [name, sub] of Object.entries(value)) map[name] = toDraft07(openapi, sub, ctx, refStack);
      out[key] = map;
    } else if (key === 'dependentRequired') {
      out.dependencies = { ...(out.dependencies || {}), ...structuredClone(value) };
    } else if (key === 'dependentSchemas') {
      const map = {};
      for (const [name, sub] of Object.entries(value)) map[name] = toDraft07(openapi, sub, ctx, refStack);
      out.dependencies = { ...(out.dependencies || {}), ...map };
    } else if (key === 'prefixItems') {
      // 2020-12 tuple -> draft-07 `items` array; 2020-12 `items` next to it -> `additionalItems`.
      out.items = value.map((s) => toDraft07(openapi, s, ctx, refStack));
      if ('items' in schema) out.additionalItems = toDraft07(openapi, schema.items, ctx, refStack);
    } else if (key === 'items' && 'prefixItems' in schema) {
      continue; // handled with prefixItems
    } else if (key === 'unevaluatedProperties') {
      // Equivalent to additionalProperties only without composition keywords that add properties.
      const composed = ['allOf', 'anyOf', 'oneOf', 'if', 'dependentSchemas'].some((k) => k in schema);
      if (!composed && !('additionalProperties' in schema)) {
        out.additionalProperties = toDraft07(openapi, value, ctx, refStack);
      }
    } else if (key === 'unevaluatedItems') {
      if (!('prefixItems' in schema) && !('items' in schema)) out.items = toDraft07(openapi, value, ctx, refStack);
    } else if (SCHEMA_KEYWORDS.has(key)) {
      out[key] = toDraft07(openapi, value, ctx, refStack);
    } else if (SCHEMA_ARRAY_KEYWORDS.has(key)) {
      const branches = value.map((s) => toDraft07(openapi, s, ctx, refStack));
      if (key === 'allOf') {
        const kept = branches.filter((b) => !isPermissive(b));
        if (kept.length > 0) out.allOf = kept;
      } else if (branches.some(isPermissive)) {
        // A `{}` branch (typically a cut recursion) accepts everything: anyOf is then `{}`, and
        // oneOf would wrongly reject every value another branch also accepts. Widen to `{}`.
        ctx.widened.add(key);
      } else {
        out[key] = branches;
      }
    } else if (key === 'nullable') {
      if (value === true) throw new Error('OpenAPI 3.0 `nullable` in a 3.1 document');
    } else {
      // type, required, enum, const, lengths, pattern, format, minimum/maximum (numeric
      // exclusive bounds are draft-07 too), min/maxItems, min/maxProperties, uniqueItems, default
      out[key] = structuredClone(value);
    }
  }
  return out;
}

/** The lowest 2xx response of an operation that has a JSON body, or null (204/205-only ops). */
export function successResponse(openapi, op) {
  const codes = Object.keys(op.responses || {}).filter((c) => /^2\d\d$/.test(c)).sort();
  if (codes.length === 0) throw new Error(`${op.operationId} has no 2xx response`);
  for (const code of codes) {
    const r = deref(openapi, op.responses[code]);
    if (r && r.content && r.content['application/json']) return { code, response: r };
  }
  for (const code of codes) {
    const r = deref(openapi, op.responses[code]);
    if (r && r.content && Object.keys(r.content).length > 0) {
      throw new Error(`${op.operationId} ${code} has a non-JSON body ${Object.keys(r.content)}`);
    }
  }
  return null;
}

/**
 * Builds every generated file in memory.
 * Returns { files: Map<fileName, fileText> sorted by name, cycles: Map<fileName, string[]> }.
 */
export function buildSchemaFiles(openapi) {
  const files = new Map();
  const cycles = new Map();
  const emit = (name, build) => {
    if (files.has(name)) throw new Error(`duplicate output ${name}`);
    const ctx = { cycles: new Set(), widened: new Set() };
    const schema = build(ctx);
    files.set(name, schemaText(schema));
    if (ctx.cycles.size > 0) cycles.set(name, [...ctx.cycles].sort());
    if (ctx.widened.size > 0 && ctx.cycles.size === 0) {
      throw new Error(`${name}: ${[...ctx.widened]} with a permissive branch not caused by a recursion cut`);
    }
  };

  for (const { operationId, op, pathItem } of selectedOperations(openapi)) {
    if (op.requestBody) {
      emit(`${operationId}.request.json`, (ctx) =>
        toDraft07(openapi, jsonBodySchema(openapi, op.requestBody, `${operationId} requestBody`), ctx));
    }

    const params = [...(pathItem.parameters || []), ...(op.parameters || [])].map((p) => deref(openapi, p));
    const query = params.filter((p) => p.in === 'query');
    if (query.length > 0) {
      // No additionalProperties:false: unknown query keys are ignored.
      emit(`${operationId}.query.json`, (ctx) => {
        const properties = {};
        const required = [];
        for (const p of query) {
          properties[p.name] = toDraft07(openapi, p.schema || {}, ctx);
          if (p.required) required.push(p.name);
        }
        const schema = { type: 'object', properties };
        if (required.length > 0) schema.required = required;
        return schema;
      });
    }

    const ok = successResponse(openapi, op);
    if (ok) {
      emit(`${operationId}.response.json`, (ctx) =>
        toDraft07(openapi, jsonBodySchema(openapi, ok.response, `${operationId} ${ok.code}`), ctx));
    }
  }

  for (const name of MANUAL) {
    if (files.has(name)) throw new Error(`${name} is now generated from the spec; drop it from MANUAL`);
  }
  return { files: sortedByName(files), cycles };
}

const SCHEMA_FILES = schemaFiles({
  dir: SCHEMA_DIR, manual: MANUAL, generatedName: /\.(request|query|response)\.json$/, source: 'spec',
});

/** Compares generated files with the disk. Returns a list of human-readable problems. */
export function checkDrift(files, dir = SCHEMA_DIR) {
  return SCHEMA_FILES.checkDrift(files, dir);
}

function specVersion() {
  // package.json is not in the package's `exports`; it sits two levels above spec/openapi.json.
  const pkg = path.resolve(path.dirname(SPEC_FILE), '..', 'package.json');
  return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
}

function main(argv) {
  const check = argv.includes('--check');
  const verbose = argv.includes('--verbose');
  const openapi = loadSpec();
  const against = `@gitbook/api ${specVersion()}`;
  warnOnOperationSetChange(selectedOperations(openapi).map((o) => o.operationId),
    [...INTEGRATION_OPERATIONS, ...SUPPORTING_OPERATIONS], against);

  const { files, cycles } = buildSchemaFiles(openapi);
  if (verbose) {
    for (const [name, list] of cycles) console.log(`recursion cut in ${name}: ${list.join('; ')}`);
  }
  return checkOrWrite(SCHEMA_FILES, files, {
    check, against, regenerate: 'node tests/contract/scripts/export-gitbook-schemas.mjs',
  });
}

if (isMain(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
