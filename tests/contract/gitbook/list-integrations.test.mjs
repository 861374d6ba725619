// listIntegrations (public marketplace) with every filter and paging; getIntegrationByName;
// listOrganizationIntegrations (adds the org's private integrations).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  makeClient, uniqueToken, call, expectGitBookError, collectPages, publishFresh, SEED,
} from './helpers.mjs';

const client = makeClient(uniqueToken('list'));

let allPublic; // every public integration of the seeded marketplace, collected once

async function everyPublic() {
  if (!allPublic) {
    const { items, pages } = await collectPages('listIntegrations',
      (page) => client.integrations.listIntegrations({ page, limit: 3 }));
    allPublic = { items, pages };
  }
  return allPublic.items;
}

test('default listing: public only, default limit 20, count = total', async () => {
  const { data } = await call('listIntegrations', () => client.integrations.listIntegrations());
  const items = await everyPublic();
  assert.ok(items.length >= 3, `expected several seeded public integrations, got ${items.length}`);
  assert.equal(data.items.length, Math.min(20, items.length), 'default limit is 20');
  assert.equal(data.count, items.length, 'count is the total number of matching integrations');
  for (const i of items) {
    assert.equal(i.object, 'integration');
    assert.equal(i.visibility, 'public', `${i.name} is ${i.visibility}`);
  }
  assert.ok(items.some((i) => i.owner.id === SEED.marketplaceOrgId), 'public integrations are owned by "gitbook"');
});

test('paging: limit/page walk every item once; next absent on the last page; count on every page', async () => {
  await everyPublic();
  const { items, pages } = allPublic;
  assert.equal(new Set(items.map((i) => i.name)).size, items.length, 'paging repeated an integration');
  for (const p of pages) {
    assert.ok(p.items.length <= 3);
    assert.equal(p.count, items.length);
  }
  assert.equal(pages.at(-1).next, undefined);
  if (items.length > 3) assert.ok(pages[0].next?.page, 'a first page of 3 out of more has next.page');

  const exact = await call('listIntegrations', () => client.integrations.listIntegrations({ limit: items.length }));
  assert.equal(exact.data.items.length, items.length);
  assert.equal(exact.data.next, undefined, 'no next page when everything fits');

  const big = await call('listIntegrations', () => client.integrations.listIntegrations({ limit: 1000 }));
  assert.equal(big.data.items.length, items.length);
});

test('paging errors: a forged page -> 400; limit above 1000 -> 400', async () => {
  await expectGitBookError(() => client.integrations.listIntegrations({ page: 'forged-page-token' }), 400,
    { messageIncludes: 'page' });
  await expectGitBookError(() => client.integrations.listIntegrations({ limit: 1001 }), 400,
    { messageIncludes: 'limit' });
});

test('search matches name, title and description case-insensitively', async () => {
  const items = await everyPublic();
  const sample = items[0];
  for (const needle of [sample.name.toUpperCase(), sample.title.toLowerCase()]) {
    const { data } = await call('listIntegrations', () => client.integrations.listIntegrations({ search: needle }));
    assert.ok(data.items.some((i) => i.name === sample.name), `search ${needle} should find ${sample.name}`);
    for (const i of data.items) {
      const hay = `${i.name}\n${i.title}\n${i.description ?? ''}`.toLowerCase();
      assert.ok(hay.includes(needle.toLowerCase()), `${i.name} does not match search ${needle}`);
    }
  }
  const withDescription = items.find((i) => i.description && i.description.length >= 6);
  if (withDescription) {
    const needle = withDescription.description.slice(1, 6).toUpperCase();
    const { data } = await call('listIntegrations', () => client.integrations.listIntegrations({ search: needle }));
    assert.ok(data.items.some((i) => i.name === withDescription.name), `description search ${needle}`);
  }
  const none = await call('listIntegrations',
    () => client.integrations.listIntegrations({ search: 'zz-no-integration-has-this-zz' }));
  assert.deepEqual(none.data.items, []);
  assert.equal(none.data.count, 0);
});

