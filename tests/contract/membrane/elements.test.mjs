// Integration-level elements: integration(sel).actions|flows|dataSources|fieldMappings .list/.create
// and integration(sel).action|flow|dataSource|fieldMapping(el) .get/.put/.patch/.archive/.reset, on two integrations
// this file makes.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_URI, ELEMENT_KINDS, accountToken, checkElement, checkElementList, checkIntegration, expectMembraneError,
  makeClient, recording, requireMembrane, uniqueKey,
} from './helpers.mjs';

const client = makeClient(accountToken('elements'));
const prefix = new URL(API_URI).pathname;
let main; // the integration most tests work in
let other; // another one, for what must not cross integrations

// A schema-valid, kind-specific extra for create bodies.
const EXTRA = {
  action: { config: { operationKey: 'create-contact' } },
  flow: { enabled: false },
  dataSource: { collectionKey: 'contacts' },
  fieldMapping: { direction: 'both' },
};

before(async () => {
  await requireMembrane();
  main = checkIntegration(await client.integrations.create({ key: uniqueKey('elements'), connectorKey: 'hubspot' }));
  other = checkIntegration(await client.integrations.create({ key: uniqueKey('elements'), connectorKey: 'slack' }));
});

function isIso(s) {
  return typeof s === 'string' && !Number.isNaN(Date.parse(s));
}

