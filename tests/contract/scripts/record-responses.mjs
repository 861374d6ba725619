#!/usr/bin/env node
// Records a fixed, ordered conversation with a running emulator and prints it as a transcript: every request
// (method, path, headers sent, body) with its answer (status, the headers that matter, body), then the state
// export. Two runs against fresh emulators with the same seed print the same bytes, so a refactor that must not
// change behaviour is checked with a diff of the transcripts before and after it.
//
//   EMULATOR_URL=http://127.0.0.1:PORT node tests/contract/scripts/record-responses.mjs > transcript.txt
//
// Run it against a fresh emulator (nothing else talking to it). It freezes the virtual clock at a fixed instant
// (and advances it one second before each vendor write, so creation order is time order), uses fixed tenant
// tokens, and starts a small local HTTP server of its own that plays the integration behind a Botpress dev
// integration's url and the GitBook development-mode tunnel (what the emulator sends there is printed too).
//
// What is random by design is normalised, and only that: values minted at run time with random parts (Botpress
// ULID ids — the 16 random characters, the time part stays —, webhook uuids, shareable ids, API keys and signing
// secrets, GitBook 20-character ids and tokens, Membrane 24-hex ids, 16-hex revisions and uuids), the HMAC part of
// page tokens, the random tail of Botpress error ids, the page-token key of the state export, and the two local
// origins (the emulator's and this script's helper server, whose ports change). Each distinct random value becomes
// a placeholder numbered in order of first appearance (<ulid:3>), the same wherever it appears later (paths,
// bodies, the state export). Values that already exist before the first write (the seeded data: every id of the
// state export and of the read-only first part) are never replaced, so a change in seeded data shows.
//
// Node 20, no dependencies. Exit code 0 when the conversation ran (whatever the statuses), 1 on a failure of
// the script itself (e.g. the emulator is not reachable).

import http from 'node:http';

const BASE = (process.env.EMULATOR_URL || 'http://127.0.0.1:5080').replace(/\/+$/, '');
const BASE_URL = new URL(BASE);

// ---------------------------------------------------------------------------------------------------------------
// Fixed inputs

const FROZEN_AT = '2030-01-01T00:00:00Z';

const BP_TOKEN = 'bp_pat_recorder';
const BP_OTHER_TOKEN = 'bp_pat_recorder_other';
const BP_WS = 'wkspace_01JEMULATEDEFAULTWORKSPACE'; // BotpressDefaults.WorkspaceId
const BP_BOT = 'bot_01JEMULATEDEFAULTBOT000000'; // BotpressDefaults.BotId
const BP_WS2 = 'wkspace_recorder_second';

const GB_TOKEN = 'gb_recorder';
const GB_OTHER_TOKEN = 'gb_recorder_other';
const GB_ORG = 'emulator-org';
const GB_SPACE = 'emulator-space-docs';
const GB_SITE = 'site_emulator_docs';

const MB_TOKEN = 'pat-recorder';
const MB_OTHER_TOKEN = 'pat-recorder-other';
const MB_VERSION = '2025-10-21';
const MB_FIXED_UUID = '0f0f0f0f-1111-4222-8333-444455556666';

const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (text) => b64(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="16" height="16"/></svg>';
const MB_JWT = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"iss":"recorder","id":"recorder-user"}')}.c2lnbmF0dXJl`;

// Values this script chose itself that look like minted ones: never normalised.
const FIXED_VALUES = [MB_FIXED_UUID];

// ---------------------------------------------------------------------------------------------------------------
// The helper server: the dev integration's url (Botpress) and the development-mode tunnel (GitBook)

const RENDER_OUTPUT = {
  type: 'element',
  element: { type: 'block', children: [{ type: 'text', children: ['Rendered by the recorder'] }] },
  state: { count: 1 },
  props: {},
};

let helperInbox = [];
const helper = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    helperInbox.push({ method: req.method, url: req.url, headers: req.headers, body });
    res.sendDate = false;
    let status = 200;
    let payload = { ok: true };
    if (req.url.startsWith('/gb')) payload = req.headers['x-gitbook-event-type'] === 'ui_render' ? RENDER_OUTPUT : {};
    if (req.url.startsWith('/bp/fail')) {
      status = 500;
      payload = { message: 'the recorder helper refuses' };
    }
    res.writeHead(status, { 'content-type': 'application/json', 'x-recorder-helper': 'yes' });
    res.end(JSON.stringify(payload));
  });
});

let HELPER = '';

// ---------------------------------------------------------------------------------------------------------------
// Recording

const records = []; // raw, normalised at the end
let phase = 1; // 1: read-only (its values count as seeded), 2: writes
const phaseOneTexts = [];

