// Space and site installations, and the space/site views of installed integrations
// (listSpaceIntegrations, listSpaceIntegrationsBlocks, listSiteIntegrations,
// listSiteIntegrationScripts, listOrganizationIntegrationsStatus with target space/site).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  makeClient, accountToken, call, callRaw, contentOf, emulatorOnly, expectGitBookError, publishFresh, installFresh,
  assertLocation, collectPages, ORGANIZATION_ID, SEED,
} from './helpers.mjs';

const client = makeClient(accountToken('content'));

/** A space and a site of ORGANIZATION_ID, where this file installs. */
let spaceId;
let siteId;
/** A space and a site that belong to some organization other than ORGANIZATION_ID (or null). */
let foreign = { space: null, site: null };

before(async () => {
  ({ spaceId, siteId } = await contentOf(client));
  const orgs = await collectPages('listOrganizationsForAuthenticatedUser',
    (page) => client.orgs.listOrganizationsForAuthenticatedUser({ page }));
  for (const org of orgs.items.filter((o) => o.id !== ORGANIZATION_ID)) {
    if (!foreign.space) {
      const spaces = await call('listSpacesInOrganizationById', () => client.orgs.listSpacesInOrganizationById(org.id));
      if (spaces.data.items.length > 0) foreign.space = spaces.data.items[0].id;
    }
    if (!foreign.site) {
      const sites = await call('listSites', () => client.orgs.listSites(org.id));
      if (sites.data.items.length > 0) foreign.site = sites.data.items[0].id;
    }
  }
});

async function installedOnOrg(overrides = {}) {
  const { name, integration } = await publishFresh(client, overrides);
  const inst = await installFresh(client, name);
  return { name, integration, inst };
}

test('installIntegrationOnSpace -> 201 + Location; read, list, update, extended', async () => {
  const { name, inst } = await installedOnOrg({ target: 'space' });
  const res = await call('installIntegrationOnSpace',
    () => client.integrations.installIntegrationOnSpace(name, inst.id, { space: spaceId }));
  assert.equal(res.status, 201);
  assertLocation(res, `/integrations/${name}/installations/${inst.id}/spaces/${spaceId}`);
  assert.equal(res.data.space, spaceId, 'extended defaults to false: the space id');
  assert.equal(res.data.integration, name);
  assert.equal(res.data.installation, inst.id);
  assert.deepEqual(res.data.externalIds, []);

  const get = await call('getIntegrationSpaceInstallation',
    () => client.integrations.getIntegrationSpaceInstallation(name, inst.id, spaceId));
  assert.deepEqual(get.data, res.data);
  const getExt = await call('getIntegrationSpaceInstallation',
    () => client.integrations.getIntegrationSpaceInstallation(name, inst.id, spaceId, { extended: true }));
  assert.equal(typeof getExt.data.space, 'object');
  assert.equal(getExt.data.space.object, 'space');
  assert.equal(getExt.data.space.id, spaceId);

  const list = await call('listIntegrationInstallationSpaces',
    () => client.integrations.listIntegrationInstallationSpaces(name, inst.id));
  assert.deepEqual(list.data.items.map((s) => s.space), [spaceId]);
  const listExt = await call('listIntegrationInstallationSpaces',
    () => client.integrations.listIntegrationInstallationSpaces(name, inst.id, { extended: true, limit: 5 }));
  assert.equal(listExt.data.items[0].space.id, spaceId);

  const upd = await call('updateIntegrationSpaceInstallation',
    () => client.integrations.updateIntegrationSpaceInstallation(name, inst.id, spaceId,
      { externalIds: ['space-ext-1'], configuration: { channel: '#docs' } }));
  assert.deepEqual(upd.data.externalIds, ['space-ext-1']);
  assert.deepEqual(upd.data.configuration, { channel: '#docs' });
  assert.equal(upd.data.space, spaceId);
  const updExt = await call('updateIntegrationSpaceInstallation',
    () => client.integrations.updateIntegrationSpaceInstallation(name, inst.id, spaceId,
      { externalIds: ['space-ext-1', 'space-ext-2'] }, { extended: true }));
  assert.equal(updExt.data.space.id, spaceId);
  assert.deepEqual(updExt.data.configuration, { channel: '#docs' }, 'omitted configuration is kept');

  const byExt = await call('listIntegrationSpaceInstallations',
    () => client.integrations.listIntegrationSpaceInstallations(name, { externalId: 'space-ext-2' }));
  assert.deepEqual(byExt.data.items.map((s) => s.space), [spaceId]);
  const byExtNone = await call('listIntegrationSpaceInstallations',
    () => client.integrations.listIntegrationSpaceInstallations(name, { externalId: 'nope' }));
  assert.deepEqual(byExtNone.data.items, []);
  const allExt = await call('listIntegrationSpaceInstallations',
    () => client.integrations.listIntegrationSpaceInstallations(name, { extended: true }));
  assert.equal(allExt.data.items[0].space.id, spaceId);

  await expectGitBookError(() => client.integrations.updateIntegrationSpaceInstallation(name, inst.id, spaceId,
    { externalIds: ['1', '2', '3', '4', '5', '6'] }), 400, { messageIncludes: 'externalIds' });

  const orgView = await call('getIntegrationInstallationById',
    () => client.integrations.getIntegrationInstallationById(name, inst.id));
  assert.equal(orgView.data.spaces, 1, 'IntegrationInstallation.spaces counts space installations');
});

