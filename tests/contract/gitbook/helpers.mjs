// Shared helpers for the GitBook contract tests.
//
// Every test drives the unmodified official client (@gitbook/api, `GitBookAPI`) against the
// emulator, validates each JSON 2xx body against the official OpenAPI 3.1 document shipped in
// @gitbook/api (spec/openapi.json) with Ajv's 2020-12 dialect, and asserts errors as the
// client's `GitBookAPIError` (code = HTTP status, errorMessage = body.error.message).
//
// Environment:
//   EMULATOR_URL             root URL of the emulator (default http://127.0.0.1:5080);
//                            the GitBook API is expected under EMULATOR_URL + '/gitbook' (+ '/v1')
//   TUNNEL_BIND              address the local dev-mode tunnels listen on (default 127.0.0.1)
//   TUNNEL_HOST              host name the emulator reaches them by (default 127.0.0.1; in a container
//                            host.containers.internal, with TUNNEL_BIND=0.0.0.0)
//   parity mode (../README.md), all three:
//   GITBOOK_URL              the client's endpoint (https://api.gitbook.com)
//   GITBOOK_TOKEN            a personal access token of the account
//   GITBOOK_ORGANIZATION_ID  the organization the tests publish and install in (with a space and a site)

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { GitBookAPI, GitBookAPIError } from '@gitbook/api';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { loadSpec, selectedOperations, successResponse, resolvePointer } from '../scripts/export-gitbook-schemas.mjs';
import { EMULATOR_URL, emulatorOnly, eventually, parityAccount, preview, randomSuffix, sleep } from '../common.mjs';

export { EMULATOR_URL, emulatorOnly, eventually, preview, randomSuffix, sleep };

export { GitBookAPI, GitBookAPIError };

const TUNNEL_BIND = process.env.TUNNEL_BIND || '127.0.0.1';
const TUNNEL_HOST = process.env.TUNNEL_HOST || '127.0.0.1';
const account = parityAccount('GITBOOK', ['URL', 'TOKEN', 'ORGANIZATION_ID']);

export const ENDPOINT = (account?.URL ?? `${EMULATOR_URL}/gitbook`).replace(/\/+$/, '');
/** What the client prefixes to every path (`endpoint + '/v1'`); for raw fetch checks. */
export const API_BASE = `${ENDPOINT}/v1`;

// Seeded data (identical in every tenant; tests that read it are emulatorOnly).
export const SEED = Object.freeze({
  userId: 'emulator-user',
  orgId: 'emulator-org',
  orgTitle: 'Emulator Docs',
  orgHostname: 'emulator',
  marketplaceOrgId: 'gitbook',
  spaceId: 'emulator-space-docs',
  siteId: 'site_emulator_docs',
});

/** The organization the tests publish and install in: the account's in parity mode, else the seeded one. */
export const ORGANIZATION_ID = account?.ORGANIZATION_ID ?? SEED.orgId;

// ---------------------------------------------------------------------------------------------
// Unique names and tokens (on the emulator each test file is its own tenant; names never collide across runs)

/** A bearer token nobody else uses: the emulator gives it a fresh copy of the seeded data. */
export function uniqueToken(file) {
  return `gb_contract_${file}_${crypto.randomBytes(12).toString('hex')}`;
}

/** The token of a test file's account: GITBOOK_TOKEN in parity mode, else a tenant of the file's own. */
export function accountToken(file) {
  return account?.TOKEN ?? uniqueToken(file);
}

/** A valid IntegrationName (`^[a-zA-Z0-9-_.]+$`, max 100). */
export function uniqueName(prefix = 'ct') {
  return `${prefix}-${randomSuffix(10)}`;
}

// ---------------------------------------------------------------------------------------------
// Clients

/** The official client pointed at the emulator; `authToken: undefined` sends no Authorization. */
export function makeClient(authToken) {
  return new GitBookAPI({ endpoint: ENDPOINT, authToken });
}

