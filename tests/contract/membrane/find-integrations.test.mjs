// client.integrations.find(query) / findAll(query): GET /integrations, cursor pagination, filters.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_URI, SEED, membrane, checkIntegrationList, collectPages, expectMembraneError, makeClient, rawFetch, recording,
  requireMembrane, uniqueKey, uniqueToken,
} from './helpers.mjs';

const token = uniqueToken('find');
const client = makeClient(token);
const prefix = new URL(API_URI).pathname;

before(requireMembrane);

test('find() without a query: the seeded, non-archived integrations, all valid IntegrationApiResponse', async () => {
  const [page, sent] = await recording(() => client.integrations.find());
  assert.equal(sent[0].method, 'GET');
  assert.equal(sent[0].path, `${prefix}/integrations`);
  checkIntegrationList(page);
  assert.equal(page.cursor, undefined, 'everything fits in the default limit (100): no cursor');
  const keys = page.items.map((i) => i.key);
  assert.deepEqual([...keys].sort(), [...SEED.integrationKeys].sort());
  assert.ok(!keys.includes(SEED.archivedKey), 'archived integrations are hidden');
  for (const i of page.items) {
    assert.equal(typeof i.id, 'string');
    assert.equal(typeof i.logoUri, 'string');
    assert.equal(i.archivedAt, undefined);
  }
  assert.equal(new Set(page.items.map((i) => i.id)).size, page.items.length, 'ids are unique');
});

test('seeded integrations: states, errors, connections, counts', async () => {
  const items = await client.integrations.findAll({ includeArchived: true });
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
  const pages = await collectPages(client, {}, { limit: 2 });
  assert.equal(pages.length, Math.ceil(SEED.integrationKeys.length / 2));
  for (const p of pages.slice(0, -1)) {
    assert.equal(p.items.length, 2);
    assert.equal(typeof p.cursor, 'string');
    assert.ok(p.cursor.length > 0);
  }
  assert.equal(pages.at(-1).cursor, undefined);
  const ids = pages.flatMap((p) => p.items.map((i) => i.id));
  assert.equal(new Set(ids).size, ids.length, 'no duplicates across pages');
  const all = checkIntegrationList(await client.integrations.find());
  assert.deepEqual(ids, all.items.map((i) => i.id), 'pages concatenate to the unpaginated order');

  // cursor=0 is the first page.
  const zero = checkIntegrationList(await client.integrations.find({ limit: 2, cursor: '0' }));
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
  assert.deepEqual(all.map((i) => i.key).sort(), [...SEED.integrationKeys].sort());
  for (const i of all) assert.ok(i.id && i.name !== undefined);

  const [withQuery, sent2] = await recording(() => client.integrations.findAll({ search: 'S', includeArchived: true }));
  assert.equal(sent2[0].path, `${prefix}/integrations?search=S&includeArchived=true&limit=1000&cursor=0`);
  const ids = withQuery.map((i) => i.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('search: name or key, case-insensitive; blank search is not sent', async () => {
  const byName = checkIntegrationList(await client.integrations.find({ search: 'HUBsp' }));
  assert.deepEqual(byName.items.map((i) => i.key), ['hubspot']);
  const byKey = checkIntegrationList(await client.integrations.find({ search: 'google-SHEETS' }));
  assert.deepEqual(byKey.items.map((i) => i.key), ['google-sheets']);
  const byNameOnly = checkIntegrationList(await client.integrations.find({ search: 'google sheets' }));
  assert.deepEqual(byNameOnly.items.map((i) => i.key), ['google-sheets'], 'matches the name "Google Sheets"');
  const none = checkIntegrationList(await client.integrations.find({ search: 'no-such-integration-zzz' }));
  assert.deepEqual(none.items, []);
  assert.equal(none.cursor, undefined);
  const [blank, sent] = await recording(() => client.integrations.find({ search: '   ' }));
  assert.equal(sent[0].path, `${prefix}/integrations`, 'the SDK drops blank values');
  assert.equal(checkIntegrationList(blank).items.length, SEED.integrationKeys.length);
  const archived = checkIntegrationList(await client.integrations.find({ search: 'legacy' }));
  assert.deepEqual(archived.items, [], 'archived integrations stay hidden while searching');
});

test('includeArchived: true|1 show the archived integration, false|0 do not', async () => {
  // The SDK's own query schema coerces these strings (zodBooleanCoercion), so the API accepts them.
  for (const [text, value] of [['true', true], ['1', true], ['TRUE', true], ['false', false], ['0', false]]) {
    assert.equal(membrane.FindIntegrationsQuery.parse({ includeArchived: text }).includeArchived, value, text);
  }
  for (const includeArchived of [true, 1, 'true', '1']) {
    const page = checkIntegrationList(await client.integrations.find({ includeArchived }));
    const legacy = page.items.find((i) => i.key === SEED.archivedKey);
    assert.ok(legacy, `includeArchived=${includeArchived}`);
    assert.equal(typeof legacy.archivedAt, 'string');
    assert.ok(!Number.isNaN(Date.parse(legacy.archivedAt)));
  }
  for (const includeArchived of [false, 0, 'false', '0']) {
    const page = checkIntegrationList(await client.integrations.find({ includeArchived }));
    assert.ok(!page.items.some((i) => i.key === SEED.archivedKey), `includeArchived=${includeArchived}`);
  }
});

test('connectorId filter', async () => {
  const hubspot = (await client.integrations.findAll()).find((i) => i.key === 'hubspot');
  const page = checkIntegrationList(await client.integrations.find({ connectorId: hubspot.connectorId }));
  assert.ok(page.items.length >= 1);
  assert.ok(page.items.every((i) => i.connectorId === hubspot.connectorId));
  assert.ok(page.items.some((i) => i.key === 'hubspot'));
  const none = checkIntegrationList(await client.integrations.find({ connectorId: 'ffffffffffffffffffffffff' }));
  assert.deepEqual(none.items, []);
});

test('appUuid / externalAppId filters', async () => {
  const c = makeClient(uniqueToken('find-app'));
  const key = uniqueKey('app');
  const externalAppId = 'aaaaaaaaaaaaaaaaaaaaaaaa';
  const created = await c.integrations.create({ key, connectorKey: 'stripe', externalAppId });
  assert.equal(created.externalAppId, externalAppId);
  // FindIntegrationsQuery declares appUuid only; the SDK passes any key through as a query string.
  for (const q of [{ appUuid: externalAppId }, { externalAppId }]) {
    const page = checkIntegrationList(await c.integrations.find(q));
    assert.deepEqual(page.items.map((i) => i.key), [key], JSON.stringify(q));
  }
  const seeded = (await c.integrations.findAll()).find((i) => i.key === 'slack');
  if (seeded.externalAppId) {
    const page = checkIntegrationList(await c.integrations.find({ appUuid: seeded.externalAppId }));
    assert.ok(page.items.every((i) => i.externalAppId === seeded.externalAppId));
    assert.ok(page.items.some((i) => i.key === 'slack'));
  }
});

test('raw query strings: limit=1000&cursor=0 and booleans as strings (what the SDK actually sends)', async () => {
  const res = await rawFetch('/integrations?limit=1000&cursor=0&includeArchived=1', { token });
  assert.equal(res.status, 200, res.text);
  checkIntegrationList(res.json);
  assert.ok(res.json.items.some((i) => i.key === SEED.archivedKey));
});
