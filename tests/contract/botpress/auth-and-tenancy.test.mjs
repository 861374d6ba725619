// Authorization, x-workspace-id and tenant isolation, seen through the official client.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_URL, SEED, WORKSPACE_ID, accountToken, call, emulatorOnly, expectApiError, freshWorkspaceId,
  integrationBody, makeClient, uniqueToken,
} from './helpers.mjs';

const token = accountToken('auth');
const client = makeClient({ token });

test('a token never seen before gets the seeded data (hub, default bot installs)',
  emulatorOnly('a new token is a new tenant with the seeded hub and bot'), async () => {
  const hub = await call('listPublicIntegrations', () => client.listPublicIntegrations({}));
  assert.ok(hub.integrations.length > 0, 'the seeded hub catalogue is not empty');

  const installed = await call('listPublicIntegrations',
    () => client.listPublicIntegrations({ installedByBotId: SEED.botId }));
  assert.ok(installed.integrations.length > 0, `the seeded bot ${SEED.botId} has installed integrations`);
});

test('missing Authorization -> UnauthorizedError (hub and workspace operations)', async () => {
  const anonymous = makeClient({ token: undefined });
  await expectApiError(anonymous.listPublicIntegrations({}), 'UnauthorizedError');
  await expectApiError(anonymous.listIntegrations({}), 'UnauthorizedError');
  await expectApiError(anonymous.getIntegration({ id: 'intver_01JAAAAAAAAAAAAAAAAAAAAAAA' }), 'UnauthorizedError');
});

test('malformed Authorization -> UnauthorizedError', async () => {
  // A token with a space makes the header "Bearer a b".
  await expectApiError(makeClient({ token: 'has a space' }).listIntegrations({}), 'UnauthorizedError');
  // `headers` are merged last by the client, so this replaces the Bearer header.
  const basic = makeClient({ token, headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
  await expectApiError(basic.listPublicIntegrations({}), 'UnauthorizedError');
  const empty = makeClient({ token, headers: { Authorization: 'Bearer ' } });
  await expectApiError(empty.listIntegrations({}), 'UnauthorizedError');
});

test('missing x-workspace-id on a workspace operation -> InvalidPayloadError; hub ops do not need it', async () => {
  const noWorkspace = makeClient({ token, workspaceId: undefined });
  await expectApiError(noWorkspace.listIntegrations({}), 'InvalidPayloadError');
  await expectApiError(noWorkspace.createIntegration(integrationBody()), 'InvalidPayloadError');
  await call('listPublicIntegrations', () => noWorkspace.listPublicIntegrations({ limit: 1 }));
});

test('an x-workspace-id never seen before is an empty workspace',
  emulatorOnly('any x-workspace-id names a new, empty workspace'), async () => {
  const fresh = makeClient({ token, workspaceId: freshWorkspaceId() });
  const page = await call('listIntegrations', () => fresh.listIntegrations({}));
  assert.deepEqual(page.integrations, []);
  assert.equal(page.meta.nextToken, undefined);
  const dev = await call('listIntegrations', () => fresh.listIntegrations({ dev: true }));
  assert.deepEqual(dev.integrations, []);
});

test('workspaces of one tenant are separate: another workspace does not see the integration',
  emulatorOnly('needs a second workspace (any new x-workspace-id is one)'), async () => {
  const created = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const other = makeClient({ token, workspaceId: freshWorkspaceId() });
  await expectApiError(other.getIntegration({ id: created.integration.id }), 'ResourceNotFoundError');
  const list = await call('listIntegrations', () => other.listIntegrations({}));
  assert.ok(!list.integrations.some((i) => i.id === created.integration.id));
});

test('tenants are isolated: another token does not see the integration',
  emulatorOnly('needs a second account (any new token is one)'), async () => {
  const created = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const { id, name } = created.integration;

  const stranger = makeClient({ token: uniqueToken('auth_stranger') });
  await expectApiError(stranger.getIntegration({ id }), 'ResourceNotFoundError');
  await expectApiError(stranger.getIntegrationByName({ name, version: '1.0.0' }), 'ResourceNotFoundError');
  const list = await call('listIntegrations', () => stranger.listIntegrations({}));
  assert.ok(!list.integrations.some((i) => i.id === id), `${WORKSPACE_ID} of another tenant shows ${id}`);

  // The owner still sees it.
  await call('getIntegration', () => client.getIntegration({ id }));
});

test('the same token is the same tenant across client instances', async () => {
  const created = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const again = makeClient({ token });
  const got = await call('getIntegration', () => again.getIntegration({ id: created.integration.id }));
  assert.equal(got.integration.name, created.integration.name);
});

test('apiUrl with a trailing slash reaches the same API', async () => {
  const slashed = makeClient({ token, apiUrl: `${API_URL}/` });
  await call('listIntegrations', () => slashed.listIntegrations({ limit: 1 }));
});
