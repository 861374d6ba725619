// Authentication, tenancy and the 7 supporting reads (user, organizations, spaces, sites).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  makeClient, uniqueToken, call, expectGitBookError, collectPages, publishFresh, SEED,
} from './helpers.mjs';

const token = uniqueToken('auth');
const client = makeClient(token);

test('no token -> 401 GitBookAPIError on public and private routes', async () => {
  const anonymous = makeClient(undefined);
  await expectGitBookError(() => anonymous.integrations.listIntegrations(), 401);
  await expectGitBookError(() => anonymous.user.getAuthenticatedUser(), 401);
  await expectGitBookError(() => anonymous.orgs.listOrganizationsForAuthenticatedUser(), 401);
  await expectGitBookError(() => anonymous.integrations.getIntegrationByName('anything'), 401);
});

test('getAuthenticatedUser returns the seeded user', async () => {
  const { data } = await call('getAuthenticatedUser', () => client.user.getAuthenticatedUser());
  assert.equal(data.object, 'user');
  assert.equal(data.id, SEED.userId);
});

test('listOrganizationsForAuthenticatedUser lists the default, the marketplace and two more orgs', async () => {
  const { data } = await call('listOrganizationsForAuthenticatedUser',
    () => client.orgs.listOrganizationsForAuthenticatedUser());
  const ids = data.items.map((o) => o.id);
  assert.ok(ids.includes(SEED.orgId), `missing ${SEED.orgId}: ${ids}`);
  assert.ok(ids.includes(SEED.marketplaceOrgId), `missing ${SEED.marketplaceOrgId}: ${ids}`);
  const { items } = await collectPages('listOrganizationsForAuthenticatedUser',
    (page) => client.orgs.listOrganizationsForAuthenticatedUser({ page, limit: 1 }));
  assert.ok(items.length >= 4, `expected at least 4 organizations, got ${items.length}`);
  assert.equal(new Set(items.map((o) => o.id)).size, items.length, 'paging repeated an organization');
});

test('getOrganizationById: the default organization; unknown -> 404', async () => {
  const { data } = await call('getOrganizationById', () => client.orgs.getOrganizationById(SEED.orgId));
  assert.equal(data.object, 'organization');
  assert.equal(data.id, SEED.orgId);
  assert.equal(data.title, SEED.orgTitle);
  assert.equal(data.hostname, SEED.orgHostname);

  const marketplace = await call('getOrganizationById', () => client.orgs.getOrganizationById(SEED.marketplaceOrgId));
  assert.equal(marketplace.data.id, SEED.marketplaceOrgId);

  await expectGitBookError(() => client.orgs.getOrganizationById('no-such-org-x1'), 404);
});

test('listSpacesInOrganizationById / getSpaceById: the default space belongs to the default org', async () => {
  const { items } = await collectPages('listSpacesInOrganizationById',
    (page) => client.orgs.listSpacesInOrganizationById(SEED.orgId, { page, limit: 2 }));
  const ids = items.map((s) => s.id);
  assert.ok(ids.includes(SEED.spaceId), `missing ${SEED.spaceId}: ${ids}`);
  for (const s of items) assert.equal(s.organization, SEED.orgId, `space ${s.id} organization`);

  const { data } = await call('getSpaceById', () => client.spaces.getSpaceById(SEED.spaceId));
  assert.equal(data.object, 'space');
  assert.equal(data.id, SEED.spaceId);
  assert.equal(data.organization, SEED.orgId);

  await expectGitBookError(() => client.spaces.getSpaceById('no-such-space-x1'), 404);
});

test('listSites / getSiteById: the default site belongs to the default org', async () => {
  const { items } = await collectPages('listSites', (page) => client.orgs.listSites(SEED.orgId, { page, limit: 2 }));
  const ids = items.map((s) => s.id);
  assert.ok(ids.includes(SEED.siteId), `missing ${SEED.siteId}: ${ids}`);

  const { data } = await call('getSiteById', () => client.orgs.getSiteById(SEED.orgId, SEED.siteId));
  assert.equal(data.object, 'site');
  assert.equal(data.id, SEED.siteId);

  await expectGitBookError(() => client.orgs.getSiteById(SEED.orgId, 'site_no_such_site'), 404);
});

test('tenancy: what one token publishes is invisible to another token', async () => {
  const { name } = await publishFresh(client, { visibility: 'public', title: 'Tenant A only' });
  const mine = await call('getIntegrationByName', () => client.integrations.getIntegrationByName(name));
  assert.equal(mine.data.name, name);

  const other = makeClient(uniqueToken('auth_other'));
  await expectGitBookError(() => other.integrations.getIntegrationByName(name), 404);
  const { data } = await call('listIntegrations', () => other.integrations.listIntegrations({ search: name }));
  assert.deepEqual(data.items.map((i) => i.name), []);
});