async function advanceClock() {
  const res = await fetch(`${BASE}/_emulator/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advance: 'PT1S' }),
  });
  if (res.status !== 200) throw new Error(`advancing the clock answered ${res.status}: ${await res.text()}`);
}

/**
 * Sends one request and records it. `json`: a body sent as JSON; `raw`: a body sent as is (with `contentType`,
 * if any). `headers`: sent as given (null values are left out). `print: false` records nothing.
 */
async function send(method, path, { headers = {}, json, raw, contentType, note = '', print = true, tick } = {}) {
  const sent = {};
  for (const [k, v] of Object.entries(headers)) if (v !== null && v !== undefined) sent[k.toLowerCase()] = v;
  let body;
  if (json !== undefined) {
    body = JSON.stringify(json);
    if (!('content-type' in sent)) sent['content-type'] = contentType ?? 'application/json';
  } else if (raw !== undefined) {
    body = raw;
    if (contentType !== undefined && !('content-type' in sent)) sent['content-type'] = contentType;
  }
  const isVendor = !path.startsWith('/_emulator');
  if (tick ?? (isVendor && method !== 'GET' && method !== 'HEAD')) await advanceClock();
  helperInbox = [];
  const res = await fetch(BASE + path, { method, headers: sent, body, redirect: 'manual' });
  const text = await res.text();
  const resHeaders = [];
  res.headers.forEach((value, name) => {
    if (!['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'server'].includes(name)) resHeaders.push([name, value]);
  });
  resHeaders.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const received = helperInbox;
  helperInbox = [];
  if (print) {
    records.push({ method, path, note, headers: sent, body, status: res.status, resHeaders, text, received });
    if (phase === 1) phaseOneTexts.push(text);
  }
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: parsed };
}

const bearer = (token) => (token === null ? null : `Bearer ${token}`);

function bp(method, path, opts = {}) {
  const { token = BP_TOKEN, ws = BP_WS, headers = {}, ...rest } = opts;
  return send(method, `/botpress${path}`, {
    ...rest,
    headers: { authorization: bearer(token), 'x-workspace-id': ws, ...headers },
  });
}

function gb(method, path, opts = {}) {
  const { token = GB_TOKEN, headers = {}, ...rest } = opts;
  return send(method, `/gitbook${path}`, { ...rest, headers: { authorization: bearer(token), ...headers } });
}

function mb(method, path, opts = {}) {
  const { token = MB_TOKEN, version = MB_VERSION, headers = {}, ...rest } = opts;
  return send(method, `/membrane${path}`, {
    ...rest,
    headers: { authorization: bearer(token), 'membrane-api-version': version, ...headers },
  });
}

/** Follows a list's page tokens: `first` is the path of the first page, `next(json)` the token or null. */
async function walk(get, first, param, next, maxPages = 6) {
  let res = await get(first);
  const pages = [res];
  for (let i = 1; i < maxPages; i++) {
    const token = res.json && next(res.json);
    if (!token) break;
    const sep = first.includes('?') ? '&' : '?';
    res = await get(`${first}${sep}${param}=${encodeURIComponent(token)}`);
    pages.push(res);
  }
  return pages;
}

const enc = encodeURIComponent;
const long = (n, c = 'a') => c.repeat(n);

// ---------------------------------------------------------------------------------------------------------------
// LZ-string compressToEncodedURIComponent (renderIntegrationUIWithGet's `request`), as lz-string 1.5 writes it

function lzCompressToEncodedURIComponent(input) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  const bitsPerChar = 6;
  const dictionary = new Map();
  const toCreate = new Set();
  let w = '';
  let enlargeIn = 2;
  let dictSize = 3;
  let numBits = 2;
  const data = [];
  let dataVal = 0;
  let dataPosition = 0;
  const writeBits = (count, value) => {
    for (let i = 0; i < count; i++) {
      dataVal = (dataVal << 1) | (value & 1);
      if (dataPosition === bitsPerChar - 1) {
        dataPosition = 0;
        data.push(alphabet.charAt(dataVal));
        dataVal = 0;
      } else dataPosition++;
      value >>= 1;
    }
  };
  const emit = (phrase) => {
    if (toCreate.has(phrase)) {
      const code = phrase.charCodeAt(0);
      if (code < 256) {
        writeBits(numBits, 0);
        writeBits(8, code);
      } else {
        writeBits(numBits, 1);
        writeBits(16, code);
      }
      enlargeIn--;
      if (enlargeIn === 0) {
        enlargeIn = 2 ** numBits;
        numBits++;
      }
      toCreate.delete(phrase);
    } else writeBits(numBits, dictionary.get(phrase));
    enlargeIn--;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  };
  for (const c of input) {
    // lz-string walks UTF-16 code units; the inputs here are ASCII.
    if (!dictionary.has(c)) {
      dictionary.set(c, dictSize++);
      toCreate.add(c);
    }
    const wc = w + c;
    if (dictionary.has(wc)) w = wc;
    else {
      emit(w);
      dictionary.set(wc, dictSize++);
      w = c;
    }
  }
  if (w !== '') emit(w);
  writeBits(numBits, 2);
  for (;;) {
    dataVal <<= 1;
    if (dataPosition === bitsPerChar - 1) {
      data.push(alphabet.charAt(dataVal));
      break;
    }
    dataPosition++;
  }
  return data.join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Botpress

const bpSeed = {};

async function botpressReads() {
  // Workspaces
  const workspaces = await bp('GET', '/v1/admin/workspaces', { ws: null });
  const ws = await bp('GET', `/v1/admin/workspaces/${BP_WS}`, { ws: null });
  const handle = ws.json?.handle;
  if (handle) await bp('GET', `/v1/admin/workspaces?handle=${enc(handle)}`, { ws: null });
  await bp('GET', '/v1/admin/workspaces?handle=no-such-handle', { ws: null });
  await bp('GET', '/v1/admin/workspaces/wkspace_01NOSUCHWORKSPACE0000000000', { ws: null });
  await bp('GET', '/v1/admin/workspaces?nextToken=not-a-token', { ws: null });

  // The workspace's integrations: default list, pages, filters
  const all = await bp('GET', '/v1/admin/integrations');
  await walk((p) => bp('GET', p), '/v1/admin/integrations?limit=3', 'nextToken', (j) => j.meta?.nextToken, 8);
  const items = all.json?.integrations ?? [];
  bpSeed.integrations = items;
  const first = items[0];
  const publicOne = items.find((i) => i.visibility === 'public');
  const privateOne = items.find((i) => i.visibility === 'private');
  bpSeed.publicIntegration = publicOne;
  bpSeed.privateIntegration = privateOne;
  for (const q of [
    `name=${enc(first?.name ?? 'x')}`,
    'version=latest',
    `name=${enc(first?.name ?? 'x')}&version=latest`,
    'visibility=public',
    'visibility=private',
    'verificationStatus=approved',
    'search=sync',
    'search=SYNC&limit=2',
    'sortBy=name&direction=desc',
    'sortBy=updatedAt',
    'sortBy=installCount&direction=asc&limit=4',
    'sortBy=popularity',
    'dev=true',
    `installedByBotId=${BP_BOT}`,
    'limit=1000',
  ]) await bp('GET', `/v1/admin/integrations?${q}`);
  await walk((p) => bp('GET', p), '/v1/admin/integrations?sortBy=name&limit=4', 'nextToken', (j) => j.meta?.nextToken, 4);

  for (const i of items.slice(0, 4)) await bp('GET', `/v1/admin/integrations/${i.id}`);
  if (first) {
    await bp('GET', `/v1/admin/integrations/${enc(first.name)}/${enc(first.version)}`);
    await bp('GET', `/v1/admin/integrations/${enc(first.name)}/latest`);
    await bp('GET', `/v1/admin/integrations/${enc(first.name)}/${enc('^0.1.0')}`);
    await bp('GET', `/v1/admin/integrations/${first.name}/latest`); // '/' not encoded: another route
    await bp('GET', `/v1/admin/integrations/${enc(first.name)}/99.0.0`);
    await bp('GET', `/v1/admin/integrations/${enc(first.name)}/not-a-version`);
  }

  // Logs
  if (first) {
    await bp('GET', `/v1/admin/integrations/${first.id}/logs?timeStart=2000-01-01T00:00:00Z`);
    await walk((p) => bp('GET', p), `/v1/admin/integrations/${first.id}/logs?timeStart=2000-01-01T00:00:00Z&level=info`, 'nextToken', (j) => j.nextToken, 3);
    await bp('GET', `/v1/admin/integrations/${first.id}/logs?timeStart=2024-07-10T00:00:00Z&timeEnd=2024-12-31T00:00:00Z&messageContains=created`);
    await bp('GET', `/v1/admin/integrations/${first.id}/logs`);
    await bp('GET', `/v1/admin/integrations/${first.id}/logs?timeStart=yesterday`);
    await bp('GET', `/v1/admin/integrations/${first.id}/logs?timeStart=2000-01-01T00:00:00Z&timeEnd=never`);
    await bp('GET', `/v1/admin/integrations/${first.id}/logs?timeStart=2000-01-01T00:00:00Z&nextToken=abc.def`);
    await bp('GET', `/v1/admin/integrations/intver_01NOSUCHINTEGRATION0000000/logs?timeStart=2000-01-01T00:00:00Z`);
  }

  // API keys (reads)
  if (first) await bp('GET', `/v1/admin/integrations/iaks?integrationId=${first.id}`);
  await bp('GET', '/v1/admin/integrations/iaks');
  await bp('GET', '/v1/admin/integrations/iaks?integrationId=intver_01NOSUCHINTEGRATION0000000');

  // The hub
  const hub = await bp('GET', '/v1/admin/hub/integrations', { ws: null });
  await walk((p) => bp('GET', p, { ws: null }), '/v1/admin/hub/integrations?limit=5', 'nextToken', (j) => j.meta?.nextToken, 4);
  const hubItems = hub.json?.integrations ?? [];
  bpSeed.hub = hubItems;
  for (const q of [
    `name=${enc(hubItems[0]?.name ?? 'x')}`,
    'version=latest&limit=5',
    'search=chat',
    'sortBy=name&direction=asc&limit=5',
    'sortBy=installCount&limit=5',
    'sortBy=createdAt&direction=desc&limit=5',
    'verificationStatus=approved&limit=5',
    'interfaceName=typing-indicator',
    `installedByBotId=${BP_BOT}`,
  ]) await bp('GET', `/v1/admin/hub/integrations?${q}`, { ws: null });
  for (const i of hubItems.slice(0, 3)) {
    await bp('GET', `/v1/admin/hub/integrations/${i.id}`, { ws: null });
    await bp('GET', `/v1/admin/hub/integrations/${enc(i.name)}/${enc(i.version)}`, { ws: null });
  }
  if (hubItems[0]) await bp('GET', `/v1/admin/hub/integrations/${enc(hubItems[0].name)}/latest`, { ws: null });
  if (privateOne) await bp('GET', `/v1/admin/hub/integrations/${privateOne.id}`, { ws: null });
  await bp('GET', '/v1/admin/hub/integrations/intver_01NOSUCHINTEGRATION0000000', { ws: null });
  await bp('GET', '/v1/admin/hub/integrations/no-such-integration/1.0.0', { ws: null });

  // Interfaces, workspace and hub
  const ifaces = await bp('GET', '/v1/admin/interfaces');
  await walk((p) => bp('GET', p), '/v1/admin/interfaces', 'nextToken', (j) => j.meta?.nextToken, 4);
  const ifaceItems = ifaces.json?.interfaces ?? [];
  bpSeed.interfaces = ifaceItems;
  const iface = ifaceItems[0];
  if (iface) {
    await bp('GET', `/v1/admin/interfaces?name=${enc(iface.name)}`);
    await bp('GET', `/v1/admin/interfaces?name=${enc(iface.name)}&version=${enc(iface.version)}`);
    await bp('GET', `/v1/admin/interfaces/${iface.id}`);
    await bp('GET', `/v1/admin/interfaces/${enc(iface.name)}/${enc(iface.version)}`);
    await bp('GET', `/v1/admin/interfaces/${enc(iface.name)}/latest`);
    await bp('GET', `/v1/admin/hub/interfaces?name=${enc(iface.name)}`, { ws: null });
    await bp('GET', `/v1/admin/hub/interfaces/${iface.id}`, { ws: null });
    await bp('GET', `/v1/admin/hub/interfaces/${enc(iface.name)}/${enc(iface.version)}`, { ws: null });
    await bp('GET', `/v1/admin/hub/interfaces/${enc(iface.name)}/latest`, { ws: null });
  }
  await bp('GET', '/v1/admin/hub/interfaces', { ws: null });
  await bp('GET', '/v1/admin/interfaces/intrfce_01NOSUCHINTERFACE00000000');
  await bp('GET', '/v1/admin/hub/interfaces/no-such-interface/1.0.0', { ws: null });
  await bp('GET', '/v1/admin/interfaces?nextToken=bogus');

  // Bots
  const bots = await bp('GET', '/v1/admin/bots');
  bpSeed.bots = bots.json?.bots ?? [];
  for (const q of ['dev=true', 'sortField=updatedAt&sortDirection=desc', 'tags.team=support', 'tags%5Bteam%5D=support', 'tags.team=nobody'])
    await bp('GET', `/v1/admin/bots?${q}`);
  await walk((p) => bp('GET', p), '/v1/admin/bots?pageSize=1', 'nextToken', (j) => j.meta?.nextToken, 4);
  await bp('GET', `/v1/admin/bots/${BP_BOT}`);
  const bot = await bp('GET', `/v1/admin/bots/${BP_BOT}`, { headers: { 'x-multiple-integrations': 'true' } });
  await bp('GET', `/v1/admin/bots/${BP_BOT}?shouldMergePlugins=true`);
  for (const b of bpSeed.bots.filter((x) => x.id !== BP_BOT).slice(0, 2)) await bp('GET', `/v1/admin/bots/${b.id}`);
  await bp('GET', '/v1/admin/bots/bot_01NOSUCHBOT000000000000000');
  await bp('GET', '/v1/admin/bots?pageSize=0');
  await bp('GET', '/v1/admin/bots?sortField=name');
  bpSeed.botIntegrations = Object.entries(bot.json?.bot?.integrations ?? {});

  // Shareable ids (reads)
  const installed = bpSeed.botIntegrations[0];
  if (installed) {
    const [alias, instance] = installed;
    await bp('GET', `/v1/admin/bots/${BP_BOT}/integrations/${instance.id}/shareable-id`);
    await bp('GET', `/v1/admin/bots/${BP_BOT}/integrations/ignored/shareable-id?integrationInstanceAlias=${enc(alias)}`);
    await bp('GET', `/v1/admin/bots/${BP_BOT}/integrations/ignored/shareable-id?integrationInstanceAlias=no-such-alias`);
  }
  if (privateOne) await bp('GET', `/v1/admin/bots/${BP_BOT}/integrations/${privateOne.id}/shareable-id`);
  await bp('GET', '/v1/admin/bots/bot_01NOSUCHBOT000000000000000/integrations/intver_x/shareable-id');

  // Authentication, headers, queries, routing
  await bp('GET', '/v1/admin/integrations', { token: null });
  await bp('GET', '/v1/admin/integrations', { token: null, headers: { authorization: 'Basic dXNlcjpwYXNz' } });
  await bp('GET', '/v1/admin/integrations', { token: null, headers: { authorization: 'Bearer' } });
  await bp('GET', '/v1/admin/integrations', { ws: null });
  await bp('GET', '/v1/admin/integrations', { ws: 'not a workspace id!' });
  await bp('GET', '/v1/admin/integrations', { ws: long(101, 'w') });
  await bp('GET', '/v1/admin/hub/integrations', { token: null, ws: null });
  for (const q of ['limit=0', 'limit=-1', 'limit=abc', 'limit=2.5', 'version=one', 'sortBy=bogus', 'direction=up', 'verificationStatus=maybe',
    'visibility=unlisted', 'nextToken=garbage', 'nextToken=YWJj.ZGVm', 'installedByBotId=bot_01NOSUCHBOT000000000000000'])
    await bp('GET', `/v1/admin/integrations?${q}`);
  // A token of another list (the hub) is not valid here.
  const hubPage = await bp('GET', '/v1/admin/hub/integrations?limit=1', { ws: null });
  if (hubPage.json?.meta?.nextToken) await bp('GET', `/v1/admin/integrations?limit=1&nextToken=${enc(hubPage.json.meta.nextToken)}`);
  await bp('GET', '/v1/admin/integrations/intver_01NOSUCHINTEGRATION0000000');
  await bp('GET', '/v1/admin/no-such-route');
  await bp('GET', '/v2/anything');
  await bp('PATCH', '/v1/admin/integrations', { tick: false });
  await bp('DELETE', '/v1/admin/workspaces', { ws: null, tick: false });
  await bp('POST', '/v1/admin/hub/integrations', { ws: null, json: {}, tick: false });
  await bp('GET', '/webhooks/00000000-0000-7000-8000-000000000000', { token: null, ws: null });
  await bp('POST', '/webhooks/00000000-0000-7000-8000-000000000000/some/path', { token: null, ws: null, json: { hello: 'world' }, tick: false });

  // Another tenant sees its own copy of the seeded data.
  await bp('GET', '/v1/admin/integrations?limit=2', { token: BP_OTHER_TOKEN });
}

async function botpressWrites() {
  const iface = bpSeed.interfaces?.[0];
  const alphaBody = {
    name: 'recorder-alpha',
    version: '1.0.0',
    title: 'Recorder Alpha',
    description: 'An integration the recorder creates',
    url: '',
    visibility: 'private',
    sdkVersion: '4.0.0',
    configuration: { title: 'Settings', description: 'How to connect', schema: { type: 'object', properties: { apiKey: { type: 'string' } } } },
    configurations: { oauth: { title: 'OAuth', schema: { type: 'object' } } },
    states: { sync: { type: 'integration', schema: { type: 'object' } } },
    events: { ping: { title: 'Ping', schema: { type: 'object' }, attributes: { kind: 'heartbeat' } } },
    actions: {
      sendThing: { title: 'Send thing', input: { schema: { type: 'object' } }, output: { schema: { type: 'object' } }, billable: true, cacheable: false },
    },
    channels: {
      main: { title: 'Main', messages: { text: { schema: { type: 'object', properties: { text: { type: 'string' } } } } } },
    },
    entities: { ticket: { title: 'Ticket', schema: { type: 'object' } } },
    user: { creation: { enabled: true, requiredTags: ['id'] }, tags: { id: { title: 'Id' } } },
    attributes: { category: 'tests' },
    secrets: { API_TOKEN: 'secret-value', OTHER_SECRET: 'other' },
    readme: b64('# Recorder alpha\n\nCreated by the recorder.'),
    icon: b64(SVG),
    layers: ['base'],
    extraOperations: { listThings: { enabled: true } },
    ...(iface ? { interfaces: { [iface.name]: { id: iface.id } } } : {}),
  };
  const alpha = await bp('POST', '/v1/admin/integrations', { json: alphaBody });
  const alphaId = alpha.json?.integration?.id;
  await bp('GET', `/v1/admin/integrations/${alphaId}`);
  await bp('GET', `/v1/admin/integrations/recorder-alpha/1.0.0`);
  await bp('GET', `/v1/admin/integrations?name=recorder-alpha`);
  await bp('POST', '/v1/admin/integrations', { json: { name: 'recorder-alpha', version: '1.0.0' } });

  const alphaPublic = await bp('POST', '/v1/admin/integrations', {
    json: { name: 'recorder-alpha', version: '1.1.0', visibility: 'public', title: 'Recorder Alpha', description: 'The public version' },
  });
  const alphaPublicId = alphaPublic.json?.integration?.id;
  await bp('POST', '/v1/admin/integrations', { json: { name: 'recorder-beta', version: '0.1.0', public: true } });
  await bp('POST', '/v1/admin/integrations', { json: { name: 'recorder-gamma', version: '2.0.0-rc.1', visibility: 'unlisted' } });
  await bp('GET', '/v1/admin/integrations/recorder-alpha/latest');
  await bp('GET', '/v1/admin/hub/integrations/recorder-alpha/latest', { ws: null });
  await bp('GET', `/v1/admin/hub/integrations/${alphaPublicId}`, { ws: null });
  await bp('GET', '/v1/admin/hub/integrations?search=recorder', { ws: null });
  await bp('GET', '/v1/admin/hub/integrations/recorder-gamma/latest', { ws: null });
  await bp('GET', '/v1/admin/integrations?search=recorder&sortBy=name');
  await bp('GET', '/v1/admin/integrations?sortBy=createdAt&direction=desc&limit=3');

  // Invalid creates
  const badCreates = [
    { version: '1.0.0' },
    { name: 123, version: '1.0.0' },
    { name: 'recorder-x', version: '1.0.0', unknownField: true },
    { name: 'Bad Name', version: '1.0.0' },
    { name: `r${long(100)}`, version: '1.0.0' },
    { name: `r${long(200)}`, version: '1.0.0' },
    { name: 'recorder-x', version: 'one' },
    { name: 'recorder-x', version: '1.0.0', title: long(65, 't') },
    { name: 'recorder-x', version: '1.0.0', title: '' },
    { name: 'recorder-x', version: '1.0.0', dev: true, visibility: 'public' },
    { name: 'recorder-x', version: '1.0.0', public: true, visibility: 'private' },
    { name: 'recorder-x', version: '1.0.0', visibility: 'everyone' },
    { name: 'recorder-x', version: '1.0.0', secrets: { lower_case: 'x' } },
    { name: 'recorder-x', version: '1.0.0', readme: 'not base64!' },
    { name: 'recorder-x', version: '1.0.0', icon: b64('not an svg') },
    { name: 'recorder-x', version: '1.0.0', url: `https://example.com/${long(2000)}` },
    { name: 'recorder-x', version: '1.0.0', actions: { a: { input: { schema: {} } } } },
    { name: 'recorder-x', version: '1.0.0', interfaces: { nope: { id: 'intrfce_01NOSUCHINTERFACE00000000' } } },
    { name: 'recorder-x', version: '1.0.0', states: { s: { type: 'bot', schema: {} } } },
  ];
  for (const body of badCreates) await bp('POST', '/v1/admin/integrations', { json: body });
  await bp('POST', '/v1/admin/integrations', { raw: '{"name":"recorder-x",', contentType: 'application/json' });
  await bp('POST', '/v1/admin/integrations', { raw: '{"name":"recorder-x","name":"again","version":"1.0.0"}', contentType: 'application/json' });
  await bp('POST', '/v1/admin/integrations', { raw: 'name=recorder-x', contentType: 'application/x-www-form-urlencoded' });
  await bp('POST', '/v1/admin/integrations', { raw: '{"name":"recorder-x","version":"1.0.0"}', contentType: 'text/plain' });
  await bp('POST', '/v1/admin/integrations', { raw: '["recorder-x"]', contentType: 'application/json' });
  await bp('POST', '/v1/admin/integrations', { raw: '' });
  await bp('POST', '/v1/admin/integrations', { json: { name: 'recorder-x', version: '1.0.0' }, ws: null });
  await bp('POST', '/v1/admin/integrations', { json: { name: 'recorder-x', version: '1.0.0' }, token: null });

  // Validation without a write
  await bp('POST', '/v1/admin/integrations/validate', { json: { name: 'recorder-delta', version: '1.0.0', title: 'Delta' } });
  await bp('POST', '/v1/admin/integrations/validate', { json: { name: 'recorder-alpha', version: '1.0.0' } });
  await bp('POST', '/v1/admin/integrations/validate', { json: { name: 'Recorder', version: '1.0.0' } });
  await bp('POST', '/v1/admin/integrations/validate', { json: { version: '1.0.0' } });
  await bp('GET', '/v1/admin/integrations?name=recorder-delta');
  await bp('PUT', `/v1/admin/integrations/${alphaId}/validate`, { json: { title: 'Would be renamed' } });
  await bp('PUT', `/v1/admin/integrations/${alphaId}/validate`, { json: { title: 12 } });
  await bp('PUT', `/v1/admin/integrations/${alphaPublicId}/validate`, { json: { title: 'Public' } });
  await bp('PUT', '/v1/admin/integrations/intver_01NOSUCHINTEGRATION0000000/validate', { json: {} });

  // Updates
  await bp('PUT', `/v1/admin/integrations/${alphaId}`, {
    json: {
      title: 'Recorder Alpha (updated)',
      description: 'Updated by the recorder',
      url: null,
      secrets: { API_TOKEN: null, NEW_SECRET: 'new' },
      actions: { sendThing: null, other: { input: { schema: {} }, output: { schema: {} } } },
      events: { pong: { schema: { type: 'object' } } },
      readme: b64('# Updated'),
      maxExecutionTime: 30,
    },
  });
  await bp('GET', `/v1/admin/integrations/${alphaId}`);
  await bp('PUT', `/v1/admin/integrations/${alphaId}`, { json: { visibility: 'unlisted' } });
  await bp('PUT', `/v1/admin/integrations/${alphaId}`, { json: { visibility: 'private', public: false } });
  await bp('PUT', `/v1/admin/integrations/${alphaId}`, { json: { title: 5 } });
  await bp('PUT', `/v1/admin/integrations/${alphaId}`, { json: { unknownUpdateKey: true } });
  await bp('PUT', `/v1/admin/integrations/${alphaId}`, { json: { icon: 'icon.svg' } });
  await bp('PUT', `/v1/admin/integrations/${alphaPublicId}`, { json: { title: 'Cannot' } });
  await bp('PUT', '/v1/admin/integrations/intver_01NOSUCHINTEGRATION0000000', { json: { title: 'x' } });
  if (bpSeed.publicIntegration) await bp('PUT', `/v1/admin/integrations/${bpSeed.publicIntegration.id}`, { json: { title: 'x' } });

  // Verification
  await bp('POST', '/v1/admin/integrations/request-verification', { json: { integrationId: alphaId } });
  await bp('POST', '/v1/admin/integrations/request-verification', { json: { integrationId: alphaPublicId } });
  await bp('POST', '/v1/admin/integrations/request-verification', { json: { integrationId: alphaPublicId } });
  await bp('POST', '/v1/admin/integrations/request-verification', { json: {} });
  await bp('POST', '/v1/admin/integrations/request-verification', { json: { integrationId: 'intver_01NOSUCHINTEGRATION0000000' } });
  const approved = (bpSeed.integrations ?? []).find((i) => i.verificationStatus === 'approved');
  if (approved) await bp('POST', '/v1/admin/integrations/request-verification', { json: { integrationId: approved.id } });
  await bp('GET', `/v1/admin/integrations/${alphaPublicId}`);

  // Signing secrets
  await bp('POST', `/v1/admin/integrations/${alphaId}/signing-secrets/rotate`, { json: {} });
  await bp('POST', `/v1/admin/integrations/${alphaId}/signing-secrets/rotate`);
  await bp('POST', `/v1/admin/integrations/${alphaId}/signing-secrets/rotate`, { json: { keep: true } });
  await bp('POST', '/v1/admin/integrations/intver_01NOSUCHINTEGRATION0000000/signing-secrets/rotate', { json: {} });

  // Logs of what happened
  await bp('GET', `/v1/admin/integrations/${alphaId}/logs?timeStart=2029-12-31T00:00:00Z`);
  await bp('GET', `/v1/admin/integrations/${alphaPublicId}/logs?timeStart=2029-12-31T00:00:00Z&level=INFO`);

  // Integration API keys
  const key = await bp('POST', '/v1/admin/integrations/iaks', { json: { integrationId: alphaId, note: 'recorder key' } });
  await bp('POST', '/v1/admin/integrations/iaks', { json: { integrationId: alphaId } });
  await bp('GET', `/v1/admin/integrations/iaks?integrationId=${alphaId}`);
  await bp('POST', '/v1/admin/integrations/iaks', { json: { note: 'no integration' } });
  await bp('POST', '/v1/admin/integrations/iaks', { json: { integrationId: 'intver_01NOSUCHINTEGRATION0000000' } });
  await bp('POST', '/v1/admin/integrations/iaks', { json: { integrationId: alphaId, note: 7 } });
  const keyValue = key.json?.value;
  if (keyValue) {
    await bp('GET', `/v1/admin/integrations/${alphaId}`, { token: keyValue });
    await bp('GET', '/v1/admin/integrations?name=recorder-alpha', { token: keyValue });
  }
  await bp('DELETE', `/v1/admin/integrations/iaks/${key.json?.id}`);
  await bp('DELETE', `/v1/admin/integrations/iaks/${key.json?.id}`);
  await bp('DELETE', `/v1/admin/integrations/iaks/${key.json?.id}`, { json: { extra: 1 } });
  await bp('GET', `/v1/admin/integrations/iaks?integrationId=${alphaId}`);

  // Bots
  const created = await bp('POST', '/v1/admin/bots', {
    json: {
      name: 'Recorder Bot',
      description: 'A bot the recorder creates',
      tags: { team: 'recorder', tier: 'gold' },
      states: { memory: { type: 'bot', schema: { type: 'object' } } },
      events: { tick: { schema: { type: 'object' } } },
      actions: { doIt: { input: { schema: {} }, output: { schema: {} } } },
      configuration: { data: { greeting: 'hi' }, schema: { type: 'object' } },
      user: { tags: { email: {} } },
      code: 'console.log("recorder")',
      medias: [],
    },
  });
  const botId = created.json?.bot?.id;
  const devBot = await bp('POST', '/v1/admin/bots', { json: { name: 'Recorder Dev Bot', dev: true, url: 'https://example.com/bot' } });
  const devBotId = devBot.json?.bot?.id;
  await bp('POST', '/v1/admin/bots', { json: { name: '' } });
  await bp('POST', '/v1/admin/bots', { json: { name: 'x', tags: { t: 5 } } });
  await bp('POST', '/v1/admin/bots', { json: { name: 'x', unknownBotField: 1 } });
  await bp('POST', '/v1/admin/bots', { json: { name: 'x', states: { s: { type: 'nope', schema: {} } } } });
  await bp('GET', `/v1/admin/bots/${botId}`);
  await bp('GET', '/v1/admin/bots');
  await bp('GET', '/v1/admin/bots?dev=true');
  await bp('GET', '/v1/admin/bots?tags.team=recorder&tags.tier=gold');
  await bp('GET', '/v1/admin/bots?sortField=updatedAt&sortDirection=desc&pageSize=2');

  const hubOne = (bpSeed.hub ?? []).find((i) => !Object.values(Object.fromEntries(bpSeed.botIntegrations ?? [])).some((b) => b.id === i.id));
  await bp('PUT', `/v1/admin/bots/${botId}`, {
    json: {
      name: 'Recorder Bot (updated)',
      tags: { tier: 'silver' },
      integrations: {
        alpha: { integrationId: alphaId, enabled: true, configuration: { apiKey: 'k' } },
        ...(hubOne ? { [hubOne.id]: { enabled: true } } : {}),
      },
      events: { tick: null, tock: { schema: {} } },
      subscriptions: { events: { 'alpha:ping': {} } },
      code: 'console.log("deployed")',
    },
  });
  await bp('GET', `/v1/admin/bots/${botId}`);
  await bp('GET', `/v1/admin/integrations?installedByBotId=${botId}`);
  await bp('PUT', `/v1/admin/bots/${botId}`, { json: { integrations: { alpha: { configurationType: 'nope' } } } });
  await bp('PUT', `/v1/admin/bots/${botId}`, { json: { integrations: { alpha: { disabledChannels: ['nope'] } } } });
  await bp('PUT', `/v1/admin/bots/${botId}`, { json: { integrations: { alpha: { integrationId: alphaId, configurationType: 'oauth', disabledChannels: ['main'] } } } });
  await bp('PUT', `/v1/admin/bots/${botId}`, { json: { integrations: { ghost: { integrationId: 'intver_01NOSUCHINTEGRATION0000000' } } } });
  await bp('PUT', `/v1/admin/bots/${botId}`, { json: { integrations: { intver_01NOSUCHINTEGRATION0000000: { enabled: true } } } });
  await bp('PUT', `/v1/admin/bots/${botId}`, { json: { plugins: { p: { id: 'plugin_x' } } } });
  await bp('PUT', `/v1/admin/bots/${botId}`, { json: { plugins: { p: null } } });
  await bp('PUT', `/v1/admin/bots/${botId}`, { json: { maxExecutionTime: 'long' } });
  await bp('PUT', '/v1/admin/bots/bot_01NOSUCHBOT000000000000000', { json: { name: 'x' } });

  // Shareable ids and sandboxed conversations
  const shareBase = `/v1/admin/bots/${botId}/integrations/${alphaId}`;
  await bp('GET', `${shareBase}/shareable-id`);
  await bp('POST', `${shareBase}/shareable-id`, { json: {} });
  await bp('GET', `${shareBase}/shareable-id`);
  await bp('POST', `${shareBase}/shareable-id`);
  await bp('GET', `/v1/admin/bots/${botId}/integrations/ignored/shareable-id?integrationInstanceAlias=alpha`);
  await bp('POST', `${shareBase}/shareable-id`, { json: { x: 1 } });
  await bp('POST', `/v1/admin/bots/${botId}/integrations/${alphaPublicId}/shareable-id`, { json: {} });
  await bp('DELETE', `${shareBase}/sandboxed-conversations`);
  await bp('DELETE', `/v1/admin/bots/${botId}/integrations/ignored/sandboxed-conversations?integrationInstanceAlias=alpha`);
  await bp('DELETE', `/v1/admin/bots/${botId}/integrations/ignored/sandboxed-conversations?integrationInstanceAlias=nope`);
  await bp('DELETE', `${shareBase}/shareable-id`);
  await bp('DELETE', `${shareBase}/shareable-id`);
  await bp('GET', `${shareBase}/shareable-id`);
  await bp('POST', `/v1/admin/bots/${botId}/integrations/ignored/shareable-id?integrationInstanceAlias=alpha`, { json: {} });
  // 25 hours later the shareable id has expired; create renews it.
  await send('POST', '/_emulator/clock', { json: { advance: 'PT25H' } });
  await bp('GET', `/v1/admin/bots/${botId}/integrations/ignored/shareable-id?integrationInstanceAlias=alpha`);
  await bp('POST', `/v1/admin/bots/${botId}/integrations/ignored/shareable-id?integrationInstanceAlias=alpha`, { json: {} });
  await bp('GET', `/v1/admin/bots/${botId}/integrations/ignored/shareable-id?integrationInstanceAlias=alpha`);

  // Deleting an installed integration, a public one, then the uninstalled one
  await bp('DELETE', `/v1/admin/integrations/${alphaId}`);
  await bp('DELETE', `/v1/admin/integrations/${alphaPublicId}`);
  await bp('PUT', `/v1/admin/bots/${botId}`, { json: { integrations: { alpha: null } } });
  await bp('GET', `/v1/admin/bots/${botId}`);
  await bp('DELETE', `/v1/admin/integrations/${alphaId}`, { json: { force: true } });
  await bp('DELETE', `/v1/admin/integrations/${alphaId}`);
  await bp('GET', `/v1/admin/integrations/${alphaId}`);
  await bp('DELETE', `/v1/admin/integrations/${alphaId}`);
  await bp('GET', '/v1/admin/integrations?name=recorder-alpha');

  // A dev integration behind the helper: installing registers it, its webhook reaches it, disabling unregisters it.
  const dev = await bp('POST', '/v1/admin/integrations', {
    json: { name: 'recorder-dev', version: '0.0.1', dev: true, url: `${HELPER}/bp`, readme: 'hub.md', icon: 'icon.svg' },
  });
  const devId = dev.json?.integration?.id;
  await bp('GET', '/v1/admin/integrations?dev=true');
  await bp('GET', `/v1/admin/integrations/${devId}/logs?timeStart=2029-12-31T00:00:00Z`);
  await bp('GET', '/v1/admin/integrations/recorder-dev/0.0.1');
  const installedDev = await bp('PUT', `/v1/admin/bots/${devBotId}`, {
    headers: { 'x-multiple-integrations': 'true' },
    json: { integrations: { devint: { integrationId: devId, enabled: true, configuration: { mode: 'test' } } } },
  });
  const webhookId = installedDev.json?.bot?.integrations?.devint?.webhookId;
  if (webhookId) {
    await send('POST', `/botpress/webhooks/${webhookId}`, { json: { event: 'created', n: 1 }, headers: { 'x-third-party': 'recorder' } });
    await send('GET', `/botpress/webhooks/${webhookId}/deep/path?x=1&y=two`, {});
    await send('PUT', `/botpress/webhooks/${webhookId}/p`, { raw: 'plain text body', contentType: 'text/plain' });
  }
  const failing = await bp('POST', '/v1/admin/integrations', { json: { name: 'recorder-fail', version: '0.0.1', dev: true, url: `${HELPER}/bp/fail` } });
  await bp('PUT', `/v1/admin/bots/${devBotId}`, {
    json: { integrations: { failing: { integrationId: failing.json?.integration?.id, enabled: true } } },
  });
  await bp('PUT', `/v1/admin/bots/${devBotId}`, { json: { integrations: { devint: { enabled: false } } } });
  if (webhookId) await send('POST', `/botpress/webhooks/${webhookId}`, { json: { event: 'while disabled' } });
  await bp('GET', `/v1/admin/bots/${devBotId}`);
  await bp('GET', `/v1/admin/bots/${devBotId}`, { headers: { 'x-multiple-integrations': 'true' } });
  const noUrl = await bp('POST', '/v1/admin/integrations', { json: { name: 'recorder-nourl', version: '1.0.0' } });
  const withNoUrl = await bp('PUT', `/v1/admin/bots/${botId}`, {
    headers: { 'x-multiple-integrations': 'true' },
    json: { integrations: { nourl: { integrationId: noUrl.json?.integration?.id } } },
  });
  const noUrlWebhook = withNoUrl.json?.bot?.integrations?.nourl?.webhookId;
  if (noUrlWebhook) await send('POST', `/botpress/webhooks/${noUrlWebhook}`, { json: { event: 'nowhere' } });

  // Workspaces: update, handles
  await bp('PUT', `/v1/admin/workspaces/${BP_WS}`, {
    ws: null,
    json: {
      name: 'Recorder Workspace',
      handle: 'recorder-ws',
      about: 'About the recorder',
      spendingLimit: 50,
      contactEmail: 'recorder@example.com',
      website: 'https://example.com',
      socialAccounts: ['https://example.com/recorder'],
      isPublic: false,
      profilePicture: 'https://example.com/p.png',
    },
  });
  await bp('GET', `/v1/admin/workspaces/${BP_WS}`, { ws: null });
  await bp('GET', '/v1/admin/workspaces?handle=recorder-ws', { ws: null });
  await bp('PUT', '/v1/admin/workspaces/handle-availability', { json: { handle: 'recorder-ws' } });
  await bp('PUT', '/v1/admin/workspaces/handle-availability', { json: { handle: 'recorder-ws' }, ws: null });
  await bp('PUT', '/v1/admin/workspaces/handle-availability', { json: { handle: 'fresh-handle' }, ws: null });
  await bp('PUT', '/v1/admin/workspaces/handle-availability', { json: {} , ws: null });
  await bp('PUT', '/v1/admin/workspaces/handle-availability', { json: { handle: 5 }, ws: null });
  const publisher = (bpSeed.hub ?? []).map((i) => i.name).find((n) => n.includes('/'));
  if (publisher) {
    const taken = publisher.split('/')[0];
    await bp('PUT', '/v1/admin/workspaces/handle-availability', { json: { handle: taken }, ws: null });
    await bp('PUT', `/v1/admin/workspaces/${BP_WS}`, { ws: null, json: { handle: taken } });
  }
  await bp('PUT', `/v1/admin/workspaces/${BP_WS}`, { ws: null, json: { spendingLimit: 'lots' } });
  await bp('PUT', `/v1/admin/workspaces/${BP_WS}`, { ws: null, json: { owner: 'me' } });
  await bp('PUT', '/v1/admin/workspaces/wkspace_01NOSUCHWORKSPACE0000000000', { ws: null, json: { name: 'x' } });

  // A second workspace appears when a caller first names it.
  await bp('GET', '/v1/admin/integrations', { ws: BP_WS2 });
  await bp('POST', '/v1/admin/integrations', { ws: BP_WS2, json: { name: 'recorder-beta', version: '0.1.0' } });
  await bp('GET', `/v1/admin/integrations/${devId}`, { ws: BP_WS2 });
  await bp('GET', '/v1/admin/workspaces', { ws: null });
  await bp('GET', `/v1/admin/workspaces/${BP_WS2}`, { ws: null });
  await bp('GET', '/v1/admin/bots', { ws: BP_WS2 });
  await bp('GET', `/v1/admin/bots/${botId}`, { ws: BP_WS2 });

  // The other tenant does not see any of it.
  await bp('GET', '/v1/admin/integrations?search=recorder', { token: BP_OTHER_TOKEN });
  await bp('GET', `/v1/admin/bots/${botId}`, { token: BP_OTHER_TOKEN });

  // Deleting bots
  await bp('DELETE', `/v1/admin/bots/${devBotId}`);
  await bp('DELETE', `/v1/admin/bots/${botId}`, { json: { now: true } });
  await bp('DELETE', `/v1/admin/bots/${botId}`);
  await bp('GET', `/v1/admin/bots/${botId}`);
  await bp('DELETE', `/v1/admin/bots/${botId}`);
  await bp('GET', '/v1/admin/bots');
  await bp('DELETE', `/v1/admin/integrations/${devId}`);
  await bp('GET', `/v1/admin/integrations?limit=100&sortBy=name`);
  await bp('GET', '/v1/admin/hub/integrations?search=recorder', { ws: null });
}

