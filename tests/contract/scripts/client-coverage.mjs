#!/usr/bin/env node
// The "client coverage" section of README.md: every method of the three pinned official clients that touches
// integrations, the HTTP call it makes, and whether the emulator serves that call.
//
//   EMULATOR_URL=http://127.0.0.1:PORT node tests/contract/scripts/client-coverage.mjs --write   rewrite the section
//   EMULATOR_URL=http://127.0.0.1:PORT node tests/contract/scripts/client-coverage.mjs [--check] exit 1 if it differs
//
// Nothing here is a hand-kept list of what is emulated. The two halves come from code:
//   - the client side from the pinned packages: which methods exist, and the method + path each one sends
//     (Botpress and Membrane: the method is called against a local recording server; GitBook: the generated
//     request builder's source names both);
//   - the emulator side from the running emulator: GET EMULATOR_URL/_emulator/routes lists every vendor route
//     ASP.NET Core routes (vendor, method, pattern, name).
// A method is "emulated" when every request it sends matches a route by method and path shape (literal segments
// equal, parameters in the same places) and it does not need a browser to finish.
// Which methods "touch integrations" is decided per vendor, in botpressMethods / gitbookMethods / membraneMethods.
//
// Environment: EMULATOR_URL (default http://127.0.0.1:5080); EMULATOR_ADMIN_TOKEN when the emulator runs with
// --admin-token.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Client as BotpressClient } from '@botpress/client';
import { GitBookAPI } from '@gitbook/api';
import { MembraneClient } from '@membranehq/sdk';

import { loadAdminOpenapi } from './export-botpress-schemas.mjs';
import { ELEMENT_KINDS } from './export-membrane-schemas.mjs';
import { HTTP_METHODS } from './openapi-document.mjs';
import { isMain } from './schema-files.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const contractDir = path.resolve(here, '..');

export const README = path.resolve(here, '../../../README.md');
export const START = '<!-- client-coverage:start -->';
export const END = '<!-- client-coverage:end -->';

// The Botpress client silently reads BP_* variables at construction; the probe passes everything explicitly.
for (const name of ['BP_API_URL', 'BP_TOKEN', 'BP_WORKSPACE_ID', 'BP_BOT_ID', 'BP_INTEGRATION_ID']) delete process.env[name];

// Account calls the Botpress CLI (`bp login`, `bp deploy`, `bp dev`, `bp add`, ...) makes in its integration
// workflows: part of the surface even though their paths do not say "integration".
export const BOTPRESS_CLI_ACCOUNT_CALLS = Object.freeze([
  'listBots', 'getBot', 'createBot', 'updateBot', 'deleteBot', 'listWorkspaces', 'getWorkspace', 'updateWorkspace',
  'checkHandleAvailability', 'getInterface', 'getInterfaceByName', 'listInterfaces',
]);

// An admin path (or client method name) that concerns integrations: integrations, hub integrations, integration API
// keys (/integrations/iaks), shareable ids and sandboxed conversations (/bots/{}/integrations/{}/...), interfaces.
const BOTPRESS_INTEGRATION_WORDS = /integration|interface/i;

// How long one probed client method may take: the recording server answers at once, so only a method waiting for
// a browser (popup, iframe messages) gets near it.
const PROBE_TIMEOUT_MS = 3000;

// ---------------------------------------------------------------------------------------------------------------
// Paths and routes

/** The shape of a path template: parameters (`{id}`, `{*rest}`) become `{}`, so names do not matter. */
export function shapeOf(template) {
  return template.replace(/\{[^}]*\}/g, '{}');
}

/** GET EMULATOR_URL/_emulator/routes: [{ vendor, method, route, name }]. */
export async function fetchRoutes(emulatorUrl, adminToken = process.env.EMULATOR_ADMIN_TOKEN) {
  const response = await fetch(`${emulatorUrl}/_emulator/routes`, {
    headers: adminToken ? { authorization: `Bearer ${adminToken}` } : {},
  });
  if (!response.ok) throw new Error(`GET ${emulatorUrl}/_emulator/routes answered ${response.status}: ${await response.text()}`);
  return (await response.json()).routes;
}

