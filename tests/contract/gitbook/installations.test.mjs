// Organization-level installations: install, list, read, update, tokens, status, uninstall.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  makeClient, accountToken, call, callRaw, emulatorOnly, expectGitBookError, publishFresh, installFresh, assertLocation,
  collectPages, GitBookAPI, ENDPOINT, ORGANIZATION_ID,
} from './helpers.mjs';

const token = accountToken('installations');
const client = makeClient(token);

test('installIntegration -> 201 + Location; the installation is readable and listed', async () => {
  const { name } = await publishFresh(client, { visibility: 'public' });
  const res = await call('installIntegration', () => client.integrations.installIntegration(name, { organization: ORGANIZATION_ID }));
  assert.equal(res.status, 201);
  const inst = res.data;
  assertLocation(res, `/integrations/${name}/installations/${inst.id}`);
  assert.deepEqual(inst.target, { organization: ORGANIZATION_ID });
  assert.deepEqual(inst.externalIds, []);
  assert.equal(inst.spaces, 0);

  const read = await call('getIntegrationInstallationById',
    () => client.integrations.getIntegrationInstallationById(name, inst.id));
  assert.deepEqual(read.data, inst);

  const list = await call('listIntegrationInstallations', () => client.integrations.listIntegrationInstallations(name));
  assert.deepEqual(list.data.items.map((i) => i.id), [inst.id]);
  assert.equal(list.data.count, 1);

  const status = await call('getOrganizationIntegrationStatus',
    () => client.orgs.getOrganizationIntegrationStatus(ORGANIZATION_ID, name));
  assert.equal(status.data.status, inst.status);
});

test('installIntegration by organization hostname; errors: duplicate 409, unknown org/integration 404, bad body 400', async () => {
  const { data: organization } = await call('getOrganizationById', () => client.orgs.getOrganizationById(ORGANIZATION_ID));
  const { name } = await publishFresh(client);
  const res = await call('installIntegration',
    () => client.integrations.installIntegration(name, { organization: organization.hostname }));
  assert.equal(res.data.target.organization, ORGANIZATION_ID);

  await expectGitBookError(() => client.integrations.installIntegration(name, { organization: ORGANIZATION_ID }), 409);
  await expectGitBookError(() => client.integrations.installIntegration(name, { organization: 'no-such-org-x1' }), 404);
  await expectGitBookError(() => client.integrations.installIntegration('no-such-integration-x1',
    { organization: ORGANIZATION_ID }), 404);
  await expectGitBookError(() => client.integrations.installIntegration(name, {}), 400,
    { messageIncludes: 'organization' });
});

test('getIntegrationInstallationById: unknown installation -> 404', async () => {
  const { name } = await publishFresh(client);
  await expectGitBookError(() => client.integrations.getIntegrationInstallationById(name, 'no-such-installation'), 404);
  await expectGitBookError(() => client.integrations.getIntegrationInstallationById('no-such-integration-x1', 'x'), 404);
});

test('listOrganizationIntegrationsStatus shows an installation with the status listIntegrationInstallations has', async () => {
  const { name } = await publishFresh(client);
  const inst = await installFresh(client, name);
  const { items } = await collectPages('listOrganizationIntegrationsStatus',
    (page) => client.orgs.listOrganizationIntegrationsStatus(ORGANIZATION_ID, { target: 'organization', page, limit: 2 }));
  for (const it of items) assert.deepEqual(it.target, { type: 'organization', organizationId: ORGANIZATION_ID });
  const ours = items.find((it) => it.integration.name === name);
  assert.ok(ours, `target=organization lacks ${name}`);
  const list = await call('listIntegrationInstallations', () => client.integrations.listIntegrationInstallations(name));
  assert.deepEqual(list.data.items.map((i) => [i.id, i.status]), [[inst.id, ours.status]]);

  // Without a target: the organization's (other files may install meanwhile, so no comparison of whole lists).
  const defaults = await collectPages('listOrganizationIntegrationsStatus',
    (page) => client.orgs.listOrganizationIntegrationsStatus(ORGANIZATION_ID, { page }));
  for (const it of defaults.items) assert.equal(it.target.type, 'organization', 'target defaults to organization');
  assert.ok(defaults.items.some((it) => it.integration.name === name));
});

test('getOrganizationIntegrationStatus: not installed -> 404; unknown org -> 404', async () => {
  const { name } = await publishFresh(client);
  await expectGitBookError(() => client.orgs.getOrganizationIntegrationStatus(ORGANIZATION_ID, name), 404);
  await expectGitBookError(() => client.orgs.getOrganizationIntegrationStatus('no-such-org-x1', name), 404);
});