// ---------------------------------------------------------------------------------------------------------------
// GitBook

const gbSeed = {};

async function gitbookReads() {
  await gb('GET', '/v1/user');
  await gb('GET', '/v1/orgs');
  await walk((p) => gb('GET', p), '/v1/orgs?limit=1', 'page', (j) => j.next?.page, 5);
  await gb('GET', `/v1/orgs/${GB_ORG}`);
  await gb('GET', '/v1/orgs/gitbook');
  await gb('GET', '/v1/orgs/no-such-org');
  await gb('GET', `/v1/orgs/${GB_ORG}/spaces`);
  await walk((p) => gb('GET', p), `/v1/orgs/${GB_ORG}/spaces?limit=2`, 'page', (j) => j.next?.page, 4);
  await gb('GET', '/v1/orgs/no-such-org/spaces');
  await gb('GET', `/v1/orgs/${GB_ORG}/sites`);
  for (const q of ['published=true', 'published=false', 'title=docs', 'type=basic', 'limit=1']) await gb('GET', `/v1/orgs/${GB_ORG}/sites?${q}`);
  await gb('GET', `/v1/orgs/${GB_ORG}/sites/${GB_SITE}`);
  await gb('GET', `/v1/orgs/${GB_ORG}/sites/no-such-site`);
  await gb('GET', `/v1/orgs/gitbook/sites/${GB_SITE}`);
  await gb('GET', `/v1/spaces/${GB_SPACE}`);
  await gb('GET', `/v1/spaces/${GB_SPACE}?shareKey=abc`);
  await gb('GET', '/v1/spaces/no-such-space');

  // Integrations
  const list = await gb('GET', '/v1/integrations');
  await walk((p) => gb('GET', p), '/v1/integrations?limit=3', 'page', (j) => j.next?.page, 4);
  gbSeed.integrations = list.json?.items ?? [];
  for (const q of ['search=analytics', 'search=SLACK', 'category=analytics', 'category=visitor-auth', 'blocks=true', 'blocks=false&limit=3',
    'contentSources=true', 'owner=gitbook&limit=2', 'scope=site:script:inject', 'target=site', 'target=space', 'target=all', 'blockDomain=figma.com', 'limit=0'])
    await gb('GET', `/v1/integrations?${q}`);
  for (const i of gbSeed.integrations.slice(0, 3)) await gb('GET', `/v1/integrations/${i.name}`);
  await gb('GET', '/v1/integrations/no-such-integration');
  await gb('GET', `/v1/integrations/${enc('bad name!')}`);
  await gb('GET', `/v1/integrations/${long(101, 'n')}`);
  await gb('GET', `/v1/orgs/${GB_ORG}/integrations`);
  await gb('GET', `/v1/orgs/${GB_ORG}/integrations?search=slack&limit=2`);
  await walk((p) => gb('GET', p), `/v1/orgs/${GB_ORG}/integrations?limit=4`, 'page', (j) => j.next?.page, 3);

  // Installations
  const installs = await gb('GET', `/v1/orgs/${GB_ORG}/installations`);
  await gb('GET', `/v1/orgs/${GB_ORG}/installations?search=slack`);
  await walk((p) => gb('GET', p), `/v1/orgs/${GB_ORG}/installations?limit=1`, 'page', (j) => j.next?.page, 3);
  await gb('GET', '/v1/orgs/gitbook/installations');
  gbSeed.installations = (installs.json?.items ?? []).map((x) => ({ ...x.installation, integration: x.integration?.name }));
  await gb('GET', `/v1/orgs/${GB_ORG}/integrations/installations-status`);
  for (const q of ['target=space', 'target=site', `target=space&space=${GB_SPACE}`, `target=site&site=${GB_SITE}`, `space=${GB_SPACE}`, 'site=x', 'target=planet', 'limit=1'])
    await gb('GET', `/v1/orgs/${GB_ORG}/integrations/installations-status?${q}`);
  for (const inst of gbSeed.installations) {
    const name = inst.integration;
    await gb('GET', `/v1/orgs/${GB_ORG}/integrations/${name}/installation_status`);
    await gb('GET', `/v1/integrations/${name}/installations`);
    await gb('GET', `/v1/integrations/${name}/installations/${inst.id}`);
    await gb('GET', `/v1/integrations/${name}/installations/${inst.id}/spaces`);
    await gb('GET', `/v1/integrations/${name}/installations/${inst.id}/spaces?extended=true`);
    await gb('GET', `/v1/integrations/${name}/installations/${inst.id}/sites`);
    await gb('GET', `/v1/integrations/${name}/spaces`);
    await gb('GET', `/v1/integrations/${name}/sites?extended=true`);
    await gb('GET', `/v1/integrations/${name}/events`);
  }
  const slack = gbSeed.installations.find((i) => i.integration === 'slack') ?? gbSeed.installations[0];
  if (slack) {
    const name = slack.integration;
    await gb('GET', `/v1/integrations/${name}/installations?externalId=nope`);
    await gb('GET', `/v1/integrations/${name}/installations/${slack.id}/spaces/${GB_SPACE}`);
    await gb('GET', `/v1/integrations/${name}/installations/${slack.id}/spaces/${GB_SPACE}?extended=true`);
    await gb('GET', `/v1/integrations/${name}/installations/${slack.id}/spaces/no-such-space`);
    await gb('GET', `/v1/integrations/${name}/installations/${slack.id}/sites/${GB_SITE}`);
    await gb('GET', `/v1/integrations/${name}/installations/${slack.id}/sites/${GB_SITE}?extended=1`);
    await gb('GET', `/v1/integrations/${name}/installations/no-such-installation`);
    await gb('GET', `/v1/integrations/${name}/installations/${slack.id}/spaces?extended=maybe`);
    const events = await walk((p) => gb('GET', p), `/v1/integrations/${name}/events?limit=1`, 'page', (j) => j.next?.page, 3);
    const eventId = events[0].json?.items?.[0]?.id;
    if (eventId) await gb('GET', `/v1/integrations/${name}/events/${eventId}`);
    await gb('GET', `/v1/integrations/${name}/events/evt_nosuchevent`);
  }
  await gb('GET', `/v1/orgs/${GB_ORG}/integrations/no-such-integration/installation_status`);
  const notInstalled = gbSeed.integrations.find((i) => !gbSeed.installations.some((x) => x.integration === i.name));
  if (notInstalled) await gb('GET', `/v1/orgs/${GB_ORG}/integrations/${notInstalled.name}/installation_status`);

  // Content
  await gb('GET', `/v1/spaces/${GB_SPACE}/integrations`);
  await gb('GET', `/v1/spaces/${GB_SPACE}/integrations?search=mermaid`);
  await gb('GET', `/v1/spaces/${GB_SPACE}/integration-blocks`);
  await gb('GET', '/v1/spaces/no-such-space/integration-blocks');
  await gb('GET', `/v1/orgs/${GB_ORG}/sites/${GB_SITE}/integrations`);
  await gb('GET', `/v1/orgs/${GB_ORG}/sites/${GB_SITE}/integrations?search=analytics`);
  await gb('GET', `/v1/orgs/${GB_ORG}/sites/${GB_SITE}/integration-scripts`);
  await gb('GET', `/v1/orgs/${GB_ORG}/sites/no-such-site/integration-scripts`);

  // Authentication, queries, routing
  await gb('GET', '/v1/user', { token: null });
  await gb('GET', '/v1/user', { token: null, headers: { authorization: 'Token abc' } });
  for (const q of ['limit=abc', 'limit=5000', 'limit=-1', 'page=garbage', 'page=YWJj.ZGVm', 'category=bogus', 'blocks=perhaps', 'scope=everything', 'blockDomain=a%20b'])
    await gb('GET', `/v1/integrations?${q}`);
  await gb('GET', '/v1/no-such-route');
  await gb('PATCH', '/v1/integrations', { tick: false });
  await gb('PUT', '/v1/user', { json: {}, tick: false });
  await gb('GET', '/v1/user', { token: GB_OTHER_TOKEN });
}

