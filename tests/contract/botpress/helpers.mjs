// Shared helpers for the Botpress contract tests.
//
// Every test drives the unmodified official client (@botpress/client) against a base URL taken
// from the environment, validates each 2xx body against the official OpenAPI schema shipped in
// @botpress/api, and asserts errors by the client's typed error classes.
//
// Environment:
//   EMULATOR_URL           root URL of the emulator (default http://127.0.0.1:5080);
//                          the Botpress API is expected under EMULATOR_URL + '/botpress'
//   parity mode (../README.md), all three:
//   BOTPRESS_URL           the client's apiUrl (https://api.botpress.cloud)
//   BOTPRESS_TOKEN         a personal access token of the account
//   BOTPRESS_WORKSPACE_ID  the workspace the tests write in
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as botpress from '@botpress/client';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { loadAdminOpenapi, coveredOperations, resolvePointer } from '../scripts/export-botpress-schemas.mjs';
import { EMULATOR_URL, PARITY, emulatorOnly, parityAccount, preview, randomSuffix } from '../common.mjs';

export { EMULATOR_URL, PARITY, emulatorOnly, randomSuffix };

// The client silently falls back to BP_* environment variables for unset props (at
// construction). Tests that omit a token or workspace on purpose must really omit them.
for (const name of ['BP_API_URL', 'BP_TOKEN', 'BP_WORKSPACE_ID', 'BP_BOT_ID', 'BP_INTEGRATION_ID']) {
  delete process.env[name];
}

const here = path.dirname(fileURLToPath(import.meta.url));

const account = parityAccount('BOTPRESS', ['URL', 'TOKEN', 'WORKSPACE_ID']);

/** What every tenant of the emulator starts with: tests that depend on it are emulatorOnly; the others only write there. */
export const SEED = Object.freeze({
  workspaceId: 'wkspace_01JEMULATEDEFAULTWORKSPACE',
  workspaceHandle: 'emulator',
  botId: 'bot_01JEMULATEDEFAULTBOT000000',
});

export const API_URL = (account?.URL ?? `${EMULATOR_URL}/botpress`).replace(/\/+$/, '');
/** The workspace makeClient selects: the account's in parity mode, else the seeded one (of each file's own tenant). */
export const WORKSPACE_ID = account?.WORKSPACE_ID ?? SEED.workspaceId;

export const { Client, errorFrom } = botpress;

// ---------------------------------------------------------------------------------------------
// Unique names and ids (on the emulator each test file is its own tenant; names never collide across runs)

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID-shaped string (26 chars, Crockford base32, time-prefixed). */
export function ulid() {
  let time = Date.now();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = crypto.randomBytes(16);
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD[bytes[i] % 32];
  return head + tail;
}

/** A bearer token nobody else uses: the emulator gives it a fresh copy of the seeded data. */
export function uniqueToken(file) {
  return `bp_pat_contract_${file}_${crypto.randomBytes(12).toString('hex')}`;
}

/** The token of a test file's account: BOTPRESS_TOKEN in parity mode, else a tenant of the file's own. */
export function accountToken(file) {
  return account?.TOKEN ?? uniqueToken(file);
}

/** A workspace id never seen before: on the emulator, an empty workspace of the caller's tenant. */
export function freshWorkspaceId() {
  return `wkspace_${ulid()}`;
}

/**
 * A workspace a test may write in: a fresh, empty one on the emulator, the account's (not empty) in parity mode.
 * Tests find what they made by name, search or tag rather than expect the workspace to be empty.
 */
export function scratchWorkspaceId() {
  return PARITY ? WORKSPACE_ID : freshWorkspaceId();
}

/** A well-formed integration version id that does not exist. */
export function unknownIntegrationId() {
  return `intver_${ulid()}`;
}

/** A valid integration name: lowercase letters and digits, starting with a letter. */
export function uniqueName(prefix = 'ct') {
  return `${prefix}${randomSuffix(10)}`;
}

