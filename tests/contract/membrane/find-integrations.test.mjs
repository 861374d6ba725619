// client.integrations.find(query) / findAll(query): GET /integrations, cursor pagination, filters. The file makes its
// own integrations, their keys starting with a prefix no other integration has, so `search: prefix` lists exactly them.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  API_URI, SEED, accountToken, checkIntegration, checkIntegrationList, collectPages, emulatorOnly, expectMembraneError,
  makeClient, membrane, randomSuffix, rawFetch, recording, requireMembrane, uniqueKey, uniqueToken,
} from './helpers.mjs';

const token = accountToken('find');
const client = makeClient(token);
const prefix = new URL(API_URI).pathname;
const keyPrefix = `ct${randomSuffix(10)}`;
const mine = { search: keyPrefix };
let live; // this file's integrations that are not archived, in creation order
let archived; // this file's archived integration

before(async () => {
  await requireMembrane();
  live = [];
  for (const [suffix, name, connectorKey] of [
    ['alpha', 'Alpha', 'hubspot'], ['beta', 'Beta', 'slack'], ['gamma', 'Gamma', 'jira'],
    ['delta', 'Delta', 'stripe'], ['two-words', `${keyPrefix} Two Words`, 'notion'],
  ]) {
    live.push(checkIntegration(await client.integrations.create({ key: `${keyPrefix}-${suffix}`, name, connectorKey })));
  }
  archived = checkIntegration(await client.integrations.create({ key: `${keyPrefix}-archived`, connectorKey: 'hubspot' }));
  await client.integration(archived.key).archive();
});

const keysOf = (items) => items.map((i) => i.key).sort();
const liveKeys = () => keysOf(live);

test('find() without a query: GET /integrations, valid IntegrationApiResponse items, archived ones hidden', async () => {
  const [page, sent] = await recording(() => client.integrations.find());
  assert.equal(sent[0].method, 'GET');
  assert.equal(sent[0].path, `${prefix}/integrations`);
  checkIntegrationList(page);
  for (const i of page.items) {
    assert.equal(typeof i.id, 'string');
    assert.equal(typeof i.logoUri, 'string');
    assert.equal(i.archivedAt, undefined);
  }
  assert.equal(new Set(page.items.map((i) => i.id)).size, page.items.length, 'ids are unique');
  const all = await client.integrations.findAll();
  for (const key of liveKeys()) assert.ok(all.some((i) => i.key === key), `${key} is listed`);
  assert.ok(!all.some((i) => i.key === archived.key), 'archived integrations are hidden');
});

test('find() of a new tenant: the seeded, non-archived integrations, in one page',
  emulatorOnly('reads the seeded integrations'), async () => {
  const fresh = makeClient(uniqueToken('find-seed'));
  const page = checkIntegrationList(await fresh.integrations.find());
  assert.equal(page.cursor, undefined, 'everything fits in the default limit (100): no cursor');
  assert.deepEqual(keysOf(page.items), [...SEED.integrationKeys].sort());
});

test('seeded integrations: states, errors, connections, counts', emulatorOnly('reads the seeded integrations'), async () => {
  const fresh = makeClient(uniqueToken('find-seed'));
  const items = await fresh.integrations.findAll({ includeArchived: true });
  const byKey = Object.fromEntries(items.map((i) => [i.key, i]));
  for (const key of [...SEED.integrationKeys, SEED.archivedKey]) assert.ok(byKey[key], `seeded ${key}`);
  const states = new Set(items.map((i) => i.state));
  for (const s of ['READY', 'CONFIGURATION_ERROR', 'SETUP_FAILED']) assert.ok(states.has(s), `some integration is ${s}`);
  for (const i of items) {
    if (i.state && i.state !== 'READY' && i.state !== 'BUILDING') {
      assert.ok(Array.isArray(i.errors) && i.errors.length > 0, `${i.key} (${i.state}) explains itself in errors[]`);
    }
    if (i.state === 'READY') assert.equal(i.errors, undefined, `${i.key} READY has no errors`);
    assert.match(i.connectorId, /^[0-9a-f]{24}$/, `${i.key} connectorId is ObjectId-like`);
  }
  assert.ok(items.some((i) => i.connection), 'some integration has a nested connection');
  assert.ok(byKey[SEED.archivedKey].archivedAt, 'legacy-crm is archived');
});

test('limit bounds: 1 and 1000 are accepted; 0, 1001, -1 and non-numbers are BadRequestError', async () => {
  const one = checkIntegrationList(await client.integrations.find({ limit: 1 }));
  assert.equal(one.items.length, 1);
  assert.equal(typeof one.cursor, 'string');
  const many = checkIntegrationList(await client.integrations.find({ limit: 1000 }));
  assert.equal(many.cursor, undefined);
  for (const limit of [0, 1001, -1, 'abc', 2.5]) {
    await expectMembraneError(client.integrations.find({ limit }), { key: undefined, messageIncludes: 'limit' });
  }
});

test('pagination: pages follow cursor, the last page has no cursor, every item exactly once', async () => {
  const pages = await collectPages(client, mine, { limit: 2 });
  assert.equal(pages.length, Math.ceil(live.length / 2));
  for (const p of pages.slice(0, -1)) {
    assert.equal(p.items.length, 2);
    assert.equal(typeof p.cursor, 'string');
    assert.ok(p.cursor.length > 0);
  }
  assert.equal(pages.at(-1).cursor, undefined);
  const ids = pages.flatMap((p) => p.items.map((i) => i.id));
  assert.equal(new Set(ids).size, ids.length, 'no duplicates across pages');
  const all = checkIntegrationList(await client.integrations.find(mine));
  assert.deepEqual(ids, all.items.map((i) => i.id), 'pages concatenate to the unpaginated order');

  // cursor=0 is the first page.
  const zero = checkIntegrationList(await client.integrations.find({ ...mine, limit: 2, cursor: '0' }));
  assert.deepEqual(zero, pages[0]);
});