async function gitbookWrites() {
  const publishBody = {
    organization: GB_ORG,
    title: 'Recorder',
    description: 'Published by the recorder',
    summary: '# Recorder\n\nA test integration.',
    script: 'export default {}',
    runtime: 'v2',
    icon: b64('png-bytes'),
    previewImages: [b64('preview-1'), b64('preview-2')],
    visibility: 'public',
    target: 'all',
    scopes: ['space:content:read', 'site:script:inject', 'site:script:cookies'],
    categories: ['other', 'content'],
    blocks: [{ id: 'rec-block', title: 'Recorder block', description: 'A block', urlUnfurl: ['https://rec.example.com/**'] }],
    configurations: {
      account: { properties: { token: { type: 'string', title: 'Token' } }, required: ['token'] },
      space: { properties: { channel: { type: 'string', title: 'Channel' } }, required: ['channel'] },
    },
    externalLinks: [{ url: 'https://example.com/recorder', label: 'Docs' }],
    secrets: { API_KEY: 'gb-secret' },
    contentSecurityPolicy: { 'script-src': "'self'" },
  };
  await gb('POST', '/v1/integrations/recorder-gb', { json: publishBody });
  await gb('POST', '/v1/integrations/recorder-gb', { json: { ...publishBody, description: 'Version two', icon: undefined } });
  await gb('GET', '/v1/integrations/recorder-gb');
  await gb('GET', '/v1/integrations?search=recorder');
  await gb('GET', '/v1/integrations?blockDomain=rec.example.com');
  await gb('POST', '/v1/integrations/recorder-private', {
    json: { organization: 'emulator', title: 'Recorder private', description: 'Private', script: 's', scopes: [], visibility: 'private', target: 'space' },
  });
  await gb('GET', '/v1/integrations?search=recorder');
  await gb('GET', `/v1/orgs/${GB_ORG}/integrations?search=recorder`);
  await gb('GET', '/v1/orgs/gitbook/integrations?search=recorder');
  await gb('GET', '/v1/integrations/recorder-private');

  // Invalid publishes
  const base = { organization: GB_ORG, title: 'Recorder', description: 'd', script: 's', scopes: [] };
  for (const body of [
    { ...base, title: undefined },
    { ...base, title: 'R' },
    { ...base, title: long(31, 'T') },
    { ...base, description: long(101, 'd') },
    { ...base, scopes: ['everything'] },
    { ...base, scopes: 'space:content:read' },
    { ...base, visibility: 'secret' },
    { ...base, runtime: 'v9' },
    { ...base, externalLinks: [{ url: 'not a url', label: 'x' }] },
    { ...base, previewImages: ['a', 'b', 'c', 'd'] },
    { ...base, organization: 'no-such-org' },
    { ...base, script: undefined },
  ]) await gb('POST', '/v1/integrations/recorder-bad', { json: body });
  await gb('POST', '/v1/integrations/slack', { json: base });
  await gb('POST', `/v1/integrations/${enc('bad name!')}`, { json: base });
  await gb('POST', `/v1/integrations/${long(101, 'n')}`, { json: base });
  await gb('POST', '/v1/integrations/recorder-bad', { raw: '{"organization":', contentType: 'application/json' });
  await gb('POST', '/v1/integrations/recorder-bad', { raw: JSON.stringify(base), contentType: 'text/plain' });
  await gb('POST', '/v1/integrations/recorder-bad', { raw: '42', contentType: 'application/json' });
  await gb('POST', '/v1/integrations/recorder-bad', { json: base, token: null });
  await gb('GET', '/v1/integrations/recorder-bad');

  // Installing on the organization
  const inst = await gb('POST', '/v1/integrations/recorder-gb/installations', { json: { organization: GB_ORG } });
  const instId = inst.json?.id;
  await gb('POST', '/v1/integrations/recorder-gb/installations', { json: { organization: GB_ORG } });
  await gb('POST', '/v1/integrations/recorder-gb/installations', { json: { organization: 'no-such-org' } });
  await gb('POST', '/v1/integrations/recorder-gb/installations', { json: {} });
  await gb('POST', '/v1/integrations/recorder-gb/installations', { json: { organization: 5 } });
  await gb('POST', '/v1/integrations/no-such-integration/installations', { json: { organization: GB_ORG } });
  const otherOrg = (await gb('GET', '/v1/orgs?limit=10', { print: false })).json?.items?.map((o) => o.id).find((id) => id !== GB_ORG && id !== 'gitbook');
  if (otherOrg) await gb('POST', '/v1/integrations/recorder-private/installations', { json: { organization: otherOrg } });
  const privInst = await gb('POST', '/v1/integrations/recorder-private/installations', { json: { organization: GB_ORG } });
  await gb('GET', `/v1/integrations/recorder-gb/installations/${instId}`);
  await gb('GET', '/v1/integrations/recorder-gb/installations');
  await gb('GET', `/v1/orgs/${GB_ORG}/integrations/recorder-gb/installation_status`);
  await gb('PATCH', `/v1/integrations/recorder-gb/installations/${instId}`, {
    json: { configuration: { token: 't-1' }, externalIds: ['ext-1', 'ext-2'], space_selection: 'selected', site_selection: 'all' },
  });
  await gb('PATCH', `/v1/integrations/recorder-gb/installations/${instId}`, { json: { externalIds: ['1', '2', '3', '4', '5', '6'] } });
  await gb('PATCH', `/v1/integrations/recorder-gb/installations/${instId}`, { json: { space_selection: 'some' } });
  await gb('PATCH', '/v1/integrations/recorder-gb/installations/no-such-installation', { json: {} });
  await gb('GET', '/v1/integrations/recorder-gb/installations?externalId=ext-2');
  await gb('GET', `/v1/orgs/${GB_ORG}/integrations/recorder-gb/installation_status`);
  await gb('GET', `/v1/orgs/${GB_ORG}/installations?search=recorder`);

  // An installation token acts as its installation only.
  const tok = await gb('POST', `/v1/integrations/recorder-gb/installations/${instId}/tokens`);
  await gb('POST', '/v1/integrations/recorder-gb/installations/no-such-installation/tokens', { json: {} });
  const instToken = tok.json?.token;
  if (instToken) {
    await gb('GET', '/v1/integrations/recorder-gb/installations', { token: instToken });
    await gb('GET', `/v1/integrations/recorder-gb/installations/${instId}`, { token: instToken });
    await gb('GET', '/v1/integrations/slack/installations', { token: instToken });
    await gb('POST', '/v1/integrations/recorder-gb', { token: instToken, json: publishBody });
    await gb('DELETE', '/v1/integrations/recorder-gb', { token: instToken });
    await gb('POST', '/v1/integrations/recorder-gb/installations', { token: instToken, json: { organization: GB_ORG } });
    await gb('GET', `/v1/orgs/${GB_ORG}/installations`, { token: instToken });
  }

  // Space and site installations
  const ibase = `/v1/integrations/recorder-gb/installations/${instId}`;
  const spaces = (await gb('GET', `/v1/orgs/${GB_ORG}/spaces`, { print: false })).json?.items?.map((s) => s.id) ?? [];
  const otherSpace = spaces.find((s) => s !== GB_SPACE);
  await gb('POST', `${ibase}/spaces`, { json: { space: GB_SPACE } });
  await gb('POST', `${ibase}/spaces`, { json: { space: GB_SPACE } });
  if (otherSpace) await gb('POST', `${ibase}/spaces?extended=true`, { json: { space: otherSpace } });
  await gb('POST', `${ibase}/spaces`, { json: { space: 'no-such-space' } });
  await gb('POST', `${ibase}/spaces`, { json: {} });
  const foreignSpace = otherOrg ? (await gb('GET', `/v1/orgs/${otherOrg}/spaces`, { print: false })).json?.items?.[0]?.id : undefined;
  if (foreignSpace) await gb('POST', `${ibase}/spaces`, { json: { space: foreignSpace } });
  await gb('GET', `${ibase}/spaces`);
  await gb('GET', `${ibase}/spaces?extended=true&limit=1`);
  await gb('GET', `${ibase}/spaces/${GB_SPACE}`);
  await gb('PATCH', `${ibase}/spaces/${GB_SPACE}`, { json: { configuration: { channel: '#rec' }, externalIds: ['space-ext'] } });
  await gb('PATCH', `${ibase}/spaces/${GB_SPACE}?extended=true`, { json: { externalIds: [] } });
  await gb('PATCH', `${ibase}/spaces/${GB_SPACE}`, { json: { configuration: 'x' } });
  await gb('PATCH', `${ibase}/spaces/no-such-space`, { json: {} });
  await gb('GET', '/v1/integrations/recorder-gb/spaces');
  await gb('GET', '/v1/integrations/recorder-gb/spaces?externalId=space-ext&extended=true');
  await gb('POST', `${ibase}/sites`, { json: { siteId: GB_SITE } });
  await gb('POST', `${ibase}/sites?extended=true`, { json: { siteId: GB_SITE } });
  await gb('POST', `${ibase}/sites`, { json: { siteId: 'no-such-site' } });
  await gb('POST', `${ibase}/sites`, { json: { site: GB_SITE } });
  await gb('GET', `${ibase}/sites`);
  await gb('GET', `${ibase}/sites/${GB_SITE}?extended=true`);
  await gb('PATCH', `${ibase}/sites/${GB_SITE}`, { json: { configuration: { any: 'thing' }, externalIds: ['site-ext'] } });
  await gb('GET', '/v1/integrations/recorder-gb/sites');
  if (privInst.json?.id) await gb('POST', `/v1/integrations/recorder-private/installations/${privInst.json.id}/sites`, { json: { siteId: GB_SITE } });
  await gb('GET', `/v1/orgs/${GB_ORG}/integrations/installations-status?target=space`);
  await gb('GET', `/v1/orgs/${GB_ORG}/integrations/installations-status?target=site`);
  await gb('GET', `/v1/spaces/${GB_SPACE}/integrations?search=recorder`);
  await gb('GET', `/v1/spaces/${GB_SPACE}/integration-blocks`);
  await gb('GET', `/v1/orgs/${GB_ORG}/sites/${GB_SITE}/integrations`);
  await gb('GET', `/v1/orgs/${GB_ORG}/sites/${GB_SITE}/integration-scripts`);

  // Events
  const events = await gb('GET', '/v1/integrations/recorder-gb/events');
  const evt = events.json?.items?.[0]?.id;
  if (evt) await gb('GET', `/v1/integrations/recorder-gb/events/${evt}`);
  await walk((p) => gb('GET', p), '/v1/integrations/recorder-gb/events?limit=2', 'page', (j) => j.next?.page, 3);

  // Development mode: events go to the helper, rendering answers what it renders.
  const renderBody = {
    componentId: 'preview',
    props: {},
    state: { step: 1 },
    context: { type: 'document', theme: 'light', spaceId: GB_SPACE, editable: true },
  };
  await gb('POST', '/v1/integrations/recorder-gb/render', { json: renderBody });
  await gb('GET', `/v1/integrations/recorder-gb/render?request=${lzCompressToEncodedURIComponent(JSON.stringify(renderBody))}`);
  await gb('PUT', '/v1/integrations/recorder-gb/dev', { json: { tunnelUrl: `${HELPER}/gb`, all: true } });
  await gb('PUT', '/v1/integrations/recorder-gb/dev', { json: { tunnelUrl: 'ftp://example.com/x' } });
  await gb('PUT', '/v1/integrations/recorder-gb/dev', { json: {} });
  await gb('PUT', '/v1/integrations/no-such-integration/dev', { json: { tunnelUrl: `${HELPER}/gb` } });
  await gb('POST', '/v1/integrations/recorder-gb/render', { json: renderBody });
  await gb('GET', `/v1/integrations/recorder-gb/render?request=${lzCompressToEncodedURIComponent(JSON.stringify(renderBody))}`);
  await gb('GET', '/v1/integrations/recorder-gb/render?request=not-lz-at-all');
  await gb('GET', `/v1/integrations/recorder-gb/render?request=${lzCompressToEncodedURIComponent('[1,2]')}`);
  await gb('GET', `/v1/integrations/recorder-gb/render?request=${lzCompressToEncodedURIComponent('{"componentId":"x"}')}`);
  await gb('GET', '/v1/integrations/recorder-gb/render');
  await gb('POST', '/v1/integrations/recorder-gb/render', { json: { props: {}, context: renderBody.context } });
  if (instToken) await gb('POST', '/v1/integrations/recorder-gb/render', { json: renderBody, token: instToken });
  await gb('POST', '/v1/integrations/recorder-gb/tasks', { json: { task: { kind: 'now', n: 1 } } });
  await gb('POST', '/v1/integrations/recorder-gb/tasks', { json: { task: { kind: 'later' }, schedule: 3600 } });
  await gb('POST', '/v1/integrations/recorder-gb/tasks', { json: { task: { kind: 'too late' }, schedule: 86401 } });
  await gb('POST', '/v1/integrations/recorder-gb/tasks', { json: { schedule: 1 } });
  await gb('POST', '/v1/integrations/recorder-gb/tasks', { json: { task: 'not an object' } });
  await gb('PATCH', `/v1/integrations/recorder-gb/installations/${instId}`, { json: { configuration: { token: 't-2' } } });
  const devEvents = await gb('GET', '/v1/integrations/recorder-gb/events?limit=5');
  for (const e of (devEvents.json?.items ?? []).slice(0, 3)) await gb('GET', `/v1/integrations/recorder-gb/events/${e.id}`);
  await gb('PUT', '/v1/integrations/recorder-private/dev', { json: { tunnelUrl: `${HELPER}/gb` } });
  await gb('POST', '/v1/integrations/recorder-private/tasks', { json: { task: { kind: 'owner only' } } });
  await gb('DELETE', '/v1/integrations/recorder-private/dev');
  await gb('DELETE', '/v1/integrations/recorder-gb/dev');
  await gb('DELETE', '/v1/integrations/recorder-gb/dev');
  await gb('POST', '/v1/integrations/recorder-gb/render', { json: renderBody });
  await gb('POST', '/v1/integrations/recorder-gb/tasks', { json: { task: { kind: 'after dev' } } });

  // The other tenant sees none of it.
  await gb('GET', '/v1/integrations/recorder-gb', { token: GB_OTHER_TOKEN });
  await gb('GET', `/v1/orgs/${GB_ORG}/installations`, { token: GB_OTHER_TOKEN });

  // Uninstalling and unpublishing
  await gb('DELETE', `${ibase}/spaces/${GB_SPACE}`);
  await gb('DELETE', `${ibase}/spaces/${GB_SPACE}`);
  await gb('DELETE', `${ibase}/sites/${GB_SITE}`);
  await gb('GET', `${ibase}/spaces`);
  await gb('DELETE', ibase);
  await gb('DELETE', ibase);
  await gb('GET', ibase);
  // (The revoked installation token is not used again: it would now name a new tenant, keyed by a hash of a random
  // value, whose place among the state export's tenants would change from run to run.)
  await gb('GET', '/v1/integrations/recorder-gb/events?limit=3');
  await gb('DELETE', '/v1/integrations/recorder-private');
  await gb('DELETE', '/v1/integrations/recorder-private');
  await gb('DELETE', `/v1/integrations/${enc('bad name!')}`);
  await gb('GET', '/v1/integrations/recorder-private');
  await gb('GET', `/v1/orgs/${GB_ORG}/installations`);
}

