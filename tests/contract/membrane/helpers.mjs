// Shared helpers for the Membrane contract tests.
//
// Every test drives the unmodified official SDK (@membranehq/sdk, `MembraneClient`) against the
// emulator and validates every response body with the SDK's own zod schemas
// (`IntegrationApiResponse.safeParse(...)` etc.) *strictly*: the parse must succeed and its
// output must deep-equal the input, i.e. zod stripped nothing (no unknown key at any depth; the
// response schemas have no defaults or transforms, which the schema generator asserts). Each body
// is also checked against the schemas/membrane/*.json file the emulator itself uses. Errors are
// asserted as the SDK's typed errors (`BadRequestError` with `err.data.key`, `isMembraneError`).
//
// Environment:
//   EMULATOR_URL    root URL of the emulator (default http://127.0.0.1:5080);
//                   the Membrane API is expected under EMULATOR_URL + '/membrane'
//   parity mode (../README.md), both:
//   MEMBRANE_URL    the client's apiUri (https://api.getmembrane.com)
//   MEMBRANE_TOKEN  an access token of the workspace (a JWT, or a pat- token)

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as membrane from '@membranehq/sdk';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { zod as z, ELEMENT_KINDS } from '../scripts/export-membrane-schemas.mjs';
import { EMULATOR_URL, PARITY, emulatorOnly, parityAccount, preview, randomSuffix } from '../common.mjs';

export { EMULATOR_URL, emulatorOnly, preview, randomSuffix };

export { membrane, z, ELEMENT_KINDS };
export const {
  MembraneClient, IntegrationAppClient, BadRequestError, InternalError, MembraneError, NotFoundError,
  isMembraneError,
} = membrane;

const here = path.dirname(fileURLToPath(import.meta.url));
const schemaDir = path.resolve(here, '../../../schemas/membrane');

const account = parityAccount('MEMBRANE', ['URL', 'TOKEN']);

export const API_URI = (account?.URL ?? `${EMULATOR_URL}/membrane`).replace(/\/+$/, '');

// The integrations of a new tenant of the emulator (tests that read them are emulatorOnly).
export const SEED = Object.freeze({
  integrationKeys: ['hubspot', 'salesforce', 'slack', 'pipedrive', 'zendesk', 'google-sheets'],
  archivedKey: 'legacy-crm',
});

/** Connectors the tests make integrations of: the emulator's catalogue; in parity mode the vendor's must have them. */
export const CONNECTOR_KEYS = Object.freeze(['hubspot', 'salesforce', 'slack', 'pipedrive', 'zendesk', 'google-sheets',
  'jira', 'stripe', 'intercom', 'notion']);

// ---------------------------------------------------------------------------------------------
// Tokens and clients

/** A `pat-` token nobody else uses: the emulator gives it a fresh copy of the seeded data. */
export function uniqueToken(file) {
  return `pat-contract-${file}-${crypto.randomBytes(12).toString('hex')}`;
}

/** The token of a test file's account: MEMBRANE_TOKEN in parity mode, else a tenant of the file's own. */
export function accountToken(file) {
  return account?.TOKEN ?? uniqueToken(file);
}

export function uniqueKey(prefix = 'ct') {
  return `${prefix}-${randomSuffix(10)}`;
}

/** The official client pointed at API_URI. */
export function makeClient(token, extra = {}) {
  return new MembraneClient({ apiUri: API_URI, token, ...extra });
}

/** An unsigned-looking JWT (HS256 header, any signature) with the given payload. */
export function makeJwt(payload, secret = 'not-checked') {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  const sig = crypto.createHmac('sha256', secret).update(input).digest('base64url');
  return `${input}.${sig}`;
}