test('installIntegrationOnSpace errors: duplicate 409, unknown space 404, foreign space 400, unknown installation 404', async (t) => {
  const { name, inst } = await installedOnOrg();
  await call('installIntegrationOnSpace',
    () => client.integrations.installIntegrationOnSpace(name, inst.id, { space: spaceId }, { extended: true }));
  await expectGitBookError(() => client.integrations.installIntegrationOnSpace(name, inst.id, { space: spaceId }), 409);
  await expectGitBookError(() => client.integrations.installIntegrationOnSpace(name, inst.id, { space: 'no-such-space-x1' }), 404);
  await expectGitBookError(() => client.integrations.installIntegrationOnSpace(name, 'no-such-installation',
    { space: spaceId }), 404);
  await expectGitBookError(() => client.integrations.installIntegrationOnSpace(name, inst.id, {}), 400,
    { messageIncludes: 'space' });
  await expectGitBookError(() => client.integrations.getIntegrationSpaceInstallation(name, inst.id, 'no-such-space-x1'), 404);
  if (!foreign.space) {
    t.skip(`no space outside ${ORGANIZATION_ID} found`);
    return;
  }
  await expectGitBookError(() => client.integrations.installIntegrationOnSpace(name, inst.id, { space: foreign.space }), 400);
});

test('installIntegrationOnSite -> 201 + Location; read, list, update, extended', async () => {
  const { name, inst } = await installedOnOrg({ target: 'site' });
  const res = await call('installIntegrationOnSite',
    () => client.integrations.installIntegrationOnSite(name, inst.id, { siteId }));
  assert.equal(res.status, 201);
  assertLocation(res, `/integrations/${name}/installations/${inst.id}/sites/${siteId}`);
  assert.equal(res.data.site, siteId);
  assert.equal(res.data.integration, name);
  assert.equal(res.data.installation, inst.id);

  const get = await call('getIntegrationSiteInstallation',
    () => client.integrations.getIntegrationSiteInstallation(name, inst.id, siteId));
  assert.deepEqual(get.data, res.data);
  const getExt = await call('getIntegrationSiteInstallation',
    () => client.integrations.getIntegrationSiteInstallation(name, inst.id, siteId, { extended: true }));
  assert.equal(getExt.data.site.object, 'site');
  assert.equal(getExt.data.site.id, siteId);

  const list = await call('listIntegrationInstallationSites',
    () => client.integrations.listIntegrationInstallationSites(name, inst.id));
  assert.deepEqual(list.data.items.map((s) => s.site), [siteId]);
  const listExt = await call('listIntegrationInstallationSites',
    () => client.integrations.listIntegrationInstallationSites(name, inst.id, { extended: true }));
  assert.equal(listExt.data.items[0].site.id, siteId);

  const upd = await call('updateIntegrationSiteInstallation',
    () => client.integrations.updateIntegrationSiteInstallation(name, inst.id, siteId,
      { externalIds: ['site-ext-1'], configuration: { trackingId: 'G-1' } }));
  assert.deepEqual(upd.data.externalIds, ['site-ext-1']);
  assert.deepEqual(upd.data.configuration, { trackingId: 'G-1' });
  const updExt = await call('updateIntegrationSiteInstallation',
    () => client.integrations.updateIntegrationSiteInstallation(name, inst.id, siteId,
      { configuration: { trackingId: 'G-2' } }, { extended: true }));
  assert.equal(updExt.data.site.id, siteId);
  assert.deepEqual(updExt.data.externalIds, ['site-ext-1'], 'omitted externalIds are kept');

  const byExt = await call('listIntegrationSiteInstallations',
    () => client.integrations.listIntegrationSiteInstallations(name, { externalId: 'site-ext-1' }));
  assert.deepEqual(byExt.data.items.map((s) => s.site), [siteId]);
  const allExt = await call('listIntegrationSiteInstallations',
    () => client.integrations.listIntegrationSiteInstallations(name, { extended: true, limit: 10 }));
  assert.equal(allExt.data.items[0].site.id, siteId);
  const none = await call('listIntegrationSiteInstallations',
    () => client.integrations.listIntegrationSiteInstallations(name, { externalId: 'nope' }));
  assert.deepEqual(none.data.items, []);

  await expectGitBookError(() => client.integrations.updateIntegrationSiteInstallation(name, inst.id, siteId,
    { externalIds: ['1', '2', '3', '4', '5', '6'] }), 400, { messageIncludes: 'externalIds' });
});

