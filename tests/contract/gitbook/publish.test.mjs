// publishIntegration (create or replace by name) and unpublishIntegration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  makeClient, accountToken, uniqueName, call, callRaw, expectGitBookError, publishBody, ORGANIZATION_ID,
} from './helpers.mjs';

const client = makeClient(accountToken('publish'));

test('publish creates an integration owned by the organization; republish replaces it and bumps version', async () => {
  const name = uniqueName('pub');
  const first = await call('publishIntegration', () => client.integrations.publishIntegration(name, publishBody({
    title: 'First title',
    description: 'First description',
    visibility: 'public',
    target: 'space',
    scopes: ['space:content:read'],
    categories: ['content'],
    summary: 'A summary',
    externalLinks: [{ url: 'https://example.com/docs', label: 'Docs' }],
    blocks: [{ id: 'embed', title: 'Embed block', urlUnfurl: ['https://example.com/**'] }],
  })));
  const v1 = first.data;
  assert.equal(v1.object, 'integration');
  assert.equal(v1.name, name);
  assert.equal(v1.title, 'First title');
  assert.equal(v1.description, 'First description');
  assert.equal(v1.visibility, 'public');
  assert.equal(v1.target, 'space');
  assert.deepEqual(v1.scopes, ['space:content:read']);
  assert.deepEqual(v1.categories, ['content']);
  assert.equal(v1.owner.id, ORGANIZATION_ID);
  assert.equal(v1.blocks?.[0]?.id, 'embed');
  assert.deepEqual(v1.blocks[0].urlUnfurl, ['https://example.com/**']);
  assert.equal(typeof v1.version, 'number');

  const second = await call('publishIntegration', () => client.integrations.publishIntegration(name,
    publishBody({ title: 'Second title', visibility: 'public' })));
  assert.equal(second.data.name, name);
  assert.equal(second.data.title, 'Second title');
  assert.equal(second.data.version, v1.version + 1, 'version increments on each publish');

  const third = await call('publishIntegration', () => client.integrations.publishIntegration(name, publishBody()));
  assert.equal(third.data.version, v1.version + 2);

  const read = await call('getIntegrationByName', () => client.integrations.getIntegrationByName(name));
  assert.deepEqual(read.data, third.data, 'getIntegrationByName returns the last published version');
});

test('publish: organization may be given by hostname', async () => {
  const { data: organization } = await call('getOrganizationById', () => client.orgs.getOrganizationById(ORGANIZATION_ID));
  const name = uniqueName('pubhost');
  const { data } = await call('publishIntegration', () => client.integrations.publishIntegration(name,
    publishBody({ organization: organization.hostname })));
  assert.equal(data.owner.id, ORGANIZATION_ID);
});

test('publish: invalid name (pattern, length) -> 400', async () => {
  await expectGitBookError(() => client.integrations.publishIntegration('bad name!', publishBody()), 400);
  await expectGitBookError(() => client.integrations.publishIntegration('x'.repeat(101), publishBody()), 400);
  // exactly 100 characters is fine
  const max = `m${uniqueName('').replace(/-/g, '')}`.padEnd(100, 'z');
  const ok = await call('publishIntegration', () => client.integrations.publishIntegration(max, publishBody()));
  assert.equal(ok.data.name, max);
});

test('publish: unknown organization -> 404', async () => {
  await expectGitBookError(() => client.integrations.publishIntegration(uniqueName(),
    publishBody({ organization: 'no-such-org-x1' })), 404);
});

test('publish: body validation -> 400 naming the field', async () => {
  const name = uniqueName('pubbad');
  const withoutScript = publishBody();
  delete withoutScript.script;
  await expectGitBookError(() => client.integrations.publishIntegration(name, withoutScript), 400,
    { messageIncludes: 'script' });
  await expectGitBookError(() => client.integrations.publishIntegration(name, publishBody({ title: 'x' })), 400,
    { messageIncludes: 'title' });
  await expectGitBookError(() => client.integrations.publishIntegration(name,
    publishBody({ description: 'd'.repeat(101) })), 400, { messageIncludes: 'description' });
  await expectGitBookError(() => client.integrations.publishIntegration(name,
    publishBody({ scopes: ['not:a:scope'] })), 400, { messageIncludes: 'scopes' });
  await expectGitBookError(() => client.integrations.publishIntegration(name,
    publishBody({ visibility: 'secret' })), 400, { messageIncludes: 'visibility' });
  // nothing was created by the failed attempts
  await expectGitBookError(() => client.integrations.getIntegrationByName(name), 404);
});

test('unpublish -> 205, then 204; the integration and its installations are gone', async () => {
  const name = uniqueName('unpub');
  await call('publishIntegration', () => client.integrations.publishIntegration(name, publishBody()));
  const inst = await call('installIntegration', () => client.integrations.installIntegration(name, { organization: ORGANIZATION_ID }));

  await callRaw('unpublishIntegration', () => client.integrations.unpublishIntegration(name), 205);
  await callRaw('unpublishIntegration', () => client.integrations.unpublishIntegration(name), 204);

  await expectGitBookError(() => client.integrations.getIntegrationByName(name), 404);
  await expectGitBookError(() => client.integrations.getIntegrationInstallationById(name, inst.data.id), 404);
  await expectGitBookError(() => client.orgs.getOrganizationIntegrationStatus(ORGANIZATION_ID, name), 404);

  // publishing again starts from nothing: no installation survives
  await call('publishIntegration', () => client.integrations.publishIntegration(name, publishBody()));
  const list = await call('listIntegrationInstallations', () => client.integrations.listIntegrationInstallations(name));
  assert.deepEqual(list.data.items, []);
});