/**
 * A matcher for one vendor's routes: serves({ method, path }) with `path` as the client sends it under its base URL
 * (the emulator mounts each vendor under /<vendor>, so that prefix is dropped from the routes).
 */
export function routeMatcher(routes, vendor) {
  const keys = new Set(routes.filter((r) => r.vendor === vendor)
    .map((r) => `${r.method} ${shapeOf(r.route.slice(vendor.length + 1))}`));
  return ({ method, path: p }) => keys.has(`${method} ${shapeOf(p)}`) || keys.has(`* ${shapeOf(p)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Recording server: where the Botpress and Membrane clients are pointed to learn which request a method sends

/**
 * Starts a loopback HTTP server that answers every request 200 with one JSON body (`{}` unless a probe says
 * otherwise) and records `METHOD path` (query dropped, path percent-decoded so that a placeholder argument `{id}`
 * reads back as `{id}`).
 */
async function startRecorder() {
  const seen = [];
  let body = '{}';
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const [p] = req.url.split('?');
      seen.push({ method: req.method, path: decodeURIComponent(p) });
      res.setHeader('content-type', 'application/json');
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /**
     * Calls `fn` while every answer is `answer`; returns { promise, calls, error, browser, settled }: what it sent
     * until it settled or timed out.
     */
    async probe(fn, answer = '{}') {
      const start = seen.length;
      body = answer;
      const outcome = await settle(fn);
      return { ...outcome, calls: seen.slice(start) };
    },
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

const isBrowserOnly = (error) => error instanceof ReferenceError && /\b(window|document|navigator)\b/.test(error.message);

/**
 * Runs `fn` and waits for its promise, an uncaught error, or PROBE_TIMEOUT_MS. Browser-only SDK code may throw from a
 * callback outside the promise chain (and then never settle), so an uncaught error during the call is attributed to
 * it and ends the wait rather than the process.
 * Returns { promise: whether fn returned a thenable, error, browser, settled }.
 */
async function settle(fn) {
  let catchStray;
  const stray = new Promise((resolve) => { catchStray = (error) => resolve({ settled: true, error }); });
  process.on('uncaughtException', catchStray);
  process.on('unhandledRejection', catchStray);
  try {
    let result;
    try {
      result = fn();
    } catch (error) {
      return { promise: false, error, browser: isBrowserOnly(error), settled: true };
    }
    if (!result || typeof result.then !== 'function') return { promise: false, settled: true };
    let timer;
    const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve({ settled: false }), PROBE_TIMEOUT_MS); });
    const outcome = await Promise.race([
      Promise.resolve(result).then(() => ({ settled: true }), (error) => ({ settled: true, error })),
      stray,
      timeout,
    ]);
    clearTimeout(timer);
    const { error } = outcome;
    return { promise: true, settled: outcome.settled, error, browser: Boolean(error && isBrowserOnly(error)) };
  } finally {
    process.off('uncaughtException', catchStray);
    process.off('unhandledRejection', catchStray);
  }
}

/** Parameter names of a function from its source (`async get(a, { b } = {})` → ['a', null]); null = destructured. */
function parameterNames(fn) {
  const source = fn.toString();
  const open = source.indexOf('(');
  let depth = 0;
  let close = open;
  for (; close < source.length; close++) {
    if ('([{'.includes(source[close])) depth++;
    if (')]}'.includes(source[close]) && --depth === 0) break;
  }
  const params = [];
  let current = '';
  depth = 0;
  for (const ch of source.slice(open + 1, close)) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      params.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim()) params.push(current);
  return params.map((p) => /^\s*([A-Za-z_$][\w$]*)\s*(=.*)?$/s.exec(p)?.[1] ?? null);
}

/**
 * Placeholder arguments for a client method: a path-like parameter (named key, id or selector) gets `{name}`, so the
 * recorded path reads as a template; anything else (bodies, queries, option objects) gets an empty object.
 */
function placeholderArguments(fn) {
  return parameterNames(fn).map((name) => (name && /(key|id|selector)$/i.test(name) ? `{${name}}` : {}));
}

// ---------------------------------------------------------------------------------------------------------------
// Botpress: @botpress/client's Client, admin API

/**
 * The Client methods that touch integrations, each with the request it sends: [{ client, calls, note? }].
 * Selection: the admin OpenAPI of @botpress/api (the API the Client is generated from) — operations whose path
 * concerns integrations or interfaces, plus BOTPRESS_CLI_ACCOUNT_CALLS — and Client methods absent from that
 * document whose name concerns integrations and that send an admin request (rotateIntegrationSigningSecrets).
 * Each is called once with placeholder input to record its request, which must agree with the document.
 */
async function botpressMethods(recorder) {
  const openapi = loadAdminOpenapi();
  const client = new BotpressClient({ apiUrl: recorder.url, token: 'bp_pat_coverage', workspaceId: 'wkspace_coverage', timeout: PROBE_TIMEOUT_MS });
  // Every property read of the input returns `{name}`: path parameters come back as a template.
  const input = new Proxy({}, { get: (_, key) => (typeof key === 'string' ? `{${key}}` : undefined) });
  const record = async (name) => (await recorder.probe(() => client[name](input))).calls;

  const rows = [];
  const inSpec = new Set();
  for (const [p, item] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !op?.operationId) continue;
      inSpec.add(op.operationId);
      if (!BOTPRESS_INTEGRATION_WORDS.test(p) && !BOTPRESS_CLI_ACCOUNT_CALLS.includes(op.operationId)) continue;
      if (typeof client[op.operationId] !== 'function') {
        throw new Error(`@botpress/client has no method ${op.operationId} (${method.toUpperCase()} ${p} of the admin OpenAPI)`);
      }
      const calls = await record(op.operationId);
      const expected = `${method.toUpperCase()} ${p}`;
      if (calls.length !== 1 || `${calls[0].method} ${calls[0].path}` !== expected) {
        throw new Error(`client.${op.operationId} sent ${JSON.stringify(calls)}, the admin OpenAPI says ${expected}`);
      }
      rows.push({ client: `client.${op.operationId}`, calls });
    }
  }
  const missingCli = BOTPRESS_CLI_ACCOUNT_CALLS.filter((name) => !inSpec.has(name));
  if (missingCli.length) throw new Error(`not in the admin OpenAPI: ${missingCli.join(', ')}`);

  const clientOnly = Object.keys(client)
    .filter((name) => typeof client[name] === 'function' && !inSpec.has(name) && BOTPRESS_INTEGRATION_WORDS.test(name))
    .sort();
  for (const name of clientOnly) {
    const calls = await record(name);
    if (calls.length === 1 && calls[0].path.startsWith('/v1/admin/')) {
      rows.push({ client: `client.${name}`, calls, note: 'in the client, not in the admin OpenAPI' });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// GitBook: @gitbook/api's GitBookAPI

/**
 * Every request method of the generated client: Map<'METHOD /path', { client, path, method }>. The client is
 * generated from the OpenAPI document with method names derived from operation ids (not always equal: `UI` → `Ui`)
 * and grouped by the first path segment (`api.integrations.*`, `api.orgs.*`, ...); each method is a one-statement
 * request builder whose source names `path` and `method`, so reading them is exact and needs no call.
 */
function gitbookClientMethods() {
  const api = new GitBookAPI({ authToken: 'gb_coverage' });
  const methods = new Map();
  const add = (client, fn) => {
    const source = fn.toString();
    const p = /path:\s*`([^`]*)`/.exec(source)?.[1];
    const method = /method:\s*"([A-Z]+)"/.exec(source)?.[1];
    if (!p || !method) return; // not a request builder (formatters, helpers)
    const template = p.replace(/\$\{(\w+)\}/g, '{$1}');
    methods.set(`${method} ${template}`, { client, method, path: template });
  };
  for (const [key, value] of Object.entries(api)) {
    if (typeof value === 'function') add(`api.${key}`, value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [name, fn] of Object.entries(value)) if (typeof fn === 'function') add(`api.${key}.${name}`, fn);
    }
  }
  return methods;
}

/**
 * The GitBook client methods that touch integrations: every operation tagged `integrations` in
 * @gitbook/api/spec/openapi.json, then every other client method the emulator serves (the account and content
 * reads the integration flows need: user, organizations, spaces, sites), in document order.
 */
function gitbookMethods(serves) {
  const spec = JSON.parse(fs.readFileSync(path.join(contractDir, 'node_modules/@gitbook/api/spec/openapi.json'), 'utf8'));
  const clientMethods = gitbookClientMethods();
  const rows = [];
  for (const [p, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !op?.operationId) continue;
      const found = clientMethods.get(`${method.toUpperCase()} ${p}`);
      const call = { method: method.toUpperCase(), path: `/v1${p}` };
      if (!(op.tags ?? []).includes('integrations') && !serves(call)) continue;
      if (!found) throw new Error(`@gitbook/api has no method for ${op.operationId} (${call.method} ${p})`);
      rows.push({ client: found.client, calls: [call] });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Membrane: @membranehq/sdk's MembraneClient

/**
 * The integration accessors of MembraneClient: `integrations`, `integration(selector)` and, under it, the
 * integration-level element accessors (`actions`, `action(element)`, ... for each kind of ELEMENT_KINDS).
 * Connectors are reached through `integration(selector)` (getConnectorSpec, getOperations, getDataCollections).
 */
function membraneAccessors(client) {
  const integration = () => client.integration('{selector}');
  return [
    ['client.integrations', () => client.integrations],
    ['client.integration(selector)', integration],
    ...ELEMENT_KINDS.flatMap(({ list, one }) => [
      [`client.integration(selector).${list}`, () => integration()[list]],
      [`client.integration(selector).${one}(element)`, () => integration()[one]('{element}')],
    ]),
  ];
}

/** Method names of an accessor: its prototype chain's functions (getters excluded: they return accessors). */
function methodNames(object) {
  const names = [];
  for (let proto = Object.getPrototypeOf(object); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (name !== 'constructor' && typeof descriptor.value === 'function' && !names.includes(name)) names.push(name);
    }
  }
  return names;
}

/**
 * Every asynchronous method of the integration accessors, each called once against the recording server with
 * placeholder arguments. Synchronous ones (getPath, action(selector), ...) make no request and are not methods of
 * the API. A method that ends needing `window`/`document` (open, connect, ...) is marked as needing a browser.
 */
async function membraneMethods(recorder) {
  const prefix = '/membrane-probe';
  const client = new MembraneClient({ apiUri: `${recorder.url}${prefix}`, token: 'pat-coverage' });
  const rows = [];
  for (const [label, accessor] of membraneAccessors(client)) {
    for (const name of methodNames(accessor())) {
      const call = () => {
        const target = accessor();
        return target[name](...placeholderArguments(target[name]));
      };
      // The stub's `{}` has no shape; a method that breaks on it (connect() looks for an item of the array
      // /connection-options answers) is probed again with `[]`, so that it goes as far as it would for real.
      let outcome = await recorder.probe(call);
      if (outcome.error instanceof TypeError) outcome = await recorder.probe(call, '[]');
      if (!outcome.promise) continue;
      if (outcome.error && !outcome.browser) {
        throw new Error(`${label}.${name} failed against the recording server: ${outcome.error.stack ?? outcome.error}`);
      }
      const browser = outcome.browser || !outcome.settled;
      const calls = outcome.calls.map((c) => ({ method: c.method, path: c.path.slice(prefix.length) || '/' }));
      const note = !browser ? undefined : calls.length ? 'then needs a browser: Membrane UI' : 'no API call; needs a browser: Membrane UI';
      rows.push({ client: `${label}.${name}`, calls, note, browser });
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// The section

function packageVersion(name) {
  return JSON.parse(fs.readFileSync(path.join(contractDir, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** Marks each row emulated when every call it makes is a route of the emulator and it needs no browser. */
function withVerdicts(rows, serves) {
  return rows.map((row) => ({ ...row, emulated: row.calls.length > 0 && !row.browser && row.calls.every(serves) }));
}

function vendorTable(title, rows) {
  const emulated = rows.filter((r) => r.emulated).length;
  const lines = [
    `**${title}** — ${emulated} of ${rows.length} methods emulated.`,
    '',
    '| client method | HTTP method + path | emulated |',
    '|---|---|---|',
  ];
  for (const row of rows) {
    const calls = row.calls.map((c) => `\`${c.method} ${c.path}\``).join(', ');
    const what = [calls, row.note && `(${row.note})`].filter(Boolean).join(' ');
    lines.push(`| \`${row.client}\` | ${what || '—'} | ${row.emulated ? '✓' : '—'} |`);
  }
  return lines;
}

/** The Markdown between the markers (markers included). */
export async function buildSection(emulatorUrl) {
  const routes = await fetchRoutes(emulatorUrl);
  const recorder = await startRecorder();
  let botpress;
  let membrane;
  try {
    botpress = await botpressMethods(recorder);
    membrane = await membraneMethods(recorder);
  } finally {
    recorder.close();
  }
  const gitbookServes = routeMatcher(routes, 'gitbook');
  const gitbook = gitbookMethods(gitbookServes);
  return [
    START,
    '<!-- Generated by `node tests/contract/scripts/client-coverage.mjs --write` with EMULATOR_URL set; do not edit.',
    '     The contract test control/client-coverage.test.mjs fails when this section is not what the script writes. -->',
    '',
    'Every method of the pinned official clients that touches integrations, the request it sends, and whether the',
    'emulator serves it (read from the emulator\'s routes, `GET /_emulator/routes`). Botpress: the admin API\'s',
    'integration, hub, integration API key, shareable id and interface calls and the account calls of the `bp` CLI;',
    'GitBook: every operation tagged `integrations` and the reads the emulator serves; Membrane: the methods of',
    '`integrations`, `integration(selector)` and its element accessors.',
    '',
    ...vendorTable(`@botpress/client ${packageVersion('@botpress/client')}`, withVerdicts(botpress, routeMatcher(routes, 'botpress'))),
    '',
    ...vendorTable(`@gitbook/api ${packageVersion('@gitbook/api')}`, withVerdicts(gitbook, gitbookServes)),
    '',
    ...vendorTable(`@membranehq/sdk ${packageVersion('@membranehq/sdk')}`, withVerdicts(membrane, routeMatcher(routes, 'membrane'))),
    END,
  ].join('\n');
}

/** README text with the section replaced; throws unless both markers are present once, in order. */
export function replaceSection(readme, section) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start || readme.indexOf(START, start + 1) >= 0 || readme.indexOf(END, end + 1) >= 0) {
    throw new Error(`README.md needs exactly one ${START} followed by one ${END}`);
  }
  return readme.slice(0, start) + section + readme.slice(end + END.length);
}

/** A line diff (longest common subsequence): `-` lines of `before`, `+` lines of `after`, two lines of context. */
export function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push([' ', a[i++], j++]);
    else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push(['-', a[i++]]);
    else ops.push(['+', b[j++]]);
  }
  const changed = ops.map((op, k) => (op[0] !== ' ' ? k : -1)).filter((k) => k >= 0);
  const out = [];
  let last = -1;
  ops.forEach(([sign, line], k) => {
    if (!changed.some((c) => Math.abs(c - k) <= 2)) return;
    if (last >= 0 && k > last + 1) out.push('…'); // lines left out between two changes
    out.push(`${sign} ${line}`);
    last = k;
  });
  return out.join('\n');
}

async function main(argv) {
  const write = argv.includes('--write');
  const emulatorUrl = (process.env.EMULATOR_URL || 'http://127.0.0.1:5080').replace(/\/+$/, '');
  const readme = fs.readFileSync(README, 'utf8');
  const updated = replaceSection(readme, await buildSection(emulatorUrl));
  if (write) {
    if (updated !== readme) fs.writeFileSync(README, updated);
    console.log(`README.md client coverage ${updated === readme ? 'unchanged' : 'rewritten'} (from ${emulatorUrl})`);
    return 0;
  }
  if (updated === readme) {
    console.log('README.md client coverage is up to date');
    return 0;
  }
  console.error('README.md client coverage differs from the clients and the emulator\'s routes ' +
    '(- README.md, + generated; run `node tests/contract/scripts/client-coverage.mjs --write` with EMULATOR_URL set):');
  console.error(lineDiff(readme, updated));
  return 1;
}

if (isMain(import.meta.url)) {
  // Exit explicitly: browser-only SDK code probed above may leave timers behind.
  main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
    console.error(error.stack ?? String(error));
    process.exit(2);
  });
}