for (const { kind, segment, list, one } of ELEMENT_KINDS) {
  const listOf = (sel) => client.integration(sel)[list];
  const el = (sel, elSel) => client.integration(sel)[one](elSel);

  describe(`${kind} (${segment})`, () => {
    test(`${list}.list() returns a paginated {items, cursor?} of this integration's ${segment}`, async () => {
      const integration = checkIntegration(await client.integrations.create({ key: uniqueKey('list'), connectorKey: 'hubspot' }));
      const { key } = integration;
      const made = [];
      for (let i = 0; i < 2; i++) {
        made.push(checkElement(kind, await listOf(key).create({ key: uniqueKey(kind.toLowerCase()), name: `Listed ${i}` })));
      }
      const [page, sent] = await recording(() => listOf(key).list());
      assert.equal(sent[0].method, 'GET');
      assert.equal(sent[0].path, `${prefix}/integrations/${key}/${segment}`);
      checkElementList(kind, page, `${key} ${segment}`);
      assert.ok(!Array.isArray(page), 'an object, not an array');
      for (const m of made) assert.ok(page.items.some((i) => i.id === m.id), `${m.key} is listed`);
      for (const item of page.items) {
        assert.equal(item.integrationId, integration.id, `${key} ${segment} item belongs to the integration`);
        if (item.integrationKey !== undefined) assert.equal(item.integrationKey, key);
        assert.equal(item.archivedAt, undefined);
      }
      assert.equal(new Set(page.items.map((i) => i.id)).size, page.items.length);
      const keys = page.items.map((i) => i.key).filter(Boolean);
      assert.equal(new Set(keys).size, keys.length, 'element keys are unique within the integration');
      // By integration id: the same list.
      assert.deepEqual(checkElementList(kind, await listOf(integration.id).list({})), page);
    });

    test(`${list}.create(): a new ${kind}; key unique per integration → already_exists`, async () => {
      const key = uniqueKey(kind.toLowerCase());
      const body = { key, name: `Contract ${kind}`, description: 'created', meta: { t: 1 }, ...EXTRA[kind] };
      const [created, sent] = await recording(() => listOf(main.key).create(body));
      assert.equal(sent[0].method, 'POST');
      assert.equal(sent[0].path, `${prefix}/integrations/${main.key}/${segment}`);
      checkElement(kind, created, `created ${kind}`);
      assert.equal(created.key, key);
      assert.equal(created.name, `Contract ${kind}`);
      assert.equal(created.description, 'created');
      assert.deepEqual(created.meta, { t: 1 });
      assert.equal(created.integrationId, main.id);
      assert.equal(typeof created.id, 'string');
      assert.equal(created.archivedAt, undefined);
      for (const [k, v] of Object.entries(EXTRA[kind])) assert.deepEqual(created[k], v, `${kind}.${k}`);

      const page = checkElementList(kind, await listOf(main.key).list());
      assert.ok(page.items.some((i) => i.id === created.id), 'listed');
      for (const [sel, elSel] of [[main.key, key], [main.key, created.id], [main.id, key], [main.id, created.id]]) {
        const [got, sentGet] = await recording(() => el(sel, elSel).get());
        assert.equal(sentGet[0].path, `${prefix}/integrations/${sel}/${segment}/${elSel}`);
        assert.deepEqual(checkElement(kind, got, `get ${sel}/${elSel}`), created);
      }

      await expectMembraneError(listOf(main.key).create({ key, name: 'again' }), { key: 'already_exists' });
      await expectMembraneError(listOf(main.id).create({ key, name: 'again' }), { key: 'already_exists' });
      // The same key in another integration is fine.
      const elsewhere = checkElement(kind, await listOf(other.key).create({ key, name: 'elsewhere' }));
      assert.equal(elsewhere.integrationId, other.id);
      assert.notEqual(elsewhere.id, created.id);
      assert.equal(checkElement(kind, await el(main.key, key).get()).id, created.id);
      assert.equal(checkElement(kind, await el(other.key, key).get()).id, elsewhere.id);
    });

    test(`${one}(sel).patch() merges, .put() replaces; both change revision`, async () => {
      const key = uniqueKey(kind.toLowerCase());
      const created = checkElement(kind, await listOf(main.key).create({ key, name: 'Original', description: 'desc', meta: { a: 1 } }));
      const [patched, sent] = await recording(() => el(main.key, key).patch({ name: 'Patched' }));
      assert.equal(sent[0].method, 'PATCH');
      assert.equal(sent[0].path, `${prefix}/integrations/${main.key}/${segment}/${key}`);
      checkElement(kind, patched);
      assert.equal(patched.name, 'Patched');
      assert.equal(patched.description, 'desc');
      assert.deepEqual(patched.meta, { a: 1 });
      assert.equal(patched.key, key);
      assert.equal(patched.id, created.id);
      if (created.revision !== undefined) assert.notEqual(patched.revision, created.revision);
      assert.deepEqual(checkElement(kind, await el(main.key, created.id).get()), patched);

      const [put, sent2] = await recording(() => el(main.key, created.id).put({ name: 'Put', meta: { b: 2 } }));
      assert.equal(sent2[0].method, 'PUT');
      checkElement(kind, put);
      assert.equal(put.name, 'Put');
      assert.deepEqual(put.meta, { b: 2 });
      assert.equal(put.description, undefined, 'PUT clears absent editable fields');
      assert.equal(put.key, key, 'key kept');
      assert.equal(put.id, created.id);
      if (patched.revision !== undefined) assert.notEqual(put.revision, patched.revision);
      assert.deepEqual(checkElement(kind, await el(main.key, key).get()), put);
    });

    test(`${one}(sel).archive(): DELETE sets archivedAt, the ${kind} stays gettable`, async () => {
      const key = uniqueKey(kind.toLowerCase());
      const created = checkElement(kind, await listOf(main.key).create({ key, name: 'To archive' }));
      const [result, sent] = await recording(() => el(main.key, key).archive());
      assert.equal(sent[0].method, 'DELETE');
      assert.equal(sent[0].path, `${prefix}/integrations/${main.key}/${segment}/${key}`);
      assert.ok(sent[0].response.status >= 200 && sent[0].response.status < 300);
      assert.ok(result === undefined || checkElement(kind, result), 'the body, if any, is an element');
      const got = checkElement(kind, await el(main.key, created.id).get());
      assert.ok(isIso(got.archivedAt), 'archivedAt set');
      assert.equal(got.id, created.id);
    });

    test(`${one}(sel).reset(): a customized ${kind} back to what it was created as`, async () => {
      const original = checkElement(kind, await listOf(other.key).create({ key: uniqueKey(kind.toLowerCase()), name: 'Original' }));
      const sel = original.key;
      const customized = checkElement(kind, await el(other.key, sel).patch({
        name: 'Customized name', description: 'customized', meta: { customized: true }, ...EXTRA[kind],
      }));
      assert.equal(customized.name, 'Customized name');
      assert.equal(customized.description, 'customized');
      const [reset, sent] = await recording(() => el(other.key, sel).reset());
      assert.equal(sent[0].method, 'POST');
      assert.equal(sent[0].path, `${prefix}/integrations/${other.key}/${segment}/${sel}/reset`);
      checkElement(kind, reset, `reset ${kind}`);
      assert.equal(reset.id, original.id);
      assert.notEqual(reset.isCustomized, true, 'not customized after reset');
      // Everything but the bookkeeping is back to the element as created.
      const strip = ({ revision, updatedAt, isCustomized, ...rest }) => rest;
      assert.deepEqual(strip(reset), strip(original), 'reset restores the non-customized element (name included)');
      assert.deepEqual(checkElement(kind, await el(other.key, original.id).get()), reset);
    });

    test(`unknown ${kind} or integration: BadRequestError not_found`, async () => {
      const missing = `missing-${uniqueKey('x')}`;
      await expectMembraneError(el(main.key, missing).get(), { key: 'not_found' });
      await expectMembraneError(el(main.key, missing).patch({ name: 'x' }), { key: 'not_found' });
      await expectMembraneError(el(main.key, missing).put({ name: 'x' }), { key: 'not_found' });
      await expectMembraneError(el(main.key, missing).archive(), { key: 'not_found' });
      await expectMembraneError(el(main.key, missing).reset(), { key: 'not_found' });
      await expectMembraneError(listOf(missing).list(), { key: 'not_found' });
      await expectMembraneError(listOf(missing).create({ key: 'k', name: 'n' }), { key: 'not_found' });
      // An element of another integration is not found through this one, by id or by key.
      const foreign = checkElement(kind, await listOf(other.key).create({ key: uniqueKey(kind.toLowerCase()), name: 'Foreign' }));
      await expectMembraneError(el(main.key, foreign.id).get(), { key: 'not_found' });
      await expectMembraneError(el(main.key, foreign.key).get(), { key: 'not_found' });
    });

    test(`archived ${segment} are hidden from list() unless includeArchived (by analogy with integrations)`, async () => {
      const key = uniqueKey(kind.toLowerCase());
      const created = checkElement(kind, await listOf(main.key).create({ key, name: 'Hidden when archived' }));
      await el(main.key, key).archive();
      const visible = checkElementList(kind, await listOf(main.key).list());
      assert.ok(!visible.items.some((i) => i.id === created.id), 'hidden by default');
      const all = checkElementList(kind, await listOf(main.key).list({ includeArchived: true }));
      assert.ok(all.items.some((i) => i.id === created.id), 'listed with includeArchived');
    });
  });
}
