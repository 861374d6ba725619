#!/usr/bin/env node
// Derives schemas/botpress/*.json (JSON Schema draft-07) from the admin OpenAPI 3.0 document
// shipped in @botpress/api (pinned in tests/contract/package.json).
//
//   node tests/contract/scripts/export-botpress-schemas.mjs           write / refresh the files
//   node tests/contract/scripts/export-botpress-schemas.mjs --check   compare only; exit 1 on drift
//
// For every operation whose path contains "integration", and the account operations listed in
// EXTRA_OPERATIONS (bots, workspaces, interfaces: what the `bp` CLI calls besides integrations), it writes
//   <operationId>.request.json   the JSON request body schema (ops with a requestBody)
//   <operationId>.query.json     an object schema of the op's `in: query` parameters
//   <operationId>.response.json  the 200 response body schema
// Every file is self-contained: $refs are inlined, OpenAPI `nullable` becomes draft-07 types,
// prose keywords (description, title, examples, x-*, ...) are dropped; the facts stay.
// The emulator loads these files with NJsonSchema (draft-07).

import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { HTTP_METHODS, SCHEMA_ARRAY_KEYWORDS, SCHEMA_KEYWORDS, SCHEMA_MAP_KEYWORDS } from './openapi-document.mjs';
import { nonFactKeyword, openapiRefs, warnOnOperationSetChange } from './openapi-document.mjs';
import { checkOrWrite, isMain, schemaFiles, schemaText, sortedByName } from './schema-files.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const SCHEMA_DIR = path.resolve(here, '../../../schemas/botpress');
export { DRAFT_07 } from './schema-files.mjs';

// Hand-written, never generated, overwritten or deleted by this script.
// rotateIntegrationSigningSecrets (POST /v1/admin/integrations/{id}/signing-secrets/rotate)
// exists in @botpress/client 1.45.0 but not in the @botpress/api 1.70.2 OpenAPI export.
export const MANUAL = Object.freeze([
  'rotateIntegrationSigningSecrets.request.json',
  'rotateIntegrationSigningSecrets.response.json',
]);

// The 20 spec operations this project covers; used as a sanity check on the selection.
export const EXPECTED_OPERATIONS = Object.freeze([
  'listPublicIntegrations', 'getPublicIntegrationById', 'getPublicIntegration',
  'createIntegration', 'listIntegrations', 'validateIntegrationCreation', 'getIntegration',
  'updateIntegration', 'validateIntegrationUpdate', 'deleteIntegration', 'getIntegrationLogs',
  'getIntegrationByName', 'requestIntegrationVerification', 'listIntegrationApiKeys',
  'createIntegrationApiKey', 'deleteIntegrationApiKey', 'createIntegrationShareableId',
  'getIntegrationShareableId', 'deleteIntegrationShareableId', 'unlinkSandboxedConversations',
]);

// Operations outside the "integration" paths that the emulator also serves, selected by id: the bots,
// workspaces and interfaces the `bp` CLI (@botpress/cli) calls at login, deploy and dev.
export const EXTRA_OPERATIONS = Object.freeze([
  'listBots', 'getBot', 'createBot', 'updateBot', 'deleteBot',
  'listWorkspaces', 'getWorkspace', 'updateWorkspace', 'checkHandleAvailability',
  'listInterfaces', 'getInterface', 'getInterfaceByName',
  'listPublicInterfaces', 'getPublicInterfaceById', 'getPublicInterface',
]);

const isNonFact = nonFactKeyword();
// Maps of name -> schema, and `dependencies` (name -> schema or property-name array).
const SCHEMA_MAP = new Set([...SCHEMA_MAP_KEYWORDS, 'dependencies']);
// Local $refs are plain JSON Pointers in OpenAPI 3.0 (no percent-decoding).
const { resolvePointer, deref, jsonBodySchema } = openapiRefs({ decodeUri: false });
export { resolvePointer };

/**
 * Runs @botpress/api's exporter into a temporary directory and returns the parsed openapi.json.
 * The exporter logs progress through winston to stdout; that noise is swallowed here.
 */
export function loadAdminOpenapi() {
  const { adminApi } = require('@botpress/api');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'botpress-openapi-'));
  const write = process.stdout.write;
  try {
    process.stdout.write = () => true;
    try {
      adminApi.exportOpenapi(dir);
    } finally {
      process.stdout.write = write;
    }
    return JSON.parse(fs.readFileSync(path.join(dir, 'openapi.json'), 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The integration operations of the spec, in document order: [{ operationId, method, path, op }]. */
export function integrationOperations(openapi) {
  const out = [];
  for (const [p, item] of Object.entries(openapi.paths)) {
    if (!p.includes('integration')) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !op || !op.operationId) continue;
      out.push({ operationId: op.operationId, method, path: p, op });
    }
  }
  return out;
}

/**
 * Every operation the schemas cover, in document order: the integration operations and then
 * EXTRA_OPERATIONS. Throws if an extra operation is not in the spec (renamed or removed upstream).
 */
export function coveredOperations(openapi) {
  const integration = integrationOperations(openapi);
  const extras = [];
  for (const [p, item] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !op || !EXTRA_OPERATIONS.includes(op.operationId)) continue;
      if (integration.some((o) => o.operationId === op.operationId)) continue;
      extras.push({ operationId: op.operationId, method, path: p, op });
    }
  }
  const missing = EXTRA_OPERATIONS.filter((id) => !extras.some((o) => o.operationId === id));
  if (missing.length > 0) throw new Error(`EXTRA_OPERATIONS not in the spec: ${missing.join(', ')}`);
  return [...integration, ...extras];
}