test('installIntegrationOnSite errors: duplicate 409, unknown site 404, foreign site 400', async (t) => {
  const { name, inst } = await installedOnOrg({ target: 'site' });
  await call('installIntegrationOnSite',
    () => client.integrations.installIntegrationOnSite(name, inst.id, { siteId }, { extended: true }));
  await expectGitBookError(() => client.integrations.installIntegrationOnSite(name, inst.id, { siteId }), 409);
  await expectGitBookError(() => client.integrations.installIntegrationOnSite(name, inst.id, { siteId: 'site_no_such' }), 404);
  await expectGitBookError(() => client.integrations.installIntegrationOnSite(name, inst.id, {}), 400,
    { messageIncludes: 'siteId' });
  await expectGitBookError(() => client.integrations.getIntegrationSiteInstallation(name, inst.id, 'site_no_such'), 404);
  if (!foreign.site) {
    t.skip(`no site outside ${ORGANIZATION_ID} found`);
    return;
  }
  await expectGitBookError(() => client.integrations.installIntegrationOnSite(name, inst.id, { siteId: foreign.site }), 400);
});

test('uninstall from space / site -> 205 then 204', async () => {
  const { name, inst } = await installedOnOrg({ target: 'all' });
  await call('installIntegrationOnSpace', () => client.integrations.installIntegrationOnSpace(name, inst.id, { space: spaceId }));
  await call('installIntegrationOnSite', () => client.integrations.installIntegrationOnSite(name, inst.id, { siteId }));

  await callRaw('uninstallIntegrationFromSpace',
    () => client.integrations.uninstallIntegrationFromSpace(name, inst.id, spaceId), 205);
  await callRaw('uninstallIntegrationFromSpace',
    () => client.integrations.uninstallIntegrationFromSpace(name, inst.id, spaceId), 204);
  await expectGitBookError(() => client.integrations.getIntegrationSpaceInstallation(name, inst.id, spaceId), 404);

  await callRaw('uninstallIntegrationFromSite',
    () => client.integrations.uninstallIntegrationFromSite(name, inst.id, siteId), 205);
  await callRaw('uninstallIntegrationFromSite',
    () => client.integrations.uninstallIntegrationFromSite(name, inst.id, siteId), 204);
  await expectGitBookError(() => client.integrations.getIntegrationSiteInstallation(name, inst.id, siteId), 404);

  // re-installing works after an uninstall
  await call('installIntegrationOnSpace', () => client.integrations.installIntegrationOnSpace(name, inst.id, { space: spaceId }));
});