// ---------------------------------------------------------------------------------------------------------------
// Membrane

const mbSeed = {};

async function membraneReads() {
  const list = await mb('GET', '/integrations');
  mbSeed.integrations = list.json?.items ?? [];
  await mb('GET', '/integrations?limit=2&cursor=0');
  await walk((p) => mb('GET', p), '/integrations?limit=2', 'cursor', (j) => j.cursor, 5);
  const all = await mb('GET', '/integrations?includeArchived=true');
  mbSeed.all = all.json?.items ?? [];
  const hubspot = mbSeed.integrations.find((i) => i.key === 'hubspot') ?? mbSeed.integrations[0];
  const archived = mbSeed.all.find((i) => i.archivedAt);
  mbSeed.hubspot = hubspot;
  for (const q of ['search=hub', 'search=SALES', `connectorId=${hubspot?.connectorId}`, `appUuid=${hubspot?.appUuid}`, `externalAppId=${hubspot?.externalAppId}`,
    'includeArchived=1', 'includeArchived=false', 'includeArchived=0', 'limit=1000', 'cursor='])
    await mb('GET', `/integrations?${q}`);
  for (const i of mbSeed.all.slice(0, 3)) {
    await mb('GET', `/integrations/${i.id}`);
    await mb('GET', `/integrations/${i.key}`);
  }
  if (archived) await mb('GET', `/integrations/${archived.key}`);
  await mb('GET', '/integrations/no-such-integration');
  await mb('GET', '/integrations/000000000000000000000000');

  // Connector
  const sel = hubspot?.key ?? 'hubspot';
  await mb('GET', `/integrations/${sel}/connector-spec`);
  const ops = await mb('GET', `/integrations/${sel}/operations`);
  const op = ops.json?.[0]?.key;
  if (op) await mb('GET', `/integrations/${sel}/operations/${op}`);
  await mb('GET', `/integrations/${sel}/operations/no-such-operation`);
  const data = await mb('GET', `/integrations/${sel}/data`);
  const coll = data.json?.[0]?.key;
  if (coll) await mb('GET', `/integrations/${sel}/data/${coll}`);
  await mb('GET', `/integrations/${sel}/data/no-such-collection`);
  for (const i of mbSeed.all.filter((x) => x.key !== sel).slice(0, 2)) {
    await mb('GET', `/integrations/${i.id}/connector-spec`);
    await mb('GET', `/integrations/${i.key}/operations`);
    await mb('GET', `/integrations/${i.key}/data`);
  }
  await mb('GET', '/integrations/no-such-integration/connector-spec');

  // Elements of the seeded integrations
  for (const kind of ['actions', 'flows', 'data-sources', 'field-mappings']) {
    for (const i of mbSeed.all.slice(0, 3)) {
      const res = await mb('GET', `/integrations/${i.key}/${kind}`);
      const el = res.json?.items?.[0];
      if (el) {
        await mb('GET', `/integrations/${i.key}/${kind}/${el.id}`);
        await mb('GET', `/integrations/${i.id}/${kind}/${el.key}`);
      }
    }
    await walk((p) => mb('GET', p), `/integrations/${sel}/${kind}?limit=1`, 'cursor', (j) => j.cursor, 3);
    await mb('GET', `/integrations/${sel}/${kind}?includeArchived=true&search=a`);
    await mb('GET', `/integrations/${sel}/${kind}/no-such-element`);
    await mb('GET', `/integrations/no-such-integration/${kind}`);
  }

  // connection-options reads (a POST without a write)
  await mb('POST', '/connection-options', { json: { integrationKey: sel } });
  if (hubspot) await mb('POST', '/connection-options', { json: { integrationId: hubspot.id } });
  if (hubspot) await mb('POST', '/connection-options', { json: { connectorId: hubspot.connectorId } });
  await mb('POST', '/connection-options', { json: { connectorKey: 'salesforce' } });
  await mb('POST', '/connection-options', { json: { connectorKey: 'no-such-connector' } });
  await mb('POST', '/connection-options', { json: { connectorId: 'nope' } });
  await mb('POST', '/connection-options', { json: {} });
  await mb('POST', '/connection-options', { json: { integrationKey: 7 } });
  await mb('POST', '/connection-options', { raw: 'not json', contentType: 'application/json' });

  // Authentication, versions, queries, routing
  await mb('GET', '/integrations', { token: null });
  await mb('GET', '/integrations', { token: null, headers: { authorization: 'Basic abc' } });
  await mb('GET', '/integrations', { token: 'not-a-pat' });
  await mb('GET', '/integrations', { token: 'a.b.c' });
  await mb('GET', '/integrations?limit=1', { version: null });
  await mb('GET', '/integrations?limit=1', { version: 'legacy' });
  await mb('GET', '/integrations', { version: '1999-01-01' });
  for (const q of ['limit=0', 'limit=1001', 'limit=abc', 'limit=1.5', 'cursor=garbage', 'cursor=YWJj.ZGVm', 'connectors=abc'])
    await mb('GET', `/integrations?${q}`);
  await mb('GET', '/no-such-route');
  await mb('PATCH', '/integrations', { json: {}, tick: false });
  await mb('DELETE', '/connection-options', { tick: false });
  await mb('GET', '/integrations?limit=1', { token: MB_JWT });
  await mb('GET', '/integrations?limit=1', { token: MB_OTHER_TOKEN });
}

