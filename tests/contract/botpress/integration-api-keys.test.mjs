// Integration API keys: createIntegrationApiKey, listIntegrationApiKeys, deleteIntegrationApiKey.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountToken, call, expectApiError, integrationBody, makeClient, scratchWorkspaceId, unknownIntegrationId,
} from './helpers.mjs';

const token = accountToken('iaks');
const client = makeClient({ token, workspaceId: scratchWorkspaceId() });
let integrationId;

before(async () => {
  const created = await call('createIntegration', () => client.createIntegration(integrationBody()));
  integrationId = created.integration.id;
});

test('create returns the key value once; list never contains it', async () => {
  const key = await call('createIntegrationApiKey',
    () => client.createIntegrationApiKey({ integrationId, note: 'contract key' }));
  assert.equal(typeof key.value, 'string');
  assert.ok(key.value.length > 0);
  assert.equal(key.note, 'contract key');
  assert.ok(key.id);

  const list = await call('listIntegrationApiKeys', () => client.listIntegrationApiKeys({ integrationId }));
  const listed = list.iaks.find((k) => k.id === key.id);
  assert.ok(listed, 'the new key is listed');
  assert.equal(listed.note, 'contract key');
  assert.equal(listed.createdAt, key.createdAt);
  for (const item of list.iaks) assert.ok(!('value' in item), `list item ${item.id} must not carry value`);
  assert.ok(!JSON.stringify(list).includes(key.value), 'the secret does not appear anywhere in the list');
});

test('note is optional; two keys have different ids and values', async () => {
  const a = await call('createIntegrationApiKey', () => client.createIntegrationApiKey({ integrationId }));
  const b = await call('createIntegrationApiKey', () => client.createIntegrationApiKey({ integrationId }));
  assert.notEqual(a.id, b.id);
  assert.notEqual(a.value, b.value);
  assert.equal(typeof a.note, 'string');
});

test('keys are listed per integration', async () => {
  const other = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const empty = await call('listIntegrationApiKeys',
    () => client.listIntegrationApiKeys({ integrationId: other.integration.id }));
  assert.deepEqual(empty.iaks, []);
  const key = await call('createIntegrationApiKey',
    () => client.createIntegrationApiKey({ integrationId: other.integration.id, note: 'other' }));
  const mine = await call('listIntegrationApiKeys', () => client.listIntegrationApiKeys({ integrationId }));
  assert.ok(!mine.iaks.some((k) => k.id === key.id));
});

test('delete -> {} and the key is gone from the list', async () => {
  const key = await call('createIntegrationApiKey',
    () => client.createIntegrationApiKey({ integrationId, note: 'to delete' }));
  const deleted = await call('deleteIntegrationApiKey', () => client.deleteIntegrationApiKey({ id: key.id }));
  assert.deepEqual(deleted, {});
  const list = await call('listIntegrationApiKeys', () => client.listIntegrationApiKeys({ integrationId }));
  assert.ok(!list.iaks.some((k) => k.id === key.id));
  await expectApiError(client.deleteIntegrationApiKey({ id: key.id }), 'ResourceNotFoundError');
});

test('unknown integration -> ResourceNotFoundError (create and list)', async () => {
  const id = unknownIntegrationId();
  await expectApiError(client.createIntegrationApiKey({ integrationId: id, note: 'x' }), 'ResourceNotFoundError');
  await expectApiError(client.listIntegrationApiKeys({ integrationId: id }), 'ResourceNotFoundError');
});

test('missing integrationId -> InvalidQueryError (list) / InvalidPayloadError (create)', async () => {
  await expectApiError(client.listIntegrationApiKeys({}), 'InvalidQueryError');
  await expectApiError(client.createIntegrationApiKey({ note: 'no integration' }), 'InvalidPayloadError');
});