test('category, owner, scope and target filters', async () => {
  const items = await everyPublic();
  const categories = [...new Set(items.flatMap((i) => i.categories))];
  assert.ok(categories.length >= 2, `expected various categories, got ${categories}`);
  for (const category of categories) {
    const { data } = await call('listIntegrations', () => client.integrations.listIntegrations({ category, limit: 1000 }));
    const expected = items.filter((i) => i.categories.includes(category)).map((i) => i.name).sort();
    assert.deepEqual(data.items.map((i) => i.name).sort(), expected, `category=${category}`);
  }

  const owned = await call('listIntegrations',
    () => client.integrations.listIntegrations({ owner: SEED.marketplaceOrgId, limit: 1000 }));
  assert.deepEqual(owned.data.items.map((i) => i.name).sort(),
    items.filter((i) => i.owner.id === SEED.marketplaceOrgId).map((i) => i.name).sort());
  const noOwner = await call('listIntegrations',
    () => client.integrations.listIntegrations({ owner: 'no-such-owner-org', limit: 1000 }));
  assert.deepEqual(noOwner.data.items, []);

  const scope = 'site:script:inject';
  const scoped = await call('listIntegrations', () => client.integrations.listIntegrations({ scope, limit: 1000 }));
  const expectedScoped = items.filter((i) => i.scopes.includes(scope)).map((i) => i.name).sort();
  assert.ok(expectedScoped.length > 0, 'seeded: some integration has scope site:script:inject');
  assert.deepEqual(scoped.data.items.map((i) => i.name).sort(), expectedScoped);

  const siteTargeted = await call('listIntegrations', () => client.integrations.listIntegrations({ target: 'site', limit: 1000 }));
  assert.ok(siteTargeted.data.items.length > 0, 'seeded: some integration targets sites');
  for (const i of siteTargeted.data.items) {
    assert.ok(['site', 'all'].includes(i.target), `target=site returned ${i.name} with target ${i.target}`);
  }
  const names = siteTargeted.data.items.map((i) => i.name);
  for (const i of items.filter((x) => x.target === 'site')) assert.ok(names.includes(i.name), `target=site lacks ${i.name}`);
  assert.ok(siteTargeted.data.items.some((i) => i.target === 'site'));
});