async function membraneWrites() {
  const created = await mb('POST', '/integrations', {
    json: {
      key: 'recorder-mb',
      name: 'Recorder MB',
      description: 'Created by the recorder',
      connectorKey: 'hubspot',
      meta: { owner: 'recorder' },
      parameters: { region: 'eu' },
      optionsConfig: { oauth2: { disabled: false, parameters: { scope: 'contacts' } } },
      oAuthCallbackUri: 'https://example.com/callback',
      logoUri: 'https://example.com/logo.png',
    },
  });
  const id = created.json?.id;
  const two = await mb('POST', '/integrations', { json: { name: 'Recorder Two' } });
  await mb('POST', '/integrations', { json: { name: 'Recorder Two' } });
  await mb('POST', '/integrations', { json: { uuid: MB_FIXED_UUID, key: 'recorder-uuid', connectorKey: 'salesforce', logoBase64: b64('logo') } });
  await mb('POST', '/integrations', { json: { uuid: MB_FIXED_UUID, key: 'recorder-uuid-2' } });
  await mb('POST', '/integrations', { json: { key: 'recorder-mb' } });
  await mb('POST', '/integrations', { json: { key: 'hubspot' } });
  await mb('POST', '/integrations', { json: { key: 'recorder-x', connectorKey: 'no-such-connector' } });
  await mb('POST', '/integrations', { json: { key: 'recorder-x', connectorId: 'nope' } });
  await mb('POST', '/integrations', { json: { key: 'recorder-x', oAuthCallbackUri: '/relative' } });
  await mb('POST', '/integrations', { json: { key: 'recorder-x', name: 12 } });
  await mb('POST', '/integrations', { json: { key: 'recorder-x', meta: 'not an object' } });
  await mb('POST', '/integrations', { raw: '{"key":', contentType: 'application/json' });
  await mb('POST', '/integrations', { raw: '{"key":"recorder-x"}', contentType: 'text/plain' });
  await mb('POST', '/integrations', { raw: 'null', contentType: 'application/json' });
  await mb('POST', '/integrations', { json: { key: 'recorder-x' }, token: null });

  await mb('GET', `/integrations/${id}`);
  await mb('GET', '/integrations/recorder-mb');
  await mb('GET', '/integrations?search=recorder');
  await mb('GET', '/integrations?limit=3&cursor=0');
  await walk((p) => mb('GET', p), '/integrations?limit=4', 'cursor', (j) => j.cursor, 5);

  await mb('PATCH', '/integrations/recorder-mb', { json: { name: 'Recorder MB (patched)', description: 'patched', meta: { patched: true } } });
  await mb('PUT', `/integrations/${id}`, { json: { name: 'Recorder MB (put)', key: 'recorder-mb', connectorKey: 'hubspot' } });
  await mb('GET', `/integrations/${id}`);
  await mb('PATCH', '/integrations/recorder-mb', { json: { key: 'hubspot' } });
  await mb('PATCH', '/integrations/recorder-mb', { json: { uuid: MB_FIXED_UUID } });
  await mb('PATCH', '/integrations/recorder-mb', { json: { connectorKey: 'nope' } });
  await mb('PATCH', '/integrations/recorder-mb', { json: { key: 'recorder-mb-renamed' } });
  await mb('GET', '/integrations/recorder-mb');
  await mb('PATCH', '/integrations/recorder-mb-renamed', { json: { key: 'recorder-mb' } });
  await mb('PATCH', '/integrations/no-such-integration', { json: { name: 'x' } });
  await mb('PUT', '/integrations/recorder-mb', { json: { description: 5 } });
  await mb('POST', '/integrations/recorder-mb/setup');
  await mb('POST', '/integrations/recorder-mb/setup', { json: { now: true } });
  await mb('POST', `/integrations/${two.json?.id}/setup`, { json: {} });

  // Connector routes of the new integration
  await mb('GET', '/integrations/recorder-mb/connector-spec');
  await mb('GET', '/integrations/recorder-mb/operations');
  await mb('GET', '/integrations/recorder-mb/data');
  await mb('GET', `/integrations/${two.json?.key}/connector-spec`);
  await mb('POST', '/connection-options', { json: { integrationId: id } });
  await mb('POST', '/connection-options', { json: { integrationKey: two.json?.key } });

  // Elements
  const extra = {
    actions: { type: 'create-data-record', config: { operationKey: 'create-contact' }, inputSchema: { type: 'object' } },
    flows: { enabled: false, parametersSchema: { type: 'object' }, nodes: {} },
    'data-sources': { collectionKey: 'contacts', pullUpdatesIntervalSeconds: 60 },
    'field-mappings': { direction: 'both', appSchema: { type: 'object' } },
  };
  for (const kind of ['actions', 'flows', 'data-sources', 'field-mappings']) {
    const path = `/integrations/recorder-mb/${kind}`;
    const el = await mb('POST', path, { json: { key: `rec-${kind}`, name: `Recorder ${kind}`, description: 'made', meta: { t: 1 }, intent: 'dropped', ...extra[kind] } });
    const elId = el.json?.id;
    await mb('POST', path, { json: { name: `Auto Key ${kind}` } });
    await mb('POST', path, { json: { key: `rec-${kind}` } });
    await mb('POST', path, { json: { key: `rec-${kind}-bad`, name: 7 } });
    await mb('GET', path);
    await mb('GET', `${path}/${elId}`);
    await mb('GET', `/integrations/${id}/${kind}/rec-${kind}`);
    await mb('PATCH', `${path}/rec-${kind}`, { json: { name: 'Patched', meta: { t: 2 } } });
    await mb('PUT', `${path}/${elId}`, { json: { name: 'Put', description: 'replaced' } });
    await mb('PATCH', `${path}/${elId}`, { json: { key: `Auto Key ${kind}`.toLowerCase().replace(/[^a-z0-9]+/g, '-') } });
    await mb('POST', `${path}/${elId}/reset`);
    await mb('POST', `${path}/${elId}/reset`, { json: { x: 1 } });
    await mb('DELETE', `${path}/${elId}`);
    await mb('DELETE', `${path}/${elId}`);
    await mb('PATCH', `${path}/${elId}`, { json: { name: 'Archived' } });
    await mb('GET', `${path}?includeArchived=true`);
    await mb('GET', `${path}/rec-${kind}`);
    await mb('POST', path, { json: { key: `rec-${kind}`, name: 'Again after archive' } });
    await mb('GET', `${path}/rec-${kind}`);
    await mb('GET', `${path}/no-such-element`);
    await mb('DELETE', `${path}/no-such-element`);
    await mb('POST', `${path}/no-such-element/reset`);
  }

  // Archive, restore
  await mb('DELETE', '/integrations/recorder-mb');
  await mb('DELETE', '/integrations/recorder-mb');
  await mb('GET', '/integrations/recorder-mb');
  await mb('GET', '/integrations?search=recorder');
  await mb('GET', '/integrations?search=recorder&includeArchived=true');
  await mb('PATCH', '/integrations/recorder-mb', { json: { name: 'while archived' } });
  await mb('POST', '/integrations/recorder-mb/setup');
  await mb('POST', '/integrations/recorder-mb/actions', { json: { key: 'while-archived' } });
  await mb('GET', '/integrations/recorder-mb/actions');
  await mb('POST', '/integrations', { json: { key: 'recorder-mb', name: 'Takes the key' } });
  await mb('POST', '/integrations/recorder-mb/restore');
  await mb('DELETE', '/integrations/recorder-mb');
  await mb('POST', `/integrations/${id}/restore`);
  await mb('POST', `/integrations/${id}/restore`, { json: {} });
  await mb('POST', `/integrations/${id}/restore`, { json: { x: 1 } });
  await mb('POST', '/integrations/no-such-integration/restore');
  await mb('GET', `/integrations/${id}`);
  const legacy = (mbSeed.all ?? []).find((i) => i.archivedAt);
  if (legacy) await mb('POST', `/integrations/${legacy.id}/restore`);

  // Other tenants see none of it.
  await mb('GET', '/integrations?search=recorder', { token: MB_OTHER_TOKEN });
  await mb('GET', '/integrations/recorder-mb', { token: MB_JWT });
}

