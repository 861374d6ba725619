// createIntegration, getIntegration, updateIntegration, deleteIntegration, getIntegrationByName.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountToken, actionDefinition, call, emulatorOnly, expectApiError, freshWorkspaceId, integrationBody, makeClient,
  randomSuffix, uniqueName, unknownIntegrationId,
} from './helpers.mjs';

const token = accountToken('crud');
const client = makeClient({ token });

const ID_PATTERN = /^intver_[0-9A-HJKMNP-TV-Z]{26}$/;

test('create -> get returns the same integration with defaults', async () => {
  const body = integrationBody({ actions: { doThing: actionDefinition('Do thing') } });
  const created = await call('createIntegration', () => client.createIntegration(body));
  const integration = created.integration;

  assert.match(integration.id, ID_PATTERN);
  assert.equal(integration.name, body.name);
  assert.equal(integration.version, '1.0.0');
  assert.equal(integration.title, body.title);
  assert.equal(integration.description, body.description);
  assert.equal(integration.dev, false);
  assert.equal(integration.visibility, 'private', 'default visibility is private');
  assert.equal(integration.public, false);
  assert.deepEqual(Object.keys(integration.actions), ['doThing']);
  assert.equal(integration.actions.doThing.title, 'Do thing');
  assert.ok(Date.parse(integration.updatedAt) >= Date.parse(integration.createdAt));

  const got = await call('getIntegration', () => client.getIntegration({ id: integration.id }));
  assert.deepEqual(got.integration, integration);
});

test('create with only name and version succeeds', async () => {
  const name = uniqueName();
  const created = await call('createIntegration', () => client.createIntegration({ name, version: '0.1.0' }));
  assert.equal(created.integration.name, name);
  assert.equal(created.integration.version, '0.1.0');
});

test('create -> update -> get shows the changes (title, description, add and remove actions)', async () => {
  const created = await call('createIntegration', () => client.createIntegration(
    integrationBody({ actions: { doThing: actionDefinition('Do thing') } })));
  const { id } = created.integration;

  const updated = await call('updateIntegration', () => client.updateIntegration({
    id,
    title: 'Renamed title',
    description: 'A new description',
    actions: { otherThing: actionDefinition('Other thing') },
  }));
  assert.equal(updated.integration.title, 'Renamed title');
  assert.equal(updated.integration.description, 'A new description');
  assert.deepEqual(Object.keys(updated.integration.actions).sort(), ['doThing', 'otherThing']);
  assert.ok(Date.parse(updated.integration.updatedAt) >= Date.parse(created.integration.updatedAt));

  let got = await call('getIntegration', () => client.getIntegration({ id }));
  assert.equal(got.integration.title, 'Renamed title');
  assert.equal(got.integration.description, 'A new description');
  assert.equal(got.integration.actions.otherThing.title, 'Other thing');

  // `null` removes a map entry.
  await call('updateIntegration', () => client.updateIntegration({ id, actions: { doThing: null } }));
  got = await call('getIntegration', () => client.getIntegration({ id }));
  assert.deepEqual(Object.keys(got.integration.actions), ['otherThing']);
  assert.equal(got.integration.title, 'Renamed title', 'a partial update keeps the other fields');
  assert.equal(got.integration.name, created.integration.name);
  assert.equal(got.integration.version, created.integration.version);
});

test('delete -> get is ResourceNotFoundError; deleting again is ResourceNotFoundError', async () => {
  const created = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const { id } = created.integration;
  const deleted = await call('deleteIntegration', () => client.deleteIntegration({ id }));
  assert.deepEqual(deleted, {});
  await expectApiError(client.getIntegration({ id }), 'ResourceNotFoundError');
  await expectApiError(client.deleteIntegration({ id }), 'ResourceNotFoundError');
});

test('unknown ids -> ResourceNotFoundError on get, update and delete', async () => {
  const id = unknownIntegrationId();
  await expectApiError(client.getIntegration({ id }), 'ResourceNotFoundError');
  await expectApiError(client.updateIntegration({ id, title: 'x' }), 'ResourceNotFoundError');
  await expectApiError(client.deleteIntegration({ id }), 'ResourceNotFoundError');
});

