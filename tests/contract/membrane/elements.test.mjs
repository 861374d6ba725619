// Integration-level elements: integration(sel).actions|flows|dataSources|fieldMappings .list/.create
// and integration(sel).action|flow|dataSource|fieldMapping(el) .get/.put/.patch/.archive/.reset.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_URI, ELEMENT_KINDS, SEED, checkElement, checkElementList, expectMembraneError, makeClient, recording,
  requireMembrane, uniqueKey, uniqueToken,
} from './helpers.mjs';

const client = makeClient(uniqueToken('elements'));
const prefix = new URL(API_URI).pathname;
let integrations; // key -> integration

// A schema-valid, kind-specific extra for create bodies.
const EXTRA = {
  action: { config: { operationKey: 'create-contact' } },
  flow: { enabled: false },
  dataSource: { collectionKey: 'contacts' },
  fieldMapping: { direction: 'both' },
};

before(async () => {
  await requireMembrane();
  integrations = Object.fromEntries((await client.integrations.findAll({ includeArchived: true })).map((i) => [i.key, i]));
});

function isIso(s) {
  return typeof s === 'string' && !Number.isNaN(Date.parse(s));
}

for (const { kind, segment, list, one } of ELEMENT_KINDS) {
  const listOf = (sel) => client.integration(sel)[list];
  const el = (sel, elSel) => client.integration(sel)[one](elSel);

  describe(`${kind} (${segment})`, () => {
    test(`${list}.list() returns a paginated {items, cursor?} of this integration's ${segment}`, async () => {
      for (const key of SEED.integrationKeys) {
        const integration = integrations[key];
        const [page, sent] = await recording(() => listOf(key).list());
        assert.equal(sent[0].method, 'GET');
        assert.equal(sent[0].path, `${prefix}/integrations/${key}/${segment}`);
        checkElementList(kind, page, `${key} ${segment}`);
        assert.ok(!Array.isArray(page), 'an object, not an array');
        assert.ok(page.items.length > 0, `${key} has seeded ${segment}`);
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
      }
    });

    test(`${list}.create(): a new ${kind}; key unique per integration → already_exists`, async () => {
      const key = uniqueKey(kind.toLowerCase());
      const body = { key, name: `Contract ${kind}`, description: 'created', meta: { t: 1 }, ...EXTRA[kind] };
      const [created, sent] = await recording(() => listOf('hubspot').create(body));
      assert.equal(sent[0].method, 'POST');
      assert.equal(sent[0].path, `${prefix}/integrations/hubspot/${segment}`);
      checkElement(kind, created, `created ${kind}`);
      assert.equal(created.key, key);
      assert.equal(created.name, `Contract ${kind}`);
      assert.equal(created.description, 'created');
      assert.deepEqual(created.meta, { t: 1 });
      assert.equal(created.integrationId, integrations.hubspot.id);
      assert.equal(typeof created.id, 'string');
      assert.equal(created.archivedAt, undefined);
      for (const [k, v] of Object.entries(EXTRA[kind])) assert.deepEqual(created[k], v, `${kind}.${k}`);

      const page = checkElementList(kind, await listOf('hubspot').list());
      assert.ok(page.items.some((i) => i.id === created.id), 'listed');
      for (const [sel, elSel] of [['hubspot', key], ['hubspot', created.id], [integrations.hubspot.id, key], [integrations.hubspot.id, created.id]]) {
        const [got, sentGet] = await recording(() => el(sel, elSel).get());
        assert.equal(sentGet[0].path, `${prefix}/integrations/${sel}/${segment}/${elSel}`);
        assert.deepEqual(checkElement(kind, got, `get ${sel}/${elSel}`), created);
      }

      await expectMembraneError(listOf('hubspot').create({ key, name: 'again' }), { key: 'already_exists' });
      await expectMembraneError(listOf(integrations.hubspot.id).create({ key, name: 'again' }), { key: 'already_exists' });
      const seededKey = checkElementList(kind, await listOf('slack').list()).items[0].key;
      await expectMembraneError(listOf('slack').create({ key: seededKey, name: 'again' }), { key: 'already_exists' });

      // The same key in another integration is fine.
      const elsewhere = checkElement(kind, await listOf('salesforce').create({ key, name: 'elsewhere' }));
      assert.equal(elsewhere.integrationId, integrations.salesforce.id);
      assert.notEqual(elsewhere.id, created.id);
      assert.equal(checkElement(kind, await el('hubspot', key).get()).id, created.id);
      assert.equal(checkElement(kind, await el('salesforce', key).get()).id, elsewhere.id);
    });

    test(`${one}(sel).patch() merges, .put() replaces; both change revision`, async () => {
      const key = uniqueKey(kind.toLowerCase());
      const created = checkElement(kind, await listOf('zendesk').create({ key, name: 'Original', description: 'desc', meta: { a: 1 } }));
      const [patched, sent] = await recording(() => el('zendesk', key).patch({ name: 'Patched' }));
      assert.equal(sent[0].method, 'PATCH');
      assert.equal(sent[0].path, `${prefix}/integrations/zendesk/${segment}/${key}`);
      checkElement(kind, patched);
      assert.equal(patched.name, 'Patched');
      assert.equal(patched.description, 'desc');
      assert.deepEqual(patched.meta, { a: 1 });
      assert.equal(patched.key, key);
      assert.equal(patched.id, created.id);
      if (created.revision !== undefined) assert.notEqual(patched.revision, created.revision);
      assert.deepEqual(checkElement(kind, await el('zendesk', created.id).get()), patched);

      const [put, sent2] = await recording(() => el('zendesk', created.id).put({ name: 'Put', meta: { b: 2 } }));
      assert.equal(sent2[0].method, 'PUT');
      checkElement(kind, put);
      assert.equal(put.name, 'Put');
      assert.deepEqual(put.meta, { b: 2 });
      assert.equal(put.description, undefined, 'PUT clears absent editable fields');
      assert.equal(put.key, key, 'key kept');
      assert.equal(put.id, created.id);
      if (patched.revision !== undefined) assert.notEqual(put.revision, patched.revision);
      assert.deepEqual(checkElement(kind, await el('zendesk', key).get()), put);
    });

    test(`${one}(sel).archive(): DELETE sets archivedAt, the ${kind} stays gettable`, async () => {
      const key = uniqueKey(kind.toLowerCase());
      const created = checkElement(kind, await listOf('pipedrive').create({ key, name: 'To archive' }));
      const [result, sent] = await recording(() => el('pipedrive', key).archive());
      assert.equal(sent[0].method, 'DELETE');
      assert.equal(sent[0].path, `${prefix}/integrations/pipedrive/${segment}/${key}`);
      assert.ok(sent[0].response.status >= 200 && sent[0].response.status < 300);
      assert.ok(result === undefined || checkElement(kind, result), 'the body, if any, is an element');
      const got = checkElement(kind, await el('pipedrive', created.id).get());
      assert.ok(isIso(got.archivedAt), 'archivedAt set');
      assert.equal(got.id, created.id);
    });

    test(`${one}(sel).reset(): the seeded ${kind} back to its non-customized state`, async () => {
      const c = makeClient(uniqueToken(`elements-reset-${kind}`));
      const original = checkElementList(kind, await c.integration('slack')[list].list()).items[0];
      const sel = original.key || original.id;
      const customized = checkElement(kind, await c.integration('slack')[one](sel).patch({
        name: 'Customized name', description: 'customized', meta: { customized: true }, ...EXTRA[kind],
      }));
      assert.equal(customized.name, 'Customized name');
      assert.equal(customized.description, 'customized');
      const [reset, sent] = await recording(() => c.integration('slack')[one](sel).reset());
      assert.equal(sent[0].method, 'POST');
      assert.equal(sent[0].path, `${prefix}/integrations/slack/${segment}/${sel}/reset`);
      checkElement(kind, reset, `reset ${kind}`);
      assert.equal(reset.id, original.id);
      assert.notEqual(reset.isCustomized, true, 'not customized after reset');
      // Everything but the bookkeeping is back to the seeded (non-customized) element.
      const strip = ({ revision, updatedAt, isCustomized, ...rest }) => rest;
      assert.deepEqual(strip(reset), strip(original), 'reset restores the non-customized element (name included)');
      assert.deepEqual(checkElement(kind, await c.integration('slack')[one](original.id).get()), reset);
    });

    test(`unknown ${kind} or integration: BadRequestError not_found`, async () => {
      const missing = `missing-${uniqueKey('x')}`;
      await expectMembraneError(el('hubspot', missing).get(), { key: 'not_found' });
      await expectMembraneError(el('hubspot', missing).patch({ name: 'x' }), { key: 'not_found' });
      await expectMembraneError(el('hubspot', missing).put({ name: 'x' }), { key: 'not_found' });
      await expectMembraneError(el('hubspot', missing).archive(), { key: 'not_found' });
      await expectMembraneError(el('hubspot', missing).reset(), { key: 'not_found' });
      await expectMembraneError(listOf(missing).list(), { key: 'not_found' });
      await expectMembraneError(listOf(missing).create({ key: 'k', name: 'n' }), { key: 'not_found' });
      // An element of another integration is not found through this one.
      const slackEl = checkElementList(kind, await listOf('slack').list()).items[0];
      const hubspotKeys = new Set(checkElementList(kind, await listOf('hubspot').list()).items.map((i) => i.key));
      await expectMembraneError(el('hubspot', slackEl.id).get(), { key: 'not_found' });
      if (slackEl.key && !hubspotKeys.has(slackEl.key)) await expectMembraneError(el('hubspot', slackEl.key).get(), { key: 'not_found' });
    });

    test(`archived ${segment} are hidden from list() unless includeArchived (by analogy with integrations)`, async () => {
      const key = uniqueKey(kind.toLowerCase());
      const created = checkElement(kind, await listOf('google-sheets').create({ key, name: 'Hidden when archived' }));
      await el('google-sheets', key).archive();
      const visible = checkElementList(kind, await listOf('google-sheets').list());
      assert.ok(!visible.items.some((i) => i.id === created.id), 'hidden by default');
      const all = checkElementList(kind, await listOf('google-sheets').list({ includeArchived: true }));
      assert.ok(all.items.some((i) => i.id === created.id), 'listed with includeArchived');
    });
  });
}