test('uninstalling the organization installation cascades to its space and site installations', async () => {
  const { name, inst } = await installedOnOrg({ target: 'all' });
  await call('installIntegrationOnSpace', () => client.integrations.installIntegrationOnSpace(name, inst.id, { space: spaceId }));
  await call('installIntegrationOnSite', () => client.integrations.installIntegrationOnSite(name, inst.id, { siteId }));
  await callRaw('uninstallIntegration', () => client.integrations.uninstallIntegration(name, inst.id), 205);

  const spaces = await call('listIntegrationSpaceInstallations', () => client.integrations.listIntegrationSpaceInstallations(name));
  assert.deepEqual(spaces.data.items, []);
  const sites = await call('listIntegrationSiteInstallations', () => client.integrations.listIntegrationSiteInstallations(name));
  assert.deepEqual(sites.data.items, []);
  await expectGitBookError(() => client.integrations.getIntegrationSpaceInstallation(name, inst.id, spaceId), 404);
  await expectGitBookError(() => client.integrations.getIntegrationSiteInstallation(name, inst.id, siteId), 404);
  const onSpace = await call('listSpaceIntegrations', () => client.spaces.listSpaceIntegrations(spaceId, { search: name }));
  assert.deepEqual(onSpace.data.items, []);
});

test('listSpaceIntegrations / listSpaceIntegrationsBlocks reflect space installations', async () => {
  const blocks = [{ id: 'preview', title: 'Preview block', urlUnfurl: ['https://contract.example/**'] }];
  const withBlocks = await installedOnOrg({ target: 'space', blocks });
  const withoutBlocks = await installedOnOrg({ target: 'space' });
  for (const x of [withBlocks, withoutBlocks]) {
    await call('installIntegrationOnSpace',
      () => client.integrations.installIntegrationOnSpace(x.name, x.inst.id, { space: spaceId }));
  }

  const all = await call('listSpaceIntegrations', () => client.spaces.listSpaceIntegrations(spaceId));
  const names = all.data.items.map((i) => i.name);
  assert.ok(names.includes(withBlocks.name) && names.includes(withoutBlocks.name), `listSpaceIntegrations: ${names}`);
  const searched = await call('listSpaceIntegrations',
    () => client.spaces.listSpaceIntegrations(spaceId, { search: withBlocks.name }));
  assert.deepEqual(searched.data.items.map((i) => i.name), [withBlocks.name]);

  const res = await call('listSpaceIntegrationsBlocks', () => client.spaces.listSpaceIntegrationsBlocks(spaceId));
  const entry = res.data.find((e) => e.name === withBlocks.name);
  assert.ok(entry, `listSpaceIntegrationsBlocks lacks ${withBlocks.name}: ${res.data.map((e) => e.name)}`);
  assert.equal(entry.blocks.length, 1);
  assert.equal(entry.blocks[0].id, 'preview');
  assert.deepEqual(entry.blocks[0].urlUnfurl, ['https://contract.example/**']);
  assert.ok(!res.data.some((e) => e.name === withoutBlocks.name), 'integrations without blocks are not listed');
  for (const e of res.data) assert.ok(e.blocks.length > 0, `${e.name} listed with no blocks`);

  await expectGitBookError(() => client.spaces.listSpaceIntegrationsBlocks('no-such-space-x1'), 404);
});