test('blocks, blockDomain and contentSources filters', async () => {
  const items = await everyPublic();
  const withBlocks = items.filter((i) => (i.blocks ?? []).length > 0).map((i) => i.name).sort();
  assert.ok(withBlocks.length > 0, 'seeded: some integration has blocks');
  const blocks = await call('listIntegrations', () => client.integrations.listIntegrations({ blocks: true, limit: 1000 }));
  assert.deepEqual(blocks.data.items.map((i) => i.name).sort(), withBlocks);

  // urlUnfurl entries are URL patterns (e.g. "https://www.figma.com/file/**"); blockDomain is a
  // bare domain (IntegrationName-like pattern). The emulator matches it against the patterns'
  // hosts as a domain suffix: figma.com matches www.figma.com, atlassian.net matches *.atlassian.net.
  const hostOf = (pattern) => pattern.replace(/^[a-z]+:\/\//i, '').split('/')[0];
  const matchesDomain = (pattern, domain) => {
    const host = hostOf(pattern).replace(/^\*\./, '');
    return host === domain || host.endsWith(`.${domain}`);
  };
  const patterns = items.flatMap((i) => (i.blocks ?? []).flatMap((b) => b.urlUnfurl ?? []));
  const hosts = [...new Set(patterns.map((p) => hostOf(p).replace(/^\*\./, '')))]
    .filter((h) => /^[a-zA-Z0-9-_.]+$/.test(h));
  assert.ok(hosts.length > 0, `seeded: some block has urlUnfurl patterns: ${patterns}`);
  const candidates = new Set(hosts);
  for (const h of hosts) if (h.split('.').length > 2) candidates.add(h.split('.').slice(-2).join('.'));
  for (const domain of candidates) {
    const byDomain = await call('listIntegrations',
      () => client.integrations.listIntegrations({ blockDomain: domain, limit: 1000 }));
    const expectedDomain = items
      .filter((i) => (i.blocks ?? []).some((b) => (b.urlUnfurl ?? []).some((p) => matchesDomain(p, domain))))
      .map((i) => i.name).sort();
    assert.ok(expectedDomain.length > 0);
    assert.deepEqual(byDomain.data.items.map((i) => i.name).sort(), expectedDomain, `blockDomain=${domain}`);
  }
  const noDomain = await call('listIntegrations',
    () => client.integrations.listIntegrations({ blockDomain: 'no-such-domain.example', limit: 1000 }));
  assert.deepEqual(noDomain.data.items, []);

  const withSources = items.filter((i) => (i.contentSources ?? []).length > 0).map((i) => i.name).sort();
  assert.ok(withSources.length > 0, 'seeded: some integration has contentSources');
  const sources = await call('listIntegrations',
    () => client.integrations.listIntegrations({ contentSources: true, limit: 1000 }));
  assert.deepEqual(sources.data.items.map((i) => i.name).sort(), withSources);
});

test('filter validation: an unknown category -> 400', async () => {
  await expectGitBookError(() => client.integrations.listIntegrations({ category: 'not-a-category' }), 400,
    { messageIncludes: 'category' });
});

test('getIntegrationByName: a public one; unknown -> 404; invalid name -> 400 or 404', async () => {
  const [first] = await everyPublic();
  const { data } = await call('getIntegrationByName', () => client.integrations.getIntegrationByName(first.name));
  assert.equal(data.name, first.name);
  assert.deepEqual(data, first, 'the listing and the single read return the same object');
  await expectGitBookError(() => client.integrations.getIntegrationByName('no-such-integration-x1'), 404);
});

test('private and unlisted integrations are not in the marketplace; listOrganizationIntegrations adds the org\'s private ones', async () => {
  const items = await everyPublic();
  const org = await collectPages('listOrganizationIntegrations',
    (page) => client.orgs.listOrganizationIntegrations(SEED.orgId, { page, limit: 5 }));
  const names = org.items.map((i) => i.name);
  const privateOnes = org.items.filter((i) => i.visibility === 'private');
  assert.ok(privateOnes.length > 0, 'seeded: emulator-org has a private integration');
  for (const p of privateOnes) {
    assert.equal(p.owner.id, SEED.orgId);
    assert.ok(!items.some((i) => i.name === p.name), `${p.name} (private) must not be in listIntegrations`);
    const single = await call('getIntegrationByName', () => client.integrations.getIntegrationByName(p.name));
    assert.equal(single.data.visibility, 'private');
  }
  for (const i of items) assert.ok(names.includes(i.name), `listOrganizationIntegrations lacks public ${i.name}`);

  // A freshly published private integration shows up for its org only.
  const { name } = await publishFresh(client, { visibility: 'private' });
  const again = await call('listOrganizationIntegrations',
    () => client.orgs.listOrganizationIntegrations(SEED.orgId, { search: name }));
  assert.deepEqual(again.data.items.map((i) => i.name), [name]);
  const market = await call('listIntegrations', () => client.integrations.listIntegrations({ search: name }));
  assert.deepEqual(market.data.items, []);
  const otherOrg = await call('listOrganizationIntegrations',
    () => client.orgs.listOrganizationIntegrations(SEED.marketplaceOrgId, { search: name }));
  assert.deepEqual(otherOrg.data.items, [], 'another org does not see emulator-org\'s private integration');

  // An unlisted one is readable by name but not listed in the marketplace.
  const unlisted = await publishFresh(client, { visibility: 'unlisted' });
  const u = await call('getIntegrationByName', () => client.integrations.getIntegrationByName(unlisted.name));
  assert.equal(u.data.visibility, 'unlisted');
  const m2 = await call('listIntegrations', () => client.integrations.listIntegrations({ search: unlisted.name }));
  assert.deepEqual(m2.data.items, []);
});

test('listOrganizationIntegrations: unknown organization -> 404', async () => {
  await expectGitBookError(() => client.orgs.listOrganizationIntegrations('no-such-org-x1'), 404);
});