// ---------------------------------------------------------------------------------------------------------------
// Normalisation

const ADJECTIVES = 'amber|brave|calm|dapper|eager|fuzzy|gentle|happy|jolly|lucky|mellow|nimble|proud|quiet|rapid|sunny|tidy|vivid|witty|zesty';
const ANIMALS = 'otter|falcon|badger|heron|lynx|marmot|panda|quokka|raven|seal|tapir|walrus|yak|zebra|bison|koala|lemur|moose|newt|orca';

// Classes of values minted at run time. `seedable`: the same shape occurs in seeded data, so a value already known
// before the first write is kept. The replacement keeps `keep(match)` (deterministic parts) and replaces the rest.
const CLASSES = [
  {
    label: 'secret',
    re: /(bp_iak_|bpss_|gb_inst_|gb_intg_)([0-9a-f]{48})(?![0-9a-f])/g,
    render: (m, ph) => m[1] + ph,
  },
  {
    // Botpress ids: prefix + ULID; the prefix and the 10 time characters (deterministic under the frozen clock) stay,
    // the 16 random ones are numbered (so bot_X and the user_X derived from it show the same number).
    label: 'ulid',
    re: /(?<![A-Za-z0-9])([a-z]+_)([0-9A-HJKMNP-TV-Z]{10})([0-9A-HJKMNP-TV-Z]{16})(?![A-Za-z0-9])/g,
    key: (m) => m[3],
    render: (m, ph) => m[1] + m[2] + ph,
  },
  { label: 'uuid', re: /(?<![A-Za-z0-9])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9])/g },
  { label: 'hex24', re: /(?<![A-Za-z0-9])[0-9a-f]{24}(?![A-Za-z0-9])/g },
  { label: 'hex16', re: /(?<![A-Za-z0-9])[0-9a-f]{16}(?![A-Za-z0-9])/g },
  // GitBook ids: the last 20 characters of a ULID, lowercase (its time part comes from the real clock).
  { label: 'gbid', re: /(?<![A-Za-z0-9])[0-9a-hjkmnp-tv-z]{20}(?![A-Za-z0-9])/g },
  { label: 'shareable', re: new RegExp(`(?<![A-Za-z0-9-])(?:${ADJECTIVES})-(?:${ANIMALS})-[0-9]{4}(?![0-9])`, 'g') },
];