// ---------------------------------------------------------------------------------------------
// Clients

/**
 * The official client pointed at API_URL. `workspaceId` defaults to WORKSPACE_ID;
 * pass `workspaceId: undefined` (explicitly) to send no x-workspace-id header, and
 * `token: undefined` to send no Authorization header.
 */
export function makeClient(options = {}) {
  const props = {
    apiUrl: API_URL,
    timeout: 15000,
    workspaceId: WORKSPACE_ID,
    ...options,
  };
  for (const key of Object.keys(props)) if (props[key] === undefined) delete props[key];
  return new Client(props);
}

/**
 * Fails unless a bot's integration instance carries its webhook's URL. The emulator serves webhooks itself, at
 * API_URL/webhooks/{webhookId}; a vendor serves them on a host of its own, so there the URL only has to name the id.
 */
export function assertWebhookUrl(instance) {
  if (PARITY) assert.ok(instance.webhookUrl.includes(instance.webhookId), `${instance.webhookUrl} names ${instance.webhookId}`);
  else assert.equal(instance.webhookUrl, `${API_URL}/webhooks/${instance.webhookId}`);
}

/** A create body with the keys most tests need; `overrides` wins. */
export function integrationBody(overrides = {}) {
  const name = overrides.name ?? uniqueName();
  return {
    name,
    version: '1.0.0',
    title: `Contract ${name}`.slice(0, 64),
    description: `Created by the contract tests (${name})`,
    ...overrides,
  };
}

/** A minimal valid action definition. */
export function actionDefinition(title = 'An action') {
  return {
    title,
    input: { schema: { type: 'object', properties: { text: { type: 'string' } } } },
    output: { schema: { type: 'object', properties: {} } },
  };
}

// ---------------------------------------------------------------------------------------------
// Official-schema validation of 2xx bodies

/**
 * The admin OpenAPI of the installed @botpress/api. Loading that package is most of a test file's start-up, and every
 * file of a run exports the same document, so the first one keeps it in .tmp/ (per package version) for the others.
 */
