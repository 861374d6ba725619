// listOrganizationInstallations (GET /v1/orgs/{organizationId}/installations, tagged `integrations`): the
// organization's installations, each with its integration; `search`; paging; errors; tenants and tokens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  makeClient, accountToken, uniqueToken, uniqueName, call, emulatorOnly, expectGitBookError, collectPages, publishFresh,
  installFresh, ORGANIZATION_ID, SEED,
} from './helpers.mjs';

const client = makeClient(accountToken('orginstalls'));

test('lists the installations of the organization, each with its integration, oldest first', async () => {
  const prefix = uniqueName('oi');
  const installed = [];
  for (const suffix of ['b', 'a', 'c']) {
    const { name } = await publishFresh(client, {}, { name: `${prefix}-${suffix}` });
    installed.push({ name, id: (await installFresh(client, name)).id });
  }

  const { items } = await collectPages('listOrganizationInstallations',
    (page) => client.orgs.listOrganizationInstallations(ORGANIZATION_ID, { page, limit: 2 }));
  const ours = items.filter((i) => i.integration.name.startsWith(prefix));
  assert.deepEqual(ours.map((i) => [i.integration.name, i.installation.id]), installed.map((i) => [i.name, i.id]),
    'installation order, each with its own integration');
  for (const i of items) assert.equal(i.installation.target.organization, ORGANIZATION_ID);
  assert.equal(ours[0].integration.owner.id, ORGANIZATION_ID);
});

test('search filters by integration; limit, page and count as in every GitBook list', async () => {
  const prefix = uniqueName('search');
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const { name } = await publishFresh(client, {}, { name: `${prefix}-${i}` });
    ids.push((await installFresh(client, name)).id);
  }

  const first = await call('listOrganizationInstallations',
    () => client.orgs.listOrganizationInstallations(ORGANIZATION_ID, { search: prefix, limit: 2 }));
  assert.deepEqual(first.data.items.map((i) => i.installation.id), ids.slice(0, 2));
  assert.equal(first.data.count, 3);
  assert.equal(typeof first.data.next.page, 'string');
  const second = await call('listOrganizationInstallations',
    () => client.orgs.listOrganizationInstallations(ORGANIZATION_ID, { search: prefix, limit: 2, page: first.data.next.page }));
  assert.deepEqual(second.data.items.map((i) => i.installation.id), ids.slice(2));
  assert.equal(second.data.next, undefined);

  const none = await call('listOrganizationInstallations',
    () => client.orgs.listOrganizationInstallations(ORGANIZATION_ID, { search: uniqueName('nothing') }));
  assert.deepEqual(none.data.items, []);
  assert.equal(none.data.count, 0);
});

test('an installation on another organization is listed there only',
  emulatorOnly('needs a second organization (the seed has several)'), async () => {
  const { data: orgs } = await call('listOrganizationsForAuthenticatedUser',
    () => client.orgs.listOrganizationsForAuthenticatedUser({ limit: 100 }));
  const other = orgs.items.map((o) => o.id).find((id) => id !== SEED.orgId && id !== SEED.marketplaceOrgId);
  assert.ok(other, 'the seed has a third organization');
  const { name } = await publishFresh(client, { visibility: 'public' });
  const inst = await installFresh(client, name, other);

  const home = await call('listOrganizationInstallations',
    () => client.orgs.listOrganizationInstallations(SEED.orgId, { search: name }));
  assert.equal(home.data.count, 0);
  const there = await call('listOrganizationInstallations',
    () => client.orgs.listOrganizationInstallations(other, { search: name }));
  assert.deepEqual(there.data.items.map((i) => i.installation.id), [inst.id]);
});

test('errors: unknown organization 404, bad limit or page 400, no token 401', async () => {
  await expectGitBookError(() => client.orgs.listOrganizationInstallations('no-such-org'), 404, { messageIncludes: 'no-such-org' });
  await expectGitBookError(() => client.orgs.listOrganizationInstallations(ORGANIZATION_ID, { limit: 5000 }), 400, { messageIncludes: 'limit' });
  await expectGitBookError(() => client.orgs.listOrganizationInstallations(ORGANIZATION_ID, { page: 'forged' }), 400, { messageIncludes: 'page' });
  await expectGitBookError(() => makeClient(undefined).orgs.listOrganizationInstallations(ORGANIZATION_ID), 401);
});

test('tenants are isolated', emulatorOnly('needs a second account (any new token is one)'), async () => {
  const { name } = await publishFresh(client);
  await installFresh(client, name);
  const stranger = makeClient(uniqueToken('orginstalls-stranger'));
  const strangers = await call('listOrganizationInstallations',
    () => stranger.orgs.listOrganizationInstallations(SEED.orgId, { search: name }));
  assert.equal(strangers.data.count, 0);
});

test('an installation token sees its own installation only', async () => {
  const { name } = await publishFresh(client);
  const inst = await installFresh(client, name);
  const { data: minted } = await call('createIntegrationInstallationToken',
    () => client.integrations.createIntegrationInstallationToken(name, inst.id));
  const installation = makeClient(minted.token);
  const seen = await call('listOrganizationInstallations',
    () => installation.orgs.listOrganizationInstallations(ORGANIZATION_ID));
  assert.deepEqual(seen.data.items.map((i) => i.installation.id), [inst.id]);
});