// A page token is base64url(position) "." base64url(16 bytes): 22 characters whose last one carries 2 bits (A, Q, g or w).
function isPageToken(payload, mac) {
  return /[AQgw]$/.test(mac) && payload.length % 4 !== 1 && Buffer.from(payload, 'base64url').length > 0;
}

class Normaliser {
  constructor(known, origins) {
    this.known = known;
    this.origins = origins; // [[text, placeholder]]
    this.placeholders = new Map();
    this.counters = new Map();
  }

  placeholder(label, value) {
    const key = `${label}\u0000${value}`;
    let ph = this.placeholders.get(key);
    if (!ph) {
      const n = (this.counters.get(label) ?? 0) + 1;
      this.counters.set(label, n);
      ph = `<${label}:${n}>`;
      this.placeholders.set(key, ph);
    }
    return ph;
  }

  apply(text) {
    if (text === undefined || text === null) return text;
    let out = String(text);
    for (const [from, to] of this.origins) out = out.split(from).join(to);
    out = out.replace(/("pageTokenKey"\s*:\s*)"[^"]*"/g, '$1"<pageTokenKey>"');
    // Page tokens: base64url(position) "." base64url(16-byte HMAC under a key drawn per emulator).
    out = out.replace(/(?<![A-Za-z0-9_.-])([A-Za-z0-9_-]{2,})\.([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/g, (all, payload, mac) =>
      isPageToken(payload, mac) ? `${payload}.${this.placeholder('mac', mac)}` : all);
    // Botpress error ids: err_<virtual time>x<8 random hex>.
    out = out.replace(/err_([0-9]{14})x([0-9A-F]{8})(?![0-9A-Za-z])/g, (all, time, rand) => `err_${time}x${this.placeholder('err', rand)}`);
    for (const cls of CLASSES) {
      out = out.replace(cls.re, (...args) => {
        const m = args.slice(0, -2);
        const value = m[0];
        if (this.known.has(value)) return value;
        const ph = this.placeholder(cls.label, cls.key ? cls.key(m) : value);
        return cls.render ? cls.render(m, ph) : ph;
      });
    }
    return out;
  }
}

function collectKnown(texts) {
  const known = new Set(FIXED_VALUES);
  for (const text of texts) {
    if (!text) continue;
    for (const cls of CLASSES) for (const m of String(text).matchAll(cls.re)) known.add(m[0]);
  }
  return known;
}

// ---------------------------------------------------------------------------------------------------------------
// Route coverage (which of GET /_emulator/routes the conversation reached)

function routeMatchers(routes) {
  return routes.map((r) => {
    const segments = r.route.split('/').filter(Boolean);
    const parts = segments.map((s) => (s.startsWith('{*') || s.startsWith('{**') ? '(?:/.*)?' : s.startsWith('{') ? '/[^/]+' : `/${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    // Literal segments beat parameters, which beat a catch-all; a route that ends beats one whose catch-all matches nothing.
    const score = segments.map((s) => (s.startsWith('{*') || s.startsWith('{**') ? 0 : s.startsWith('{') ? 1 : 2));
    return { ...r, regex: new RegExp(`^${parts.join('')}/?$`), score };
  });
}

function routeOf(matchers, method, path) {
  const bare = path.split('?')[0];
  let best = null;
  for (const m of matchers) {
    if (m.method !== '*' && m.method !== method) continue;
    if (!m.regex.test(bare)) continue;
    if (!best || compareScore(m.score, best.score) > 0) best = m;
  }
  return best;
}

function compareScore(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0.5) - (b[i] ?? 0.5);
    if (d !== 0) return d;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Main

function formatRecord(n, r, norm) {
  const lines = [];
  lines.push(`=== #${String(n).padStart(4, '0')} ${r.method} ${norm.apply(r.path)}${r.note ? `   # ${r.note}` : ''}`);
  for (const name of Object.keys(r.headers).sort()) lines.push(`> ${name}: ${norm.apply(r.headers[name])}`);
  if (r.body !== undefined) lines.push(`> body: ${norm.apply(r.body)}`);
  for (const got of r.received) {
    lines.push(`~ helper received ${got.method} ${norm.apply(got.url)}`);
    const names = Object.keys(got.headers).filter((h) => h.startsWith('x-') || h === 'content-type').sort();
    for (const h of names) {
      let v = String(got.headers[h]);
      if (h === 'content-type') v = v.replace(/;\s*boundary=.*$/i, '; boundary=<boundary>');
      lines.push(`~ ${h}: ${norm.apply(v)}`);
    }
    const ct = String(got.headers['content-type'] ?? '');
    const boundary = /boundary="?([^";]+)"?/i.exec(ct)?.[1];
    if (boundary) {
      for (const part of got.body.split(`--${boundary}`)) {
        const sep = part.indexOf('\r\n\r\n');
        if (sep < 0) continue;
        const head = part.slice(0, sep);
        const name = /name="?([^";\r\n]+)"?/i.exec(head)?.[1] ?? '?';
        const value = part.slice(sep + 4).replace(/\r\n$/, '');
        lines.push(`~ field ${name}: ${norm.apply(value)}`);
      }
    } else lines.push(`~ body: ${norm.apply(got.body)}`);
  }
  lines.push(`< ${r.status}`);
  for (const [name, value] of r.resHeaders) lines.push(`< ${name}: ${norm.apply(value)}`);
  lines.push(norm.apply(r.text));
  return lines.join('\n');
}

async function main() {
  await new Promise((resolve) => helper.listen(0, '127.0.0.1', resolve));
  HELPER = `http://127.0.0.1:${helper.address().port}`;

  // The clock first: frozen, then set (the freeze answer shows the real time, so it is not recorded).
  const frozen = await send('POST', '/_emulator/clock', { json: { freeze: true }, print: false });
  if (frozen.status !== 200) throw new Error(`freezing the clock answered ${frozen.status}: ${frozen.text}`);
  await send('POST', '/_emulator/clock', { json: { set: FROZEN_AT } });
  await send('GET', '/_emulator/clock');
  const routes = await send('GET', '/_emulator/routes');

  // Part 1: reads only. Every id they show, and every id of the state after them, is seeded data.
  await botpressReads();
  await gitbookReads();
  await membraneReads();
  const seededState = await send('GET', '/_emulator/state', { print: false });
  phaseOneTexts.push(seededState.text);
  phase = 2;

  // Part 2: writes, with their follow-up reads and error cases.
  await botpressWrites();
  await gitbookWrites();
  await membraneWrites();

  await send('GET', '/_emulator/clock');
  await send('GET', '/_emulator/state');

  await new Promise((resolve) => {
    helper.closeAllConnections?.();
    helper.close(resolve);
  });

  const known = collectKnown(phaseOneTexts);
  const origins = [
    [BASE_URL.origin, '<emulator>'],
    [HELPER, '<helper>'],
    [BASE_URL.host, '<emulator-host>'],
    [new URL(HELPER).host, '<helper-host>'],
    [encodeURIComponent(BASE_URL.host), '<emulator-host>'],
    [encodeURIComponent(new URL(HELPER).host), '<helper-host>'],
  ];
  const norm = new Normaliser(known, origins);
  const out = [];
  out.push('# record-responses.mjs transcript');
  records.forEach((r, i) => out.push(formatRecord(i + 1, r, norm)));

  // Coverage of the vendor routes
  const matchers = routeMatchers(routes.json?.routes ?? []);
  const hits = new Map(matchers.map((m) => [m.name, { any: 0, ok: 0 }]));
  for (const r of records) {
    const m = routeOf(matchers, r.method, r.path);
    if (!m) continue;
    const h = hits.get(m.name);
    h.any++;
    if (r.status >= 200 && r.status < 300) h.ok++;
  }
  const covered = [...hits.values()].filter((h) => h.any > 0).length;
  const coveredOk = [...hits.values()].filter((h) => h.ok > 0).length;
  out.push(`=== coverage: ${records.length} requests; ${covered} of ${matchers.length} routes reached, ${coveredOk} with a 2xx answer`);
  for (const m of matchers) {
    const h = hits.get(m.name);
    out.push(`${h.any === 0 ? 'MISSING' : h.ok === 0 ? 'no-2xx ' : 'ok     '} ${String(h.any).padStart(3)} ${String(h.ok).padStart(3)}  ${m.method} ${m.route}  (${m.name})`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  process.stderr.write(`record-responses: ${records.length} requests, ${covered}/${matchers.length} routes reached (${coveredOk} with a 2xx)\n`);
}

main().catch((err) => {
  process.stderr.write(`record-responses: ${err?.stack ?? err}\n`);
  helper.close();
  process.exit(1);
});