/** A PublishIntegration body with the required keys; `overrides` wins. */
export function publishBody(overrides = {}) {
  return {
    organization: ORGANIZATION_ID,
    title: 'Contract test',
    description: 'Published by the contract tests',
    script: 'export default {};',
    scopes: [],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Official-schema validation of 2xx bodies (Ajv 2020-12 against spec/openapi.json)

export const spec = loadSpec();
const SPEC_ID = 'gitbook-openapi.json';
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('emoji', true); // non-standard format used by the spec for space/site emojis
ajv.addSchema(spec, SPEC_ID);

export const operations = new Map(selectedOperations(spec).map((o) => [o.operationId, o]));
const validators = new Map();

function escapePointer(segment) {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** { status, pointer } of the JSON success body schema of `operationId`, or null (no body). */
export function successInfo(operationId) {
  const o = operations.get(operationId);
  if (!o) throw new Error(`operation ${operationId} is not covered / not in the @gitbook/api spec`);
  const ok = successResponse(spec, o.op);
  if (!ok) return null;
  let pointer = `#/paths/${escapePointer(o.path)}/${o.method}/responses/${ok.code}`;
  let node = o.op.responses[ok.code];
  while (node && node.$ref) {
    pointer = node.$ref;
    node = resolvePointer(spec, node.$ref);
  }
  return { status: Number(ok.code), pointer: `${pointer}/content/application~1json/schema` };
}

/** Compiled validator of a `#/components/schemas/<name>` schema of the spec. */
export function componentValidator(name) {
  const key = `component:${name}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` });
    validators.set(key, validate);
  }
  return validate;
}

export function validatorFor(operationId) {
  let validate = validators.get(operationId);
  if (validate) return validate;
  const info = successInfo(operationId);
  if (!info) throw new Error(`${operationId} has no JSON success body in the spec`);
  validate = ajv.compile({ $ref: `${SPEC_ID}${info.pointer}` });
  validators.set(operationId, validate);
  return validate;
}


function formatErrors(errors) {
  // oneOf failures produce one error per branch; show the most specific (deepest) first.
  const sorted = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length);
  return sorted.slice(0, 25).map((e) => `body${e.instancePath} ${e.message}` +
    (e.params?.additionalProperty !== undefined ? `: ${JSON.stringify(e.params.additionalProperty)}` : '') +
    (e.params?.allowedValues ? `: ${JSON.stringify(e.params.allowedValues)}` : '') +
    ` (${e.schemaPath})`);
}

/** Fails unless `body` conforms to the official success schema of `operationId`. */
export function assertConforms(operationId, body) {
  const validate = validatorFor(operationId);
  if (!validate(body)) {
    assert.fail(`${operationId}: response does not conform to the official schema:\n  ` +
      `${formatErrors(validate.errors).join('\n  ')}\nbody: ${preview(body)}`);
  }
  return body;
}

/** Fails unless `value` conforms to `#/components/schemas/<name>`. */
export function assertComponent(name, value, what = name) {
  const validate = componentValidator(name);
  if (!validate(value)) {
    assert.fail(`${what}: does not conform to the official ${name} schema:\n  ` +
      `${formatErrors(validate.errors).join('\n  ')}\nvalue: ${preview(value)}`);
  }
  return value;
}

function describeError(err) {
  if (err instanceof GitBookAPIError) return `GitBookAPIError [${err.code}] ${err.errorMessage}`;
  return err && err.stack ? err.stack : String(err);
}

/**
 * Runs one JSON operation through the client, checks the HTTP status is the spec's success
 * status and validates `res.data` against the official schema. Returns the augmented fetch
 * Response (`res.data`, `res.status`, `res.headers`).
 *   const res = await call('getIntegrationByName', () => client.integrations.getIntegrationByName(name));
 */
export async function call(operationId, fn) {
  let res;
  try {
    res = await fn();
  } catch (err) {
    assert.fail(`${operationId}: expected success, got ${describeError(err)}`);
  }
  const info = successInfo(operationId);
  assert.ok(info, `${operationId} returns no JSON body; use callRaw()`);
  assert.equal(res.status, info.status, `${operationId}: HTTP status`);
  assertConforms(operationId, res.data);
  return res;
}