test('duplicate (name, version) in a workspace -> AlreadyExistsError; another version is fine', async () => {
  const body = integrationBody();
  await call('createIntegration', () => client.createIntegration(body));
  await expectApiError(client.createIntegration(body), 'AlreadyExistsError');
  await call('createIntegration', () => client.createIntegration({ ...body, version: '1.0.1' }));
});

test('the same (name, version) may exist in another workspace',
  emulatorOnly('needs a second workspace (any new x-workspace-id is one)'), async () => {
  const body = integrationBody();
  await call('createIntegration', () => client.createIntegration(body));
  const other = makeClient({ token, workspaceId: freshWorkspaceId() });
  await call('createIntegration', () => other.createIntegration(body));
});

test('version must be semver -> InvalidPayloadError', async () => {
  for (const version of ['not-a-version', '1.0', '1.0.0.0', '']) {
    await expectApiError(client.createIntegration(integrationBody({ version })), 'InvalidPayloadError');
  }
});

test('name must be lowercase, optionally handle/name -> InvalidPayloadError otherwise', async () => {
  for (const name of ['Upper', 'has space', 'a/b/c', '']) {
    await expectApiError(client.createIntegration(integrationBody({ name })), 'InvalidPayloadError');
  }
  const handled = `acme${randomSuffix(6)}/tool${randomSuffix(4)}`;
  const created = await call('createIntegration', () => client.createIntegration(integrationBody({ name: handled })));
  assert.equal(created.integration.name, handled);
  // The client encodes "/" as %2F inside the {name} path segment.
  const byName = await call('getIntegrationByName',
    () => client.getIntegrationByName({ name: handled, version: '1.0.0' }));
  assert.equal(byName.integration.id, created.integration.id);
});

test('unknown keys in a body -> InvalidPayloadError naming the key', async () => {
  // The client copies only known top-level keys into the body, so unknown keys can only reach
  // the server nested (see integrations-raw-http.test.mjs for a top-level one).
  await expectApiError(
    client.createIntegration(integrationBody({ configuration: { bogusConfigKey: true } })),
    'InvalidPayloadError', { messageIncludes: 'bogusConfigKey' });
  await expectApiError(
    client.createIntegration(integrationBody({ actions: { a: { ...actionDefinition(), bogusActionKey: 1 } } })),
    'InvalidPayloadError', { messageIncludes: 'bogusActionKey' });

  const created = await call('createIntegration', () => client.createIntegration(integrationBody()));
  await expectApiError(
    client.updateIntegration({ id: created.integration.id, identifier: { bogusIdentifierKey: 'x' } }),
    'InvalidPayloadError', { messageIncludes: 'bogusIdentifierKey' });
});

test('wrong types and lengths -> InvalidPayloadError', async () => {
  await expectApiError(client.createIntegration(integrationBody({ title: 'x'.repeat(65) })), 'InvalidPayloadError');
  await expectApiError(client.createIntegration(integrationBody({ description: 42 })), 'InvalidPayloadError');
  await expectApiError(client.createIntegration(integrationBody({ visibility: 'secret' })), 'InvalidPayloadError');
  await expectApiError(
    client.createIntegration(integrationBody({ states: { s: { type: 'bot', schema: {} } } })), 'InvalidPayloadError');
});

test('getIntegrationByName: exact version, semver range and latest', async () => {
  const name = uniqueName();
  const ids = {};
  for (const version of ['1.0.0', '1.2.0', '2.0.0', '0.9.0']) {
    const created = await call('createIntegration', () => client.createIntegration(integrationBody({ name, version })));
    ids[version] = created.integration.id;
  }
  const get = (version) => call('getIntegrationByName', () => client.getIntegrationByName({ name, version }));

  assert.equal((await get('1.0.0')).integration.id, ids['1.0.0']);
  assert.equal((await get('^1.0.0')).integration.version, '1.2.0');
  assert.equal((await get('latest')).integration.version, '2.0.0');
  await expectApiError(client.getIntegrationByName({ name, version: '3.0.0' }), 'ResourceNotFoundError');
  await expectApiError(client.getIntegrationByName({ name, version: '^5.0.0' }), 'ResourceNotFoundError');
  await expectApiError(client.getIntegrationByName({ name: uniqueName(), version: 'latest' }), 'ResourceNotFoundError');
});