export function decodeJwt(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

// ---------------------------------------------------------------------------------------------
// Request recorder: the SDK sends every request through its own `axios` (exported as
// MembraneAxiosInstance); an interceptor records what went over the wire.

export const wire = [];
membrane.MembraneAxiosInstance.interceptors.request.use((config) => {
  // axios joins baseURL and url with exactly one '/' (combineURLs), keeping the base's path prefix.
  const url = new URL(`${String(config.baseURL).replace(/\/+$/, '')}/${String(config.url).replace(/^\/+/, '')}`);
  const headers = typeof config.headers?.toJSON === 'function' ? config.headers.toJSON() : { ...config.headers };
  wire.push({ method: String(config.method).toUpperCase(), url: config.url, path: url.pathname + url.search, headers, data: config.data });
  return config;
});
membrane.MembraneAxiosInstance.interceptors.response.use((response) => {
  const rec = wire.findLast((r) => r.url === response.config.url && r.response === undefined);
  if (rec) {
    rec.response = { status: response.status, data: response.data };
    // The headers as finally sent (axios adds Content-Type etc. after the request interceptors).
    const final = response.config.headers;
    rec.sentHeaders = typeof final?.toJSON === 'function' ? final.toJSON() : { ...final };
  }
  return response;
}, (error) => {
  const rec = error.config && wire.findLast((r) => r.url === error.config.url && r.response === undefined);
  if (rec && error.response) rec.response = { status: error.response.status, data: error.response.data };
  return Promise.reject(error);
});

/** Runs fn and returns [result, requests it sent]. */
export async function recording(fn) {
  const start = wire.length;
  const result = await fn();
  return [result, wire.slice(start)];
}

// ---------------------------------------------------------------------------------------------
// Validation


const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const fileValidators = new Map();
export function fileValidator(name) {
  if (!fileValidators.has(name)) {
    fileValidators.set(name, ajv.compile(JSON.parse(fs.readFileSync(path.join(schemaDir, `${name}.json`), 'utf8'))));
  }
  return fileValidators.get(name);
}

/** Paths of keys zod would strip: where the parsed output lacks something the input had. */
function strippedPaths(input, output, where = '$', out = []) {
  if (Array.isArray(input) && Array.isArray(output)) {
    input.forEach((v, i) => strippedPaths(v, output[i], `${where}[${i}]`, out));
  } else if (input && typeof input === 'object' && output && typeof output === 'object') {
    for (const k of Object.keys(input)) {
      if (!(k in output)) out.push(`${where}.${k}`);
      else strippedPaths(input[k], output[k], `${where}.${k}`, out);
    }
  }
  return out;
}

/**
 * Asserts `body` is a valid, strict instance of the SDK zod schema and of schemas/membrane/<file>.json.
 * Returns the body.
 */
export function conforms(zodSchema, original, file, what = file) {
  // Plain JSON data (err.data is an ErrorData instance; prototypes are not part of the contract).
  const body = original === undefined ? undefined : JSON.parse(JSON.stringify(original));
  const parsed = zodSchema.safeParse(body);
  assert.ok(parsed.success, `${what}: SDK zod schema rejects the body: ${parsed.success ? '' : preview(parsed.error.issues)}\nbody: ${preview(body)}`);
  const stripped = strippedPaths(body, parsed.data);
  assert.deepEqual(stripped, [], `${what}: keys unknown to the SDK schema (zod strips them): ${stripped.join(', ')}`);
  assert.deepEqual(parsed.data, body, `${what}: zod changed the body while parsing`);
  if (zodSchema.shape) {
    const unknown = Object.keys(body).filter((k) => !(k in zodSchema.shape));
    assert.deepEqual(unknown, [], `${what}: top-level keys not in the schema's shape`);
  }
  if (file) {
    const validate = fileValidator(file);
    assert.ok(validate(body), `${what}: schemas/membrane/${file}.json rejects the body: ${preview(validate.errors)}`);
  }
  return original;
}

/** Validates with a hand-written schemas/membrane file only (routes the SDK has no zod schema for). */
export function conformsToFile(file, body, what = file) {
  const validate = fileValidator(file);
  assert.ok(validate(body), `${what}: schemas/membrane/${file}.json rejects the body: ${preview(validate.errors)}\nbody: ${preview(body)}`);
  return body;
}

export const S = {
  integration: membrane.IntegrationApiResponse,
  integrationList: membrane.createPaginationResponseSchema(membrane.IntegrationApiResponse),
  connectorSpec: membrane.ConnectorSpec,
  dataCollection: membrane.DataCollectionSpec,
  connectionOptions: z.array(membrane.IntegrationAuthOption),
  error: membrane.ErrorDataSchema,
};
for (const { kind, stem } of ELEMENT_KINDS) {
  S[kind] = membrane[`${stem}ApiResponse`];
  S[`${kind}List`] = membrane.createPaginationResponseSchema(membrane[`${stem}ApiResponse`]);
}

export const checkIntegration = (body, what = 'integration') => conforms(S.integration, body, 'integration.response', what);
export const checkIntegrationList = (body, what = 'integration list') => conforms(S.integrationList, body, 'integrationList.response', what);
export const checkElement = (kind, body, what = kind) => conforms(S[kind], body, `${kind}.response`, what);
export const checkElementList = (kind, body, what = `${kind} list`) => conforms(S[`${kind}List`], body, `${kind}List.response`, what);

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * Awaits a call that must fail with the SDK's typed error. Returns the error.
 * expected: { cls = BadRequestError, type = 'bad_request', key, messageIncludes }
 */
export async function expectMembraneError(promiseOrFn, { cls = BadRequestError, type = 'bad_request', key, messageIncludes } = {}) {
  let err;
  try {
    await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected a ${cls.name}, the call succeeded`);
  assert.ok(isMembraneError(err), `expected a Membrane error, got ${err?.constructor?.name}: ${err?.message} ` +
    `(status ${err?.response?.status}, body ${preview(err?.response?.data)})`);
  assert.ok(err instanceof cls, `expected ${cls.name}, got ${err.constructor.name}: ${preview(err.data)}`);
  assert.equal(err.isMembraneError, true);
  assert.equal(err.data.type, type);
  if (key === null) assert.equal(err.data.key, undefined, `no key expected, got ${err.data.key}`);
  else if (key !== undefined) assert.equal(err.data.key, key, `error key (message: ${err.data.message})`);
  assert.equal(typeof err.data.message, 'string');
  assert.ok(err.data.message.length > 0, 'error message is empty');
  assert.equal(err.message, err.data.message);
  if (messageIncludes) {
    assert.ok(err.data.message.toLowerCase().includes(messageIncludes.toLowerCase()),
      `error message ${JSON.stringify(err.data.message)} should mention ${JSON.stringify(messageIncludes)}`);
  }
  // The body (err.data is the body with `type` forced) must be a strict ErrorDataSchema.
  conforms(S.error, err.data, 'error.response', 'error body');
  return err;
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP (for what the SDK cannot send: no token)

export async function rawFetch(pathAndQuery, { token, method = 'GET', body, headers = {} } = {}) {
  const h = { accept: 'application/json', ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(`${API_URI}${pathAndQuery}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

// ---------------------------------------------------------------------------------------------
// Misc

/** Every page of `find` with the given limit, following `cursor` until it is absent. */
export async function collectPages(client, query = {}, { limit = 2, maxPages = 500 } = {}) {
  const pages = [];
  let cursor;
  for (let i = 0; i < maxPages; i++) {
    const page = checkIntegrationList(await client.integrations.find({ ...query, limit, cursor }), `find page ${i + 1}`);
    pages.push(page);
    if (!page.cursor) return pages;
    cursor = page.cursor;
  }
  assert.fail(`find did not end after ${maxPages} pages`);
}

/** Fails early and clearly when the emulator does not serve Membrane (in parity mode the vendor is Membrane). */
export async function requireMembrane() {
  if (PARITY) return;
  let health;
  try {
    health = await (await fetch(`${EMULATOR_URL}/_emulator/health`)).json();
  } catch (e) {
    assert.fail(`emulator not reachable at ${EMULATOR_URL}: ${e.message}`);
  }
  assert.ok(Array.isArray(health.vendors) && health.vendors.includes('membrane'),
    `the emulator at ${EMULATOR_URL} does not serve membrane: ${preview(health)}`);
}