test('updateIntegrationInstallation: externalIds, configuration, space/site selection; externalId filter', async () => {
  const { name } = await publishFresh(client);
  const inst = await installFresh(client, name);

  const upd = await call('updateIntegrationInstallation', () => client.integrations.updateIntegrationInstallation(name, inst.id, {
    externalIds: ['ext-a', 'ext-b'],
    configuration: { apiKey: 'k', nested: { n: 1 } },
    space_selection: 'selected',
    site_selection: 'all',
  }));
  assert.deepEqual(upd.data.externalIds, ['ext-a', 'ext-b']);
  assert.deepEqual(upd.data.configuration, { apiKey: 'k', nested: { n: 1 } });
  assert.equal(upd.data.space_selection, 'selected');
  assert.equal(upd.data.site_selection, 'all');

  const partial = await call('updateIntegrationInstallation',
    () => client.integrations.updateIntegrationInstallation(name, inst.id, { site_selection: 'selected' }));
  assert.deepEqual(partial.data.externalIds, ['ext-a', 'ext-b'], 'omitted keys are left unchanged');
  assert.equal(partial.data.site_selection, 'selected');

  const read = await call('getIntegrationInstallationById',
    () => client.integrations.getIntegrationInstallationById(name, inst.id));
  assert.deepEqual(read.data.externalIds, ['ext-a', 'ext-b']);

  const found = await call('listIntegrationInstallations',
    () => client.integrations.listIntegrationInstallations(name, { externalId: 'ext-b' }));
  assert.deepEqual(found.data.items.map((i) => i.id), [inst.id]);
  const none = await call('listIntegrationInstallations',
    () => client.integrations.listIntegrationInstallations(name, { externalId: 'ext-zzz' }));
  assert.deepEqual(none.data.items, []);

  await expectGitBookError(() => client.integrations.updateIntegrationInstallation(name, inst.id,
    { externalIds: ['1', '2', '3', '4', '5', '6'] }), 400, { messageIncludes: 'externalIds' });
  await expectGitBookError(() => client.integrations.updateIntegrationInstallation(name, inst.id,
    { space_selection: 'some' }), 400, { messageIncludes: 'space_selection' });
  await expectGitBookError(() => client.integrations.updateIntegrationInstallation(name, 'no-such-installation',
    { externalIds: [] }), 404);
});

test('createIntegrationInstallationToken / createInstallationClient: the token acts as the installation', async () => {
  const { name } = await publishFresh(client);
  const inst = await installFresh(client, name);
  const other = await publishFresh(client);

  const res = await call('createIntegrationInstallationToken',
    () => client.integrations.createIntegrationInstallationToken(name, inst.id));
  assert.equal(typeof res.data.token, 'string');
  assert.ok(res.data.token.length > 0);

  const asInstallation = await client.createInstallationClient(name, inst.id);
  assert.ok(asInstallation instanceof GitBookAPI);
  assert.equal(asInstallation.endpoint, ENDPOINT);
  assert.notEqual(asInstallation.authToken, token);

  const read = await call('getIntegrationInstallationById',
    () => asInstallation.integrations.getIntegrationInstallationById(name, inst.id));
  assert.equal(read.data.id, inst.id);
  const listed = await call('listIntegrationInstallations',
    () => asInstallation.integrations.listIntegrationInstallations(name));
  assert.ok(listed.data.items.some((i) => i.id === inst.id));

  // same tenant: the installation sees the tenant's data
  const viaRaw = makeClient(res.data.token);
  const again = await call('getIntegrationByName', () => viaRaw.integrations.getIntegrationByName(name));
  assert.equal(again.data.name, name);

  // another integration's routes -> 403
  await expectGitBookError(() => asInstallation.integrations.listIntegrationInstallations(other.name), 403);
  await expectGitBookError(() => asInstallation.integrations.queueIntegrationTask(other.name, { task: { x: 1 } }), 403);

  await expectGitBookError(() => client.integrations.createIntegrationInstallationToken(name, 'no-such-installation'), 404);
});

test('uninstallIntegration -> 205 then 204; status and reads -> 404', async () => {
  const { name } = await publishFresh(client);
  const inst = await installFresh(client, name);
  await callRaw('uninstallIntegration', () => client.integrations.uninstallIntegration(name, inst.id), 205);
  await callRaw('uninstallIntegration', () => client.integrations.uninstallIntegration(name, inst.id), 204);
  await expectGitBookError(() => client.integrations.getIntegrationInstallationById(name, inst.id), 404);
  await expectGitBookError(() => client.orgs.getOrganizationIntegrationStatus(ORGANIZATION_ID, name), 404);
  const list = await call('listIntegrationInstallations', () => client.integrations.listIntegrationInstallations(name));
  assert.deepEqual(list.data.items, []);
  // and it can be installed again
  const again = await installFresh(client, name);
  assert.notEqual(again.id, undefined);
});

test('listIntegrationInstallations pages with limit/count',
  emulatorOnly('installs on several organizations (the seed has four)'), async () => {
  // installations of one integration on several organizations
  const orgs = await call('listOrganizationsForAuthenticatedUser', () => client.orgs.listOrganizationsForAuthenticatedUser());
  const { name } = await publishFresh(client, { visibility: 'public' });
  const ids = [];
  for (const org of orgs.data.items) ids.push((await installFresh(client, name, org.id)).id);
  assert.ok(ids.length >= 2);
  const { items, pages } = await collectPages('listIntegrationInstallations',
    (page) => client.integrations.listIntegrationInstallations(name, { page, limit: 1 }));
  assert.deepEqual(items.map((i) => i.id).sort(), [...ids].sort());
  assert.equal(pages.length, ids.length);
  for (const p of pages) assert.equal(p.count, ids.length);
});