test('getIntegrationByName latest compares semver numerically (0.10.0 beats 0.2.0)', async () => {
  const name = uniqueName();
  for (const version of ['0.2.0', '0.10.0', '0.9.1']) {
    await call('createIntegration', () => client.createIntegration(integrationBody({ name, version })));
  }
  const latest = await call('getIntegrationByName', () => client.getIntegrationByName({ name, version: 'latest' }));
  assert.equal(latest.integration.version, '0.10.0');
});

test('visibility: default private; public:true -> visibility public; unlisted keeps public=false', async () => {
  const priv = await call('createIntegration', () => client.createIntegration(integrationBody()));
  assert.equal(priv.integration.visibility, 'private');
  assert.equal(priv.integration.public, false);

  const viaFlag = await call('createIntegration', () => client.createIntegration(integrationBody({ public: true })));
  assert.equal(viaFlag.integration.visibility, 'public');
  assert.equal(viaFlag.integration.public, true);

  const viaVisibility = await call('createIntegration',
    () => client.createIntegration(integrationBody({ visibility: 'public' })));
  assert.equal(viaVisibility.integration.public, true);

  const unlisted = await call('createIntegration',
    () => client.createIntegration(integrationBody({ visibility: 'unlisted' })));
  assert.equal(unlisted.integration.visibility, 'unlisted');
  assert.equal(unlisted.integration.public, false);

  const consistent = await call('createIntegration',
    () => client.createIntegration(integrationBody({ public: false, visibility: 'private' })));
  assert.equal(consistent.integration.visibility, 'private');
});

test('contradictory public + visibility -> InvalidPayloadError', async () => {
  for (const [flag, visibility] of [[true, 'private'], [false, 'public'], [true, 'unlisted']]) {
    await expectApiError(
      client.createIntegration(integrationBody({ public: flag, visibility })), 'InvalidPayloadError');
  }
  const created = await call('createIntegration', () => client.createIntegration(integrationBody()));
  await expectApiError(
    client.updateIntegration({ id: created.integration.id, public: true, visibility: 'private' }), 'InvalidPayloadError');
});

test('dev integrations cannot be public -> InvalidPayloadError', async () => {
  await expectApiError(
    client.createIntegration(integrationBody({ dev: true, url: 'https://example.com/dev', visibility: 'public' })),
    'InvalidPayloadError');
  await expectApiError(
    client.createIntegration(integrationBody({ dev: true, url: 'https://example.com/dev', public: true })),
    'InvalidPayloadError');
  const dev = await call('createIntegration',
    () => client.createIntegration(integrationBody({ dev: true, url: 'https://example.com/dev' })));
  assert.equal(dev.integration.dev, true);
  await expectApiError(
    client.updateIntegration({ id: dev.integration.id, visibility: 'public' }), 'InvalidPayloadError');
});

test('a public version cannot be updated or deleted (ForbiddenError); a new version can be created', async () => {
  const body = integrationBody({ visibility: 'public' });
  const pub = await call('createIntegration', () => client.createIntegration(body));
  const { id } = pub.integration;
  await expectApiError(client.updateIntegration({ id, title: 'Changed' }), 'ForbiddenError');
  await expectApiError(client.deleteIntegration({ id }), 'ForbiddenError');
  const got = await call('getIntegration', () => client.getIntegration({ id }));
  assert.equal(got.integration.title, body.title, 'a refused update changes nothing');

  await call('createIntegration', () => client.createIntegration({ ...body, version: '1.0.1' }));
});

test('private and unlisted versions can be updated (also to public) and deleted', async () => {
  const unlisted = await call('createIntegration',
    () => client.createIntegration(integrationBody({ visibility: 'unlisted' })));
  const updated = await call('updateIntegration',
    () => client.updateIntegration({ id: unlisted.integration.id, title: 'Unlisted changed' }));
  assert.equal(updated.integration.title, 'Unlisted changed');
  await call('deleteIntegration', () => client.deleteIntegration({ id: unlisted.integration.id }));

  const priv = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const published = await call('updateIntegration',
    () => client.updateIntegration({ id: priv.integration.id, visibility: 'public' }));
  assert.equal(published.integration.visibility, 'public');
  assert.equal(published.integration.public, true);
  await expectApiError(client.updateIntegration({ id: priv.integration.id, title: 'Too late' }), 'ForbiddenError');

  const flagged = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const viaFlag = await call('updateIntegration',
    () => client.updateIntegration({ id: flagged.integration.id, public: true }));
  assert.equal(viaFlag.integration.visibility, 'public');
});
