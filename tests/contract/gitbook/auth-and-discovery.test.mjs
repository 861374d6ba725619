// Authentication, tenancy and the 7 supporting reads (user, organizations, spaces, sites).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ORGANIZATION_ID, SEED, accountToken, call, collectPages, emulatorOnly, expectGitBookError, makeClient, publishFresh,
  uniqueToken,
} from './helpers.mjs';

const token = accountToken('auth');
const client = makeClient(token);

test('no token -> 401 GitBookAPIError on public and private routes', async () => {
  const anonymous = makeClient(undefined);
  await expectGitBookError(() => anonymous.integrations.listIntegrations(), 401);
  await expectGitBookError(() => anonymous.user.getAuthenticatedUser(), 401);
  await expectGitBookError(() => anonymous.orgs.listOrganizationsForAuthenticatedUser(), 401);
  await expectGitBookError(() => anonymous.integrations.getIntegrationByName('anything'), 401);
});

test('getAuthenticatedUser returns the user of the token', async () => {
  const { data } = await call('getAuthenticatedUser', () => client.user.getAuthenticatedUser());
  assert.equal(data.object, 'user');
  assert.equal(typeof data.id, 'string');
});

test('listOrganizationsForAuthenticatedUser lists the account\'s organization; paging repeats none', async () => {
  const { data } = await call('listOrganizationsForAuthenticatedUser',
    () => client.orgs.listOrganizationsForAuthenticatedUser());
  assert.ok(data.items.some((o) => o.id === ORGANIZATION_ID), `missing ${ORGANIZATION_ID}: ${data.items.map((o) => o.id)}`);
  const { items } = await collectPages('listOrganizationsForAuthenticatedUser',
    (page) => client.orgs.listOrganizationsForAuthenticatedUser({ page, limit: 1 }));
  assert.equal(new Set(items.map((o) => o.id)).size, items.length, 'paging repeated an organization');
  assert.ok(items.some((o) => o.id === ORGANIZATION_ID), 'the pages hold it too');
});

test('getOrganizationById: the account\'s organization; unknown -> 404', async () => {
  const { data } = await call('getOrganizationById', () => client.orgs.getOrganizationById(ORGANIZATION_ID));
  assert.equal(data.object, 'organization');
  assert.equal(data.id, ORGANIZATION_ID);
  await expectGitBookError(() => client.orgs.getOrganizationById('no-such-org-x1'), 404);
});

test('listSpacesInOrganizationById / getSpaceById: the organization\'s spaces belong to it', async () => {
  const { items } = await collectPages('listSpacesInOrganizationById',
    (page) => client.orgs.listSpacesInOrganizationById(ORGANIZATION_ID, { page, limit: 2 }));
  assert.ok(items.length > 0, `${ORGANIZATION_ID} has a space`);
  for (const s of items) assert.equal(s.organization, ORGANIZATION_ID, `space ${s.id} organization`);

  const { data } = await call('getSpaceById', () => client.spaces.getSpaceById(items[0].id));
  assert.equal(data.object, 'space');
  assert.equal(data.id, items[0].id);
  assert.equal(data.organization, ORGANIZATION_ID);

  await expectGitBookError(() => client.spaces.getSpaceById('no-such-space-x1'), 404);
});

test('listSites / getSiteById: the organization\'s sites', async () => {
  const { items } = await collectPages('listSites', (page) => client.orgs.listSites(ORGANIZATION_ID, { page, limit: 2 }));
  assert.ok(items.length > 0, `${ORGANIZATION_ID} has a site`);

  const { data } = await call('getSiteById', () => client.orgs.getSiteById(ORGANIZATION_ID, items[0].id));
  assert.equal(data.object, 'site');
  assert.equal(data.id, items[0].id);

  await expectGitBookError(() => client.orgs.getSiteById(ORGANIZATION_ID, 'site_no_such_site'), 404);
});

test('a new token sees the seeded user, organizations, space and site', emulatorOnly('reads the seeded data'), async () => {
  const user = await call('getAuthenticatedUser', () => client.user.getAuthenticatedUser());
  assert.equal(user.data.id, SEED.userId);

  const { items: orgs } = await collectPages('listOrganizationsForAuthenticatedUser',
    (page) => client.orgs.listOrganizationsForAuthenticatedUser({ page, limit: 1 }));
  const ids = orgs.map((o) => o.id);
  assert.ok(ids.includes(SEED.orgId) && ids.includes(SEED.marketplaceOrgId), `the default and the marketplace: ${ids}`);
  assert.ok(ids.length >= 4, `expected at least 4 organizations, got ${ids.length}`);

  const { data: org } = await call('getOrganizationById', () => client.orgs.getOrganizationById(SEED.orgId));
  assert.equal(org.title, SEED.orgTitle);
  assert.equal(org.hostname, SEED.orgHostname);
  const marketplace = await call('getOrganizationById', () => client.orgs.getOrganizationById(SEED.marketplaceOrgId));
  assert.equal(marketplace.data.id, SEED.marketplaceOrgId);

  const { items: spaces } = await collectPages('listSpacesInOrganizationById',
    (page) => client.orgs.listSpacesInOrganizationById(SEED.orgId, { page, limit: 2 }));
  assert.ok(spaces.some((s) => s.id === SEED.spaceId), `missing ${SEED.spaceId}`);
  const { items: sites } = await collectPages('listSites', (page) => client.orgs.listSites(SEED.orgId, { page, limit: 2 }));
  assert.ok(sites.some((s) => s.id === SEED.siteId), `missing ${SEED.siteId}`);
});

test('tenancy: what one token publishes is invisible to another token',
  emulatorOnly('needs a second account (any new token is one)'), async () => {
  const { name } = await publishFresh(client, { visibility: 'public', title: 'Tenant A only' });
  const mine = await call('getIntegrationByName', () => client.integrations.getIntegrationByName(name));
  assert.equal(mine.data.name, name);

  const other = makeClient(uniqueToken('auth_other'));
  await expectGitBookError(() => other.integrations.getIntegrationByName(name), 404);
  const { data } = await call('listIntegrations', () => other.integrations.listIntegrations({ search: name }));
  assert.deepEqual(data.items.map((i) => i.name), []);
});
