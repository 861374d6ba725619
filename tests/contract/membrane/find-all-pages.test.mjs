// integrations.findAll() across more than one 1000-item page: the SDK loops on `cursor`
// (starting with cursor=0) until a page has none; every integration must come back exactly once.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_URI, CONNECTOR_KEYS, SEED, checkIntegrationList, emulatorOnly, makeClient, recording, requireMembrane, uniqueToken,
} from './helpers.mjs';

// A suite, so that in parity mode its before hook does not create the integrations either.
describe('findAll across two pages', emulatorOnly('creates 1005 integrations and counts the seeded ones'), () => {
  const client = makeClient(uniqueToken('find-all'));
  const prefix = new URL(API_URI).pathname;
  const EXTRA = 1005; // + the 6 seeded, non-archived integrations = 1011: two pages of 1000
  const created = [];

  before(async () => {
    await requireMembrane();
    const connectors = CONNECTOR_KEYS;
    let next = 0;
    async function worker() {
      while (next < EXTRA) {
        const i = next++;
        const key = `bulk-${String(i).padStart(4, '0')}`;
        const body = await client.integrations.create({ key, name: `Bulk ${i}`, connectorKey: connectors[i % connectors.length] });
        created.push(body);
      }
    }
    await Promise.all(Array.from({ length: 16 }, worker));
    assert.equal(created.length, EXTRA);
  });

  test('findAll(): two requests (cursor=0, then the returned cursor); every item exactly once', async () => {
    const [all, sent] = await recording(() => client.integrations.findAll());
    assert.equal(sent.length, 2, sent.map((s) => s.path).join(', '));
    assert.equal(sent[0].path, `${prefix}/integrations?limit=1000&cursor=0`);
    const first = checkIntegrationList(sent[0].response.data, 'findAll page 1');
    assert.equal(first.items.length, 1000);
    assert.equal(typeof first.cursor, 'string');
    assert.equal(sent[1].path, `${prefix}/integrations?limit=1000&cursor=${encodeURIComponent(first.cursor)}`);
    const second = checkIntegrationList(sent[1].response.data, 'findAll page 2');
    assert.equal(second.cursor, undefined, 'the last page has no cursor');
    assert.equal(second.items.length, EXTRA + SEED.integrationKeys.length - 1000);

    assert.equal(all.length, EXTRA + SEED.integrationKeys.length);
    const ids = all.map((i) => i.id);
    assert.equal(new Set(ids).size, ids.length, 'no duplicates');
    const keys = new Set(all.map((i) => i.key));
    for (const c of created) assert.ok(keys.has(c.key), c.key);
    for (const k of SEED.integrationKeys) assert.ok(keys.has(k), k);
    assert.ok(!keys.has(SEED.archivedKey));
  });

  test('findAll() with a filter and includeArchived also pages correctly', async () => {
    const all = await client.integrations.findAll({ search: 'bulk-0', includeArchived: true });
    assert.equal(all.length, 1000, 'bulk-0000 .. bulk-0999');
    assert.equal(new Set(all.map((i) => i.id)).size, 1000);
    const withArchived = await client.integrations.findAll({ includeArchived: true });
    assert.equal(withArchived.length, EXTRA + SEED.integrationKeys.length + 1);
  });

  test('a page written between requests does not duplicate items (cursor is stable across inserts)', async () => {
    const page1 = checkIntegrationList(await client.integrations.find({ limit: 500 }));
    await client.integrations.create({ key: 'aaa-inserted-late', connectorKey: 'stripe' });
    const seen = new Set(page1.items.map((i) => i.id));
    let cursor = page1.cursor;
    while (cursor) {
      const page = checkIntegrationList(await client.integrations.find({ limit: 500, cursor }));
      for (const i of page.items) {
        assert.ok(!seen.has(i.id), `duplicate ${i.key}`);
        seen.add(i.id);
      }
      cursor = page.cursor;
    }
    assert.ok(seen.size >= EXTRA + SEED.integrationKeys.length);
  });
});