test('listSiteIntegrations / listSiteIntegrationScripts reflect site installations', async () => {
  const before = await call('listSiteIntegrationScripts', () => client.orgs.listSiteIntegrationScripts(ORGANIZATION_ID, siteId));
  const scripted = await installedOnOrg({ target: 'site', scopes: ['site:script:inject'] });
  const plain = await installedOnOrg({ target: 'site', scopes: ['site:metadata:read'] });
  for (const x of [scripted, plain]) {
    await call('installIntegrationOnSite',
      () => client.integrations.installIntegrationOnSite(x.name, x.inst.id, { siteId }));
  }

  const all = await call('listSiteIntegrations', () => client.orgs.listSiteIntegrations(ORGANIZATION_ID, siteId));
  const names = all.data.items.map((i) => i.name);
  assert.ok(names.includes(scripted.name) && names.includes(plain.name), `listSiteIntegrations: ${names}`);
  const searched = await call('listSiteIntegrations',
    () => client.orgs.listSiteIntegrations(ORGANIZATION_ID, siteId, { search: plain.name }));
  assert.deepEqual(searched.data.items.map((i) => i.name), [plain.name]);

  const after = await call('listSiteIntegrationScripts', () => client.orgs.listSiteIntegrationScripts(ORGANIZATION_ID, siteId));
  assert.equal(after.data.length, before.data.length + 1,
    'exactly one more script: the site:script:inject integration (not the other one)');

  await callRaw('uninstallIntegrationFromSite',
    () => client.integrations.uninstallIntegrationFromSite(scripted.name, scripted.inst.id, siteId), 205);
  const back = await call('listSiteIntegrationScripts', () => client.orgs.listSiteIntegrationScripts(ORGANIZATION_ID, siteId));
  assert.equal(back.data.length, before.data.length);

  await expectGitBookError(() => client.orgs.listSiteIntegrations(ORGANIZATION_ID, 'site_no_such'), 404);
});

test('listOrganizationIntegrationsStatus with target space / site', async () => {
  const { name, inst } = await installedOnOrg({ target: 'all' });
  await call('installIntegrationOnSpace', () => client.integrations.installIntegrationOnSpace(name, inst.id, { space: spaceId }));
  await call('installIntegrationOnSite', () => client.integrations.installIntegrationOnSite(name, inst.id, { siteId }));

  const spaces = await collectPages('listOrganizationIntegrationsStatus',
    (page) => client.orgs.listOrganizationIntegrationsStatus(ORGANIZATION_ID, { target: 'space', space: spaceId, page, limit: 3 }));
  const s = spaces.items.find((i) => i.integration.name === name);
  assert.ok(s, `target=space lacks ${name}`);
  assert.deepEqual(s.target, { type: 'space', spaceId });
  for (const i of spaces.items) assert.equal(i.target.type, 'space');

  const sites = await collectPages('listOrganizationIntegrationsStatus',
    (page) => client.orgs.listOrganizationIntegrationsStatus(ORGANIZATION_ID, { target: 'site', site: siteId, page, limit: 3 }));
  const t = sites.items.find((i) => i.integration.name === name);
  assert.ok(t, `target=site lacks ${name}`);
  assert.deepEqual(t.target, { type: 'site', siteId });

  const org = await call('listOrganizationIntegrationsStatus',
    () => client.orgs.listOrganizationIntegrationsStatus(ORGANIZATION_ID, { target: 'organization', limit: 1000 }));
  const o = org.data.items.find((i) => i.integration.name === name);
  assert.ok(o);
  assert.deepEqual(o.target, { type: 'organization', organizationId: ORGANIZATION_ID });

  await expectGitBookError(() => client.orgs.listOrganizationIntegrationsStatus(ORGANIZATION_ID, { target: 'galaxy' }), 400,
    { messageIncludes: 'target' });
});

test('seeded: the default space and site carry installations of seeded integrations',
  emulatorOnly('reads the seeded installations'), async () => {
  const spaceStatus = await call('listOrganizationIntegrationsStatus',
    () => client.orgs.listOrganizationIntegrationsStatus(SEED.orgId, { target: 'space', space: SEED.spaceId }));
  const siteStatus = await call('listOrganizationIntegrationsStatus',
    () => client.orgs.listOrganizationIntegrationsStatus(SEED.orgId, { target: 'site', site: SEED.siteId }));
  assert.ok(spaceStatus.data.items.length + siteStatus.data.items.length > 0,
    'seeded: space or site installations on the default space/site');
  for (const it of spaceStatus.data.items) {
    const list = await call('listIntegrationSpaceInstallations',
      () => client.integrations.listIntegrationSpaceInstallations(it.integration.name));
    assert.ok(list.data.items.some((s) => s.space === SEED.spaceId), `${it.integration.name} on ${SEED.spaceId}`);
  }
  for (const it of siteStatus.data.items) {
    const list = await call('listIntegrationSiteInstallations',
      () => client.integrations.listIntegrationSiteInstallations(it.integration.name));
    assert.ok(list.data.items.some((s) => s.site === SEED.siteId), `${it.integration.name} on ${SEED.siteId}`);
  }
});
