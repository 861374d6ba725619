// listIntegrations (public marketplace) with every filter and paging; getIntegrationByName;
// listOrganizationIntegrations (adds the org's private integrations). The file publishes its own catalogue under a
// prefix no other integration has, and `search: prefix` narrows every list to it, so each answer is known exactly.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  makeClient, accountToken, call, collectPages, emulatorOnly, expectGitBookError, publishFresh, randomSuffix,
  uniqueName, ORGANIZATION_ID, SEED,
} from './helpers.mjs';

const client = makeClient(accountToken('list'));
const prefix = uniqueName('ctlist');
const domain = `${randomSuffix(10)}.example`; // the host of the one block's urlUnfurl pattern
const titleWord = `zt${randomSuffix(8)}`; // only in a's title
const descriptionWord = `zd${randomSuffix(8)}`; // only in c's description

const CATALOGUE = {
  a: {
    title: `A ${titleWord}`, categories: ['analytics'], scopes: ['space:content:read'], target: 'space',
    blocks: [{ id: 'embed', title: 'Embed block', urlUnfurl: [`https://www.${domain}/**`] }],
  },
  b: { categories: ['content'], scopes: ['site:script:inject'], target: 'site', contentSources: [{ id: 'issues', title: 'Issues', configuration: { componentId: 'configure' } }] },
  c: { description: `Described by ${descriptionWord}`, categories: ['analytics', 'content'], target: 'all' },
  d: { categories: ['other'], target: 'space' },
  e: { categories: ['other'], target: 'organization' },
};
const published = {}; // key -> integration (as publish answered)
let hidden; // { private, unlisted }: integration names

/** The names of `keys` of the catalogue, sorted. */
const named = (...keys) => keys.map((k) => published[k].name).sort();
const namesOf = (items) => items.map((i) => i.name).sort();
/** listIntegrations narrowed to this file's catalogue; the names it lists. */
async function listed(query = {}) {
  const { data } = await call('listIntegrations', () => client.integrations.listIntegrations({ search: prefix, limit: 1000, ...query }));
  return namesOf(data.items);
}

before(async () => {
  for (const [key, overrides] of Object.entries(CATALOGUE)) {
    published[key] = (await publishFresh(client, { visibility: 'public', ...overrides }, { name: `${prefix}-${key}` })).integration;
  }
  hidden = {
    private: (await publishFresh(client, { visibility: 'private' }, { name: `${prefix}-private` })).name,
    unlisted: (await publishFresh(client, { visibility: 'unlisted' }, { name: `${prefix}-unlisted` })).name,
  };
});

test('listIntegrations lists the public integrations only, each an integration of its owner; count = all matches', async () => {
  const { data } = await call('listIntegrations', () => client.integrations.listIntegrations({ search: prefix }));
  assert.deepEqual(namesOf(data.items), named('a', 'b', 'c', 'd', 'e'));
  assert.equal(data.count, 5);
  for (const i of data.items) {
    assert.equal(i.object, 'integration');
    assert.equal(i.visibility, 'public', `${i.name} is ${i.visibility}`);
    assert.equal(i.owner.id, ORGANIZATION_ID);
  }
});

test('paging: limit/page walk every item once; next absent on the last page; count on every page', async () => {
  const { items, pages } = await collectPages('listIntegrations',
    (page) => client.integrations.listIntegrations({ search: prefix, page, limit: 2 }));
  assert.deepEqual(namesOf(items), named('a', 'b', 'c', 'd', 'e'));
  assert.equal(new Set(items.map((i) => i.name)).size, items.length, 'paging repeated an integration');
  assert.equal(pages.length, 3);
  for (const p of pages) {
    assert.ok(p.items.length <= 2);
    assert.equal(p.count, 5);
  }
  assert.ok(pages[0].next?.page, 'a first page of 2 out of 5 has next.page');
  assert.equal(pages.at(-1).next, undefined);

  const exact = await call('listIntegrations', () => client.integrations.listIntegrations({ search: prefix, limit: 5 }));
  assert.equal(exact.data.items.length, 5);
  assert.equal(exact.data.next, undefined, 'no next page when everything fits');
});

test('paging errors: a forged page -> 400; limit above 1000 -> 400', async () => {
  await expectGitBookError(() => client.integrations.listIntegrations({ page: 'forged-page-token' }), 400,
    { messageIncludes: 'page' });
  await expectGitBookError(() => client.integrations.listIntegrations({ limit: 1001 }), 400,
    { messageIncludes: 'limit' });
});

test('search matches name, title and description case-insensitively', async () => {
  assert.deepEqual(await listed({ search: published.a.name.toUpperCase() }), named('a'), 'by name');
  assert.deepEqual(await listed({ search: titleWord.toUpperCase() }), named('a'), 'by title');
  assert.deepEqual(await listed({ search: descriptionWord.toUpperCase() }), named('c'), 'by description');
  const none = await call('listIntegrations',
    () => client.integrations.listIntegrations({ search: 'zz-no-integration-has-this-zz' }));
  assert.deepEqual(none.data.items, []);
  assert.equal(none.data.count, 0);
});