function cachedAdminOpenapi() {
  const { version } = JSON.parse(fs.readFileSync(path.resolve(here, '../node_modules/@botpress/api/package.json'), 'utf8'));
  const file = path.resolve(here, `../.tmp/botpress-admin-openapi-${version}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const document = loadAdminOpenapi();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}`; // renamed into place whole: files of a parallel run may read it meanwhile
  fs.writeFileSync(partial, JSON.stringify(document));
  fs.renameSync(partial, file);
  return document;
}

const openapi = cachedAdminOpenapi();
const OPENAPI_ID = 'botpress-admin-openapi.json';
const ajv = new Ajv({ strict: false, allErrors: true }); // Ajv handles OpenAPI `nullable` natively
addFormats(ajv);
ajv.addSchema(openapi, OPENAPI_ID);

const MANUAL_RESPONSE_SCHEMAS = {
  rotateIntegrationSigningSecrets: path.resolve(here, '../../../schemas/botpress/rotateIntegrationSigningSecrets.response.json'),
};

const operations = new Map(coveredOperations(openapi).map((o) => [o.operationId, o]));
const validators = new Map();

function escapePointer(segment) {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** JSON Pointer (into the OpenAPI document) of the 200 response body schema of `operationId`. */
function responseSchemaPointer(operationId) {
  const op = operations.get(operationId);
  if (!op) throw new Error(`operation ${operationId} is not in the @botpress/api spec`);
  let pointer = `#/paths/${escapePointer(op.path)}/${op.method}/responses/200`;
  let node = op.op.responses['200'];
  while (node && node.$ref) {
    pointer = node.$ref;
    node = resolvePointer(openapi, node.$ref);
  }
  if (!node.content || !node.content['application/json']) throw new Error(`${operationId} 200 has no JSON body`);
  return `${pointer}/content/application~1json/schema`;
}

export function validatorFor(operationId) {
  let validate = validators.get(operationId);
  if (validate) return validate;
  if (MANUAL_RESPONSE_SCHEMAS[operationId]) {
    validate = ajv.compile(JSON.parse(fs.readFileSync(MANUAL_RESPONSE_SCHEMAS[operationId], 'utf8')));
  } else {
    validate = ajv.compile({ $ref: `${OPENAPI_ID}${responseSchemaPointer(operationId)}` });
  }
  validators.set(operationId, validate);
  return validate;
}


/** Fails unless `body` conforms to the official 200 schema of `operationId`. */
export function assertConforms(operationId, body) {
  const validate = validatorFor(operationId);
  if (!validate(body)) {
    const lines = validate.errors.map((e) => `body${e.instancePath} ${e.message}` +
      (e.params?.additionalProperty !== undefined ? `: ${JSON.stringify(e.params.additionalProperty)}` : '') +
      (e.params?.allowedValues ? `: ${JSON.stringify(e.params.allowedValues)}` : ''));
    assert.fail(`${operationId}: response does not conform to the official schema:\n  ${lines.join('\n  ')}` +
      `\nbody: ${preview(body)}`);
  }
  return body;
}

function describeError(err) {
  if (err && err.isApiError) return `${err.type} (${err.code}): ${err.message}`;
  return err && err.stack ? err.stack : String(err);
}

/**
 * Runs one operation through the client and validates its result against the official
 * schema. `await call('getIntegration', () => client.getIntegration({ id }))`
 */
export async function call(operationId, fn) {
  let result;
  try {
    result = await fn();
  } catch (err) {
    assert.fail(`${operationId}: expected success, got ${describeError(err)}`);
  }
  return assertConforms(operationId, result);
}

/**
 * Collects an AsyncCollection (client.list.*) and validates the items as the list operation's
 * `integrations` array.
 */
export async function collect(operationId, collection) {
  let items;
  try {
    items = await collection.collect();
  } catch (err) {
    assert.fail(`${operationId} (list helper): expected success, got ${describeError(err)}`);
  }
  assertConforms(operationId, { integrations: items, meta: {} });
  return items;
}

/**
 * Awaits a call that must fail with the typed error `className` exported by @botpress/client
 * (e.g. 'ResourceNotFoundError'). The bundle is minified, so `err.constructor.name` is mangled;
 * the class is checked with `instanceof` and the wire `type` instead.
 * Options: `messageIncludes` (string or array; case-insensitive substrings of err.message).
 */
export async function expectApiError(promiseOrFn, className, { messageIncludes } = {}) {
  const ErrorClass = botpress[className];
  assert.equal(typeof ErrorClass, 'function', `@botpress/client exports no error class ${className}`);

  let result;
  let err;
  let failed = false;
  try {
    result = await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (e) {
    failed = true;
    err = e;
  }
  if (!failed) assert.fail(`expected ${className}, but the call succeeded with ${preview(result, 500)}`);

  assert.equal(err?.isApiError, true, `expected an ApiError (${className}), got ${describeError(err)}`);
  assert.ok(err instanceof ErrorClass,
    `expected ${className}, got ${describeError(err)}` +
    (err.type === 'Unknown' ? ' (UnknownError: the body was not a Botpress error envelope)' : ''));
  assert.equal(err.type, className.replace(/Error$/, ''));
  for (const needle of [].concat(messageIncludes ?? [])) {
    assert.ok(String(err.message).toLowerCase().includes(String(needle).toLowerCase()),
      `${className} message should mention ${JSON.stringify(needle)}: ${JSON.stringify(err.message)}`);
  }
  return err;
}

// ---------------------------------------------------------------------------------------------
// Small utilities

export function isoMinutesAgo(minutes) {
  return new Date(Date.now() - minutes * 60_000).toISOString();
}

/** Compares two semver-like strings numerically (major.minor.patch only). */
export function compareVersions(a, b) {
  const pa = a.split(/[.+-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.+-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}
