// validateIntegrationCreation / validateIntegrationUpdate: `{}` when the real call would
// succeed, the same typed error otherwise, and never a change of state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountToken, actionDefinition, call, expectApiError, integrationBody, makeClient, randomSuffix, scratchWorkspaceId,
  uniqueName, unknownIntegrationId,
} from './helpers.mjs';

const token = accountToken('validate');
const client = makeClient({ token, workspaceId: scratchWorkspaceId() });

test('validateIntegrationCreation of a valid body -> {} and nothing is created', async () => {
  const body = integrationBody({ actions: { doThing: actionDefinition() } });
  const result = await call('validateIntegrationCreation', () => client.validateIntegrationCreation(body));
  assert.deepEqual(result, {});

  const list = await call('listIntegrations', () => client.listIntegrations({ name: body.name }));
  assert.deepEqual(list.integrations, [], 'validate-create does not create');
  await expectApiError(client.getIntegrationByName({ name: body.name, version: body.version }), 'ResourceNotFoundError');

  // ...and the real create with the same body then succeeds.
  await call('createIntegration', () => client.createIntegration(body));
});

test('validateIntegrationCreation returns the errors createIntegration would', async () => {
  // Every name here starts with `prefix`, so listing by it shows whether anything was created.
  const prefix = uniqueName('ctval');
  const body = (overrides) => integrationBody({ name: `${prefix}${randomSuffix(6)}`, ...overrides });
  const existing = body();
  await call('createIntegration', () => client.createIntegration(existing));
  const before = await call('listIntegrations', () => client.listIntegrations({ search: prefix }));
  await expectApiError(client.validateIntegrationCreation(existing), 'AlreadyExistsError');

  await expectApiError(client.validateIntegrationCreation(body({ version: 'one' })), 'InvalidPayloadError');
  await expectApiError(client.validateIntegrationCreation(body({ name: 'Not Valid' })), 'InvalidPayloadError');
  await expectApiError(
    client.validateIntegrationCreation(body({ configuration: { bogusConfigKey: 1 } })),
    'InvalidPayloadError', { messageIncludes: 'bogusConfigKey' });
  await expectApiError(
    client.validateIntegrationCreation(body({ public: true, visibility: 'private' })), 'InvalidPayloadError');
  await expectApiError(
    client.validateIntegrationCreation(body({ dev: true, url: 'https://example.com', visibility: 'public' })),
    'InvalidPayloadError');

  const after = await call('listIntegrations', () => client.listIntegrations({ search: prefix }));
  assert.deepEqual(after.integrations.map((i) => i.id).sort(), before.integrations.map((i) => i.id).sort());
  assert.deepEqual(after.integrations.map((i) => i.name), [existing.name]);
});

test('validateIntegrationCreation without x-workspace-id -> InvalidPayloadError', async () => {
  const noWorkspace = makeClient({ token, workspaceId: undefined });
  await expectApiError(noWorkspace.validateIntegrationCreation(integrationBody()), 'InvalidPayloadError');
});

test('validateIntegrationUpdate of a valid change -> {} and nothing changes', async () => {
  const created = await call('createIntegration', () => client.createIntegration(
    integrationBody({ actions: { doThing: actionDefinition('Do thing') } })));
  const { id } = created.integration;

  const result = await call('validateIntegrationUpdate', () => client.validateIntegrationUpdate({
    id, title: 'Would change', description: 'Would change too', actions: { doThing: null, other: actionDefinition() },
  }));
  assert.deepEqual(result, {});

  const got = await call('getIntegration', () => client.getIntegration({ id }));
  assert.deepEqual(got.integration, created.integration, 'validate-update changes nothing (not even updatedAt)');
});

test('validateIntegrationUpdate returns the errors updateIntegration would', async () => {
  await expectApiError(client.validateIntegrationUpdate({ id: unknownIntegrationId(), title: 'x' }), 'ResourceNotFoundError');

  const pub = await call('createIntegration', () => client.createIntegration(integrationBody({ visibility: 'public' })));
  await expectApiError(client.validateIntegrationUpdate({ id: pub.integration.id, title: 'x' }), 'ForbiddenError');

  const priv = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const { id } = priv.integration;
  await expectApiError(client.validateIntegrationUpdate({ id, title: 'x'.repeat(65) }), 'InvalidPayloadError');
  await expectApiError(
    client.validateIntegrationUpdate({ id, identifier: { bogusIdentifierKey: 'x' } }),
    'InvalidPayloadError', { messageIncludes: 'bogusIdentifierKey' });
  await expectApiError(client.validateIntegrationUpdate({ id, public: false, visibility: 'public' }), 'InvalidPayloadError');

  const got = await call('getIntegration', () => client.getIntegration({ id }));
  assert.deepEqual(got.integration, priv.integration);
});