test('category, owner, scope and target filters', async () => {
  assert.deepEqual(await listed({ category: 'analytics' }), named('a', 'c'));
  assert.deepEqual(await listed({ category: 'content' }), named('b', 'c'));
  assert.deepEqual(await listed({ category: 'marketing' }), []);
  assert.deepEqual(await listed({ owner: ORGANIZATION_ID }), named('a', 'b', 'c', 'd', 'e'));
  assert.deepEqual(await listed({ owner: 'no-such-owner-org' }), []);
  assert.deepEqual(await listed({ scope: 'site:script:inject' }), named('b'));
  assert.deepEqual(await listed({ target: 'site' }), named('b', 'c'), 'target=site: site and all');
  assert.deepEqual(await listed({ target: 'space' }), named('a', 'c', 'd'), 'target=space: space and all');
});

test('blocks, blockDomain and contentSources filters', async () => {
  assert.deepEqual(await listed({ blocks: true }), named('a'));
  // blockDomain is a bare domain, matched against the hosts of the blocks' urlUnfurl patterns as a domain suffix.
  assert.deepEqual(await listed({ blockDomain: domain }), named('a'));
  assert.deepEqual(await listed({ blockDomain: `www.${domain}` }), named('a'));
  assert.deepEqual(await listed({ blockDomain: `no-such-${domain}` }), []);
  assert.deepEqual(await listed({ contentSources: true }), named('b'));
});

test('filter validation: an unknown category -> 400', async () => {
  await expectGitBookError(() => client.integrations.listIntegrations({ category: 'not-a-category' }), 400,
    { messageIncludes: 'category' });
});

test('getIntegrationByName: as listed; unknown -> 404', async () => {
  const { data: page } = await call('listIntegrations', () => client.integrations.listIntegrations({ search: published.a.name }));
  const { data } = await call('getIntegrationByName', () => client.integrations.getIntegrationByName(published.a.name));
  assert.deepEqual(data, page.items[0], 'the listing and the single read return the same object');
  await expectGitBookError(() => client.integrations.getIntegrationByName('no-such-integration-x1'), 404);
});

test('private and unlisted integrations are not in the marketplace; listOrganizationIntegrations lists them', async () => {
  const org = await collectPages('listOrganizationIntegrations',
    (page) => client.orgs.listOrganizationIntegrations(ORGANIZATION_ID, { search: prefix, page, limit: 5 }));
  assert.deepEqual(namesOf(org.items), [...named('a', 'b', 'c', 'd', 'e'), hidden.private, hidden.unlisted].sort());
  assert.deepEqual(await listed(), named('a', 'b', 'c', 'd', 'e'), 'the marketplace has neither');
  for (const [visibility, name] of Object.entries(hidden)) {
    const { data } = await call('getIntegrationByName', () => client.integrations.getIntegrationByName(name));
    assert.equal(data.visibility, visibility, 'readable by name');
    assert.equal(data.owner.id, ORGANIZATION_ID);
  }
});

test('another organization does not list this one\'s private integration',
  emulatorOnly('needs a second organization (the seed has several)'), async () => {
  const otherOrg = await call('listOrganizationIntegrations',
    () => client.orgs.listOrganizationIntegrations(SEED.marketplaceOrgId, { search: hidden.private }));
  assert.deepEqual(otherOrg.data.items, []);
});

test('listOrganizationIntegrations: unknown organization -> 404', async () => {
  await expectGitBookError(() => client.orgs.listOrganizationIntegrations('no-such-org-x1'), 404);
});

test('the seeded marketplace: default limit 20, count = total, walked in pages of 3, owned by "gitbook"',
  emulatorOnly('walks the whole seeded marketplace'), async () => {
  const { items, pages } = await collectPages('listIntegrations', (page) => client.integrations.listIntegrations({ page, limit: 3 }));
  assert.ok(items.length >= 3, `expected several seeded public integrations, got ${items.length}`);
  const { data } = await call('listIntegrations', () => client.integrations.listIntegrations());
  assert.equal(data.items.length, Math.min(20, items.length), 'default limit is 20');
  assert.equal(data.count, items.length, 'count is the total number of matching integrations');
  assert.equal(new Set(items.map((i) => i.name)).size, items.length, 'paging repeated an integration');
  for (const p of pages) assert.equal(p.count, items.length);
  assert.ok(items.some((i) => i.owner.id === SEED.marketplaceOrgId), 'public integrations are owned by "gitbook"');
  const big = await call('listIntegrations', () => client.integrations.listIntegrations({ limit: 1000 }));
  assert.equal(big.data.items.length, items.length);
});
