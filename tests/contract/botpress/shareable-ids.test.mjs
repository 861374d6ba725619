// Shareable ids of (bot, installed integration) and unlinkSandboxedConversations, on a bot of this file with two
// integrations of this file installed under alias = name.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as botpress from '@botpress/client';
import {
  accountToken, call, expectApiError, integrationBody, makeClient, ulid,
} from './helpers.mjs';

const token = accountToken('shareable');
const client = makeClient({ token });
let botId;
let installed; // the integrations installed on the bot

before(async () => {
  installed = [];
  for (let i = 0; i < 2; i++) {
    installed.push((await call('createIntegration', () => client.createIntegration(integrationBody()))).integration);
  }
  botId = (await call('createBot', () => client.createBot({}))).bot.id;
  const integrations = Object.fromEntries(installed.map((i) => [i.name, { integrationId: i.id, enabled: true }]));
  await call('updateBot', () => client.updateBot({ id: botId, integrations }));
});

test('@botpress/client exports RelationConflictError', () => {
  assert.equal(typeof botpress.RelationConflictError, 'function');
  assert.equal(new botpress.RelationConflictError('x').type, 'RelationConflict');
});

test('create -> get returns the same id, not expired -> delete -> get is ResourceNotFoundError', async () => {
  const integrationId = installed[0].id;
  const created = await call('createIntegrationShareableId',
    () => client.createIntegrationShareableId({ botId, integrationId }));
  assert.equal(typeof created.shareableId, 'string');
  assert.ok(created.shareableId.length > 0);

  const got = await call('getIntegrationShareableId',
    () => client.getIntegrationShareableId({ botId, integrationId }));
  assert.deepEqual(got, { shareableId: created.shareableId, isExpired: false });

  const deleted = await call('deleteIntegrationShareableId',
    () => client.deleteIntegrationShareableId({ botId, integrationId }));
  assert.deepEqual(deleted, {});
  await expectApiError(client.getIntegrationShareableId({ botId, integrationId }), 'ResourceNotFoundError');
});

test('shareable ids differ between installed integrations', async () => {
  const [a, b] = installed;
  const first = await call('createIntegrationShareableId',
    () => client.createIntegrationShareableId({ botId, integrationId: a.id }));
  const second = await call('createIntegrationShareableId',
    () => client.createIntegrationShareableId({ botId, integrationId: b.id }));
  assert.notEqual(first.shareableId, second.shareableId);
  for (const integrationId of [a.id, b.id]) {
    await call('deleteIntegrationShareableId', () => client.deleteIntegrationShareableId({ botId, integrationId }));
  }
});

test('integrationInstanceAlias selects the installed integration by alias (integrationId ignored)', async () => {
  const [target, other] = installed;
  const created = await call('createIntegrationShareableId',
    () => client.createIntegrationShareableId({ botId, integrationId: target.id, integrationInstanceAlias: target.name }));
  const byAlias = await call('getIntegrationShareableId', () => client.getIntegrationShareableId({
    botId, integrationId: other.id, integrationInstanceAlias: target.name,
  }));
  assert.equal(byAlias.shareableId, created.shareableId);
  const byId = await call('getIntegrationShareableId',
    () => client.getIntegrationShareableId({ botId, integrationId: target.id }));
  assert.equal(byId.shareableId, created.shareableId, 'the alias and the id designate the same installation');
  await call('deleteIntegrationShareableId', () => client.deleteIntegrationShareableId({
    botId, integrationId: other.id, integrationInstanceAlias: target.name,
  }));
  await expectApiError(client.getIntegrationShareableId({ botId, integrationId: target.id }), 'ResourceNotFoundError');
});

test('an integration not installed on the bot -> RelationConflictError', async () => {
  const created = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const integrationId = created.integration.id;
  await expectApiError(client.createIntegrationShareableId({ botId, integrationId }), 'RelationConflictError');
  await expectApiError(client.getIntegrationShareableId({ botId, integrationId }), 'RelationConflictError');
});

test('an unknown bot -> ResourceNotFoundError', async () => {
  const unknownBot = `bot_${ulid()}`;
  const integrationId = installed[0].id;
  await expectApiError(client.createIntegrationShareableId({ botId: unknownBot, integrationId }), 'ResourceNotFoundError');
  await expectApiError(client.getIntegrationShareableId({ botId: unknownBot, integrationId }), 'ResourceNotFoundError');
  await expectApiError(client.deleteIntegrationShareableId({ botId: unknownBot, integrationId }), 'ResourceNotFoundError');
  await expectApiError(client.unlinkSandboxedConversations({ botId: unknownBot, integrationId }), 'ResourceNotFoundError');
});

test('unlinkSandboxedConversations -> {} (by id and by alias)', async () => {
  const [target] = installed;
  const byId = await call('unlinkSandboxedConversations',
    () => client.unlinkSandboxedConversations({ botId, integrationId: target.id }));
  assert.deepEqual(byId, {});
  const byAlias = await call('unlinkSandboxedConversations', () => client.unlinkSandboxedConversations({
    botId, integrationId: target.id, integrationInstanceAlias: target.name,
  }));
  assert.deepEqual(byAlias, {});
});

test('shareable id operations require x-workspace-id', async () => {
  const noWorkspace = makeClient({ token, workspaceId: undefined });
  await expectApiError(
    noWorkspace.getIntegrationShareableId({ botId, integrationId: installed[0].id }), 'InvalidPayloadError');
});