test('a forged or foreign cursor is BadRequestError', async () => {
  for (const cursor of ['forged', 'MDAwMDAwMDAwMDAwMDAwMDAwNg.AAAAAAAAAAAAAAAAAAAAAA', '-1', 'x'.repeat(300)]) {
    await expectMembraneError(client.integrations.find({ limit: 2, cursor }), { messageIncludes: 'cursor' });
  }
});

test('findAll(): GET ...&limit=1000&cursor=0 then follows cursor; every item exactly once', async () => {
  const [all, sent] = await recording(() => client.integrations.findAll());
  assert.equal(sent.length, 1, 'one page (fewer than 1000 integrations)');
  assert.equal(sent[0].path, `${prefix}/integrations?limit=1000&cursor=0`);
  for (const i of all) assert.ok(i.id && i.name !== undefined);

  const [withQuery, sent2] = await recording(() => client.integrations.findAll({ search: keyPrefix, includeArchived: true }));
  assert.equal(sent2[0].path, `${prefix}/integrations?search=${keyPrefix}&includeArchived=true&limit=1000&cursor=0`);
  const ids = withQuery.map((i) => i.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(keysOf(withQuery), keysOf([...live, archived]));
});

test('search: name or key, case-insensitive; blank search is not sent', async () => {
  const byName = checkIntegrationList(await client.integrations.find({ search: `${keyPrefix} TWO w` }));
  assert.deepEqual(keysOf(byName.items), [`${keyPrefix}-two-words`], 'matches the name only');
  const byKey = checkIntegrationList(await client.integrations.find({ search: `${keyPrefix}-ALPHA` }));
  assert.deepEqual(keysOf(byKey.items), [`${keyPrefix}-alpha`]);
  const byBoth = checkIntegrationList(await client.integrations.find({ search: keyPrefix.toUpperCase() }));
  assert.deepEqual(keysOf(byBoth.items), liveKeys(), 'archived integrations stay hidden while searching');
  const none = checkIntegrationList(await client.integrations.find({ search: 'no-such-integration-zzz' }));
  assert.deepEqual(none.items, []);
  assert.equal(none.cursor, undefined);
  const [blank, sent] = await recording(() => client.integrations.find({ search: '   ' }));
  assert.equal(sent[0].path, `${prefix}/integrations`, 'the SDK drops blank values');
  checkIntegrationList(blank);
});

test('includeArchived: true|1 show the archived integration, false|0 do not', async () => {
  // The SDK's own query schema coerces these strings (zodBooleanCoercion), so the API accepts them.
  for (const [text, value] of [['true', true], ['1', true], ['TRUE', true], ['false', false], ['0', false]]) {
    assert.equal(membrane.FindIntegrationsQuery.parse({ includeArchived: text }).includeArchived, value, text);
  }
  for (const includeArchived of [true, 1, 'true', '1']) {
    const page = checkIntegrationList(await client.integrations.find({ ...mine, includeArchived }));
    const shown = page.items.find((i) => i.key === archived.key);
    assert.ok(shown, `includeArchived=${includeArchived}`);
    assert.equal(typeof shown.archivedAt, 'string');
    assert.ok(!Number.isNaN(Date.parse(shown.archivedAt)));
  }
  for (const includeArchived of [false, 0, 'false', '0']) {
    const page = checkIntegrationList(await client.integrations.find({ ...mine, includeArchived }));
    assert.ok(!page.items.some((i) => i.key === archived.key), `includeArchived=${includeArchived}`);
  }
});

test('connectorId filter', async () => {
  const [hubspot] = live;
  const page = checkIntegrationList(await client.integrations.find({ connectorId: hubspot.connectorId }));
  assert.ok(page.items.length >= 1);
  assert.ok(page.items.every((i) => i.connectorId === hubspot.connectorId));
  assert.ok(page.items.some((i) => i.key === hubspot.key));
  const none = checkIntegrationList(await client.integrations.find({ connectorId: 'ffffffffffffffffffffffff' }));
  assert.deepEqual(none.items, []);
});

test('appUuid / externalAppId filters', async () => {
  const key = uniqueKey('app');
  const externalAppId = crypto.randomBytes(12).toString('hex'); // no other integration has it
  const created = await client.integrations.create({ key, connectorKey: 'stripe', externalAppId });
  assert.equal(created.externalAppId, externalAppId);
  // FindIntegrationsQuery declares appUuid only; the SDK passes any key through as a query string.
  for (const q of [{ appUuid: externalAppId }, { externalAppId }]) {
    const page = checkIntegrationList(await client.integrations.find(q));
    assert.deepEqual(page.items.map((i) => i.key), [key], JSON.stringify(q));
  }
});

test('raw query strings: limit=1000&cursor=0 and booleans as strings (what the SDK actually sends)', async () => {
  const res = await rawFetch(`/integrations?limit=1000&cursor=0&includeArchived=1&search=${keyPrefix}`, { token });
  assert.equal(res.status, 200, res.text);
  checkIntegrationList(res.json);
  assert.ok(res.json.items.some((i) => i.key === archived.key));
});