/** Converts one OpenAPI 3.0 Schema Object into a self-contained draft-07 schema. */
export function toDraft07(openapi, schema, refStack = []) {
  if (Array.isArray(schema)) return schema.map((s) => toDraft07(openapi, s, refStack));
  if (schema === null || typeof schema !== 'object') return schema; // `true` / `false` schemas

  if (typeof schema.$ref === 'string') {
    if (refStack.includes(schema.$ref)) {
      throw new Error(`recursive schema ${schema.$ref} cannot be inlined`);
    }
    const siblings = Object.keys(schema).filter((k) => k !== '$ref' && !isNonFact(k));
    if (siblings.length > 0) throw new Error(`$ref ${schema.$ref} has sibling keywords ${siblings}`);
    return toDraft07(openapi, resolvePointer(openapi, schema.$ref), [...refStack, schema.$ref]);
  }

  const nullable = schema.nullable === true;
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || isNonFact(key)) continue;
    if (SCHEMA_MAP.has(key)) {
      const map = {};
      for (const [name, sub] of Object.entries(value)) {
        // `dependencies` may hold property-name arrays; those are data.
        map[name] = Array.isArray(sub) ? [...sub] : toDraft07(openapi, sub, refStack);
      }
      out[key] = map;
    } else if (SCHEMA_KEYWORDS.has(key)) {
      out[key] = toDraft07(openapi, value, refStack);
    } else if (SCHEMA_ARRAY_KEYWORDS.has(key)) {
      out[key] = value.map((s) => toDraft07(openapi, s, refStack));
    } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
      // OpenAPI 3.0 (draft-04 style) boolean flag -> draft-07 number; handled with minimum/maximum below.
      continue;
    } else if (key === 'minimum' && schema.exclusiveMinimum === true) {
      out.exclusiveMinimum = value;
    } else if (key === 'maximum' && schema.exclusiveMaximum === true) {
      out.exclusiveMaximum = value;
    } else {
      out[key] = structuredClone(value); // type, required, enum, lengths, pattern, format, default, ...
    }
  }

  if (!nullable) return out;
  // OpenAPI 3.0 `nullable: true` -> draft-07: add "null" to `type` and to `enum` (an enum
  // without null would still reject it); with neither, wrap in anyOf.
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if ('type' in out) {
    const types = Array.isArray(out.type) ? out.type : [out.type];
    out.type = types.includes('null') ? types : [...types, 'null'];
    return out;
  }
  if (Array.isArray(out.enum)) return out;
  return { anyOf: [out, { type: 'null' }] };
}

/** Builds every generated file in memory: Map<fileName, fileText>, sorted by name. */
export function buildSchemaFiles(openapi) {
  const files = new Map();
  const emit = (name, schema) => {
    if (files.has(name)) throw new Error(`duplicate output ${name}`);
    files.set(name, schemaText(schema));
  };

  for (const { operationId, op } of coveredOperations(openapi)) {
    if (op.requestBody) {
      emit(`${operationId}.request.json`,
        toDraft07(openapi, jsonBodySchema(openapi, op.requestBody, `${operationId} requestBody`)));
    }

    const query = (op.parameters || []).map((p) => deref(openapi, p)).filter((p) => p.in === 'query');
    if (query.length > 0) {
      // No additionalProperties:false: unknown query keys are ignored (the client itself sends
      // `pageSize`, which is not in the spec).
      const properties = {};
      const required = [];
      for (const p of query) {
        properties[p.name] = toDraft07(openapi, p.schema || {});
        if (p.required) required.push(p.name);
      }
      const schema = { type: 'object', properties };
      if (required.length > 0) schema.required = required;
      emit(`${operationId}.query.json`, schema);
    }

    const ok = op.responses && op.responses['200'];
    if (!ok) throw new Error(`${operationId} has no 200 response`);
    emit(`${operationId}.response.json`, toDraft07(openapi, jsonBodySchema(openapi, ok, `${operationId} 200`)));
  }

  for (const name of MANUAL) {
    if (files.has(name)) throw new Error(`${name} is now generated from the spec; drop it from MANUAL`);
  }
  return sortedByName(files);
}

const SCHEMA_FILES = schemaFiles({
  dir: SCHEMA_DIR, manual: MANUAL, generatedName: /\.(request|query|response)\.json$/, source: 'spec',
});

/** Compares generated files with the disk. Returns a list of human-readable problems. */
export function checkDrift(files, dir = SCHEMA_DIR) {
  return SCHEMA_FILES.checkDrift(files, dir);
}

function main(argv) {
  const check = argv.includes('--check');
  const openapi = loadAdminOpenapi();
  const against = `@botpress/api ${openapi.info && openapi.info.version}`;
  warnOnOperationSetChange(integrationOperations(openapi).map((o) => o.operationId), EXPECTED_OPERATIONS, against);
  return checkOrWrite(SCHEMA_FILES, buildSchemaFiles(openapi), {
    check,
    against,
    regenerate: 'node tests/contract/scripts/export-botpress-schemas.mjs',
    writtenNote: `; hand-written kept: ${MANUAL.join(', ')}`,
    warnMissingManual: (names) => {
      for (const name of names) console.error(`warning: hand-written ${name} is missing`);
    },
  });
}

if (isMain(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