/**
 * Runs an operation the client returns as a raw Response (no `format`: unpublish, dev mode,
 * tasks, uninstalls) and asserts its status is one of `statuses` and that it has no body.
 */
export async function callRaw(operationId, fn, statuses) {
  const allowed = [].concat(statuses);
  let res;
  try {
    res = await fn();
  } catch (err) {
    assert.fail(`${operationId}: expected ${allowed.join('/')}, got ${describeError(err)}`);
  }
  assert.equal(res.data, null, `${operationId}: the client returns raw responses for this op`);
  assert.ok(allowed.includes(res.status), `${operationId}: expected HTTP ${allowed.join(' or ')}, got ${res.status}`);
  const text = await res.text();
  assert.equal(text, '', `${operationId}: a ${res.status} must have no body`);
  return res;
}

/**
 * Awaits a call that must fail with GitBookAPIError `code` (the HTTP status).
 * Options: `messageIncludes` (string or array; case-insensitive substrings of errorMessage).
 */
export async function expectGitBookError(promiseOrFn, code, { messageIncludes } = {}) {
  let result;
  let err;
  let failed = false;
  try {
    result = await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } catch (e) {
    failed = true;
    err = e;
  }
  if (!failed) {
    assert.fail(`expected GitBookAPIError ${code}, but the call succeeded with HTTP ${result?.status}: ` +
      `${preview(result?.data, 500)}`);
  }
  assert.ok(err instanceof GitBookAPIError, `expected GitBookAPIError ${code}, got ${describeError(err)}`);
  assert.equal(err.name, 'GitBookAPIError');
  assert.equal(err.code, code, `expected HTTP ${code}, got ${err.code}: ${err.errorMessage}`);
  assert.equal(typeof err.errorMessage, 'string');
  assert.ok(err.errorMessage.length > 0, 'errorMessage is empty');
  for (const needle of [].concat(messageIncludes ?? [])) {
    assert.ok(err.errorMessage.toLowerCase().includes(String(needle).toLowerCase()),
      `errorMessage should mention ${JSON.stringify(needle)}: ${JSON.stringify(err.errorMessage)}`);
  }
  return err;
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP (for what the client cannot express)

export async function rawFetch(pathAndQuery, { token, method = 'GET', body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(`${API_BASE}${pathAndQuery}`, {
    method, headers: h, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

/** Asserts a Location header is present and points at `pathSuffix` (absolute or relative). */
export function assertLocation(res, pathSuffix) {
  const location = res.headers.get('location');
  assert.ok(location, `201 without a Location header (expected …${pathSuffix})`);
  const pathname = new URL(location, API_BASE + '/').pathname;
  assert.ok(pathname.endsWith(pathSuffix), `Location ${location} should end with ${pathSuffix}`);
  return location;
}

// ---------------------------------------------------------------------------------------------
// A local "tunnel": the dev-mode target that receives integration events

/**
 * Reads a dispatch as the GitBook runtime's `createIntegration` does (`request.formData()`): the fields `event`,
 * `environment` (IntegrationEnvironment) and `fetch-body`. Returns { event, environment, fields } (nulls when the
 * body is not such a form).
 */
export async function readDispatch(headers, raw) {
  try {
    const form = await new Response(raw, { headers: { 'content-type': String(headers['content-type'] ?? '') } }).formData();
    const fields = Object.fromEntries(form.entries());
    return {
      event: fields.event === undefined ? null : JSON.parse(fields.event),
      environment: fields.environment === undefined ? null : JSON.parse(fields.environment),
      fields,
    };
  } catch {
    return { event: null, environment: null, fields: null };
  }
}

/**
 * Starts a node:http server on TUNNEL_BIND:<random> (the emulator calls TUNNEL_HOST) that records every request and answers
 * with `respond(event)` (default: 200 `{}`). Each entry of `received` has `body` (the dispatched event), `environment`
 * and `fields` (see readDispatch). Returns { url, received, waitFor, close, ... }.
 */
export async function startTunnel({ respond } = {}) {
  const received = [];
  let responder = respond || (() => ({ status: 200, body: {} }));
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const bytes = Buffer.concat(chunks);
      const raw = bytes.toString('utf8');
      const { event, environment, fields } = await readDispatch(req.headers, bytes);
      const body = event ?? undefined;
      const entry = { method: req.method, url: req.url, headers: req.headers, raw, body, environment, fields, at: Date.now() };
      received.push(entry);
      let answer;
      try {
        answer = await responder(body, entry);
      } catch (err) {
        answer = { status: 500, body: { error: String(err) } };
      }
      const status = answer?.status ?? 200;
      const payload = answer?.body === undefined ? '' : JSON.stringify(answer.body);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(payload);
    });
  });
  await new Promise((resolve) => server.listen(0, TUNNEL_BIND, resolve));
  const { port } = server.address();
  const url = `http://${TUNNEL_HOST}:${port}/tunnel`;
  return {
    url,
    received,
    setResponder(fn) { responder = fn; },
    /** JSON bodies received so far, optionally filtered by event `type`. */
    events(type) {
      return received.map((r) => r.body).filter((b) => b && (type === undefined || b.type === type));
    },
    /** Waits until `predicate(body)` holds for some received body; returns that body. */
    async waitFor(predicate, { timeout = 5000, what = 'event' } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const hit = received.find((r) => r.body && predicate(r.body));
        if (hit) return hit.body;
        if (Date.now() > deadline) {
          assert.fail(`tunnel: no ${what} within ${timeout} ms; received: ${preview(received.map((r) => r.body), 1500)}`);
        }
        await sleep(50);
      }
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

/** A URL on TUNNEL_HOST where nothing listens (a port just freed). */
export async function deadUrl() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, TUNNEL_BIND, resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://${TUNNEL_HOST}:${port}/dead`;
}



// ---------------------------------------------------------------------------------------------
// Paging

/** Follows `next.page` through a paginated op; validates each page. Returns { items, pages }. */
export async function collectPages(operationId, fetchPage, { maxPages = 200 } = {}) {
  const items = [];
  const pages = [];
  let page;
  for (let i = 0; i < maxPages; i++) {
    const res = await call(operationId, () => fetchPage(page));
    pages.push(res.data);
    items.push(...res.data.items);
    if (!res.data.next) return { items, pages };
    assert.equal(typeof res.data.next.page, 'string');
    assert.notEqual(res.data.next.page, page, `${operationId}: next.page repeats`);
    page = res.data.next.page;
  }
  assert.fail(`${operationId}: more than ${maxPages} pages`);
}

// ---------------------------------------------------------------------------------------------
// Fixtures built through the API

/** Publishes a fresh integration owned by ORGANIZATION_ID and returns its name + data. */
export async function publishFresh(client, overrides = {}, { name = uniqueName() } = {}) {
  const res = await call('publishIntegration', () =>
    client.integrations.publishIntegration(name, publishBody(overrides)));
  return { name, integration: res.data };
}

/** Installs `name` on ORGANIZATION_ID (or `organization`); returns the installation (201 body). */
export async function installFresh(client, name, organization = ORGANIZATION_ID) {
  const res = await call('installIntegration', () =>
    client.integrations.installIntegration(name, { organization }));
  return res.data;
}

/** A space and a site of ORGANIZATION_ID (the first of each), where the tests install; they cannot be created. */
export async function contentOf(client) {
  const spaces = await call('listSpacesInOrganizationById', () => client.orgs.listSpacesInOrganizationById(ORGANIZATION_ID));
  const sites = await call('listSites', () => client.orgs.listSites(ORGANIZATION_ID));
  assert.ok(spaces.data.items.length > 0 && sites.data.items.length > 0, `organization ${ORGANIZATION_ID} needs a space and a site`);
  return { spaceId: spaces.data.items[0].id, siteId: sites.data.items[0].id };
}
