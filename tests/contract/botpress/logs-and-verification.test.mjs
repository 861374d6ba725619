// getIntegrationLogs and requestIntegrationVerification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountToken, call, expectApiError, integrationBody, isoMinutesAgo, makeClient, scratchWorkspaceId,
  unknownIntegrationId,
} from './helpers.mjs';

const token = accountToken('logs');
const client = makeClient({ token, workspaceId: scratchWorkspaceId() });

test('creating and updating an integration writes log lines for it', async () => {
  const timeStart = isoMinutesAgo(5);
  const created = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const { id } = created.integration;

  const afterCreate = await call('getIntegrationLogs', () => client.getIntegrationLogs({ id, timeStart }));
  assert.ok(afterCreate.logs.length >= 1, 'a log line after create');
  for (const line of afterCreate.logs) {
    assert.ok(!Number.isNaN(Date.parse(line.timestamp)), `timestamp is a date: ${line.timestamp}`);
    assert.ok(Date.parse(line.timestamp) >= Date.parse(timeStart));
    assert.equal(typeof line.level, 'string');
    assert.equal(typeof line.message, 'string');
  }

  await call('updateIntegration', () => client.updateIntegration({ id, title: 'Logged update' }));
  const afterUpdate = await call('getIntegrationLogs', () => client.getIntegrationLogs({ id, timeStart }));
  assert.ok(afterUpdate.logs.length > afterCreate.logs.length, 'the update added a log line');
});

test('logs are per integration', async () => {
  const timeStart = isoMinutesAgo(5);
  const quiet = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const busy = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const before = await call('getIntegrationLogs', () => client.getIntegrationLogs({ id: quiet.integration.id, timeStart }));
  for (let i = 0; i < 3; i++) {
    await call('updateIntegration', () => client.updateIntegration({ id: busy.integration.id, title: `Busy ${i}` }));
  }
  const after = await call('getIntegrationLogs', () => client.getIntegrationLogs({ id: quiet.integration.id, timeStart }));
  assert.equal(after.logs.length, before.logs.length);
});

test('getIntegrationLogs: timeStart in the future returns no logs', async () => {
  const created = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const future = new Date(Date.now() + 3_600_000).toISOString();
  const result = await call('getIntegrationLogs',
    () => client.getIntegrationLogs({ id: created.integration.id, timeStart: future }));
  assert.deepEqual(result.logs, []);
  assert.equal(result.nextToken, undefined);
});

test('getIntegrationLogs without timeStart -> InvalidQueryError; unknown id -> ResourceNotFoundError', async () => {
  const created = await call('createIntegration', () => client.createIntegration(integrationBody()));
  // The client drops undefined query keys, so timeStart is simply absent.
  await expectApiError(client.getIntegrationLogs({ id: created.integration.id }), 'InvalidQueryError');
  await expectApiError(
    client.getIntegrationLogs({ id: unknownIntegrationId(), timeStart: isoMinutesAgo(5) }), 'ResourceNotFoundError');
});

test('requestIntegrationVerification on a public version -> {} and verificationStatus pending', async () => {
  const pub = await call('createIntegration', () => client.createIntegration(integrationBody({ visibility: 'public' })));
  const { id } = pub.integration;
  const result = await call('requestIntegrationVerification',
    () => client.requestIntegrationVerification({ integrationId: id }));
  assert.deepEqual(result, {});
  const got = await call('getIntegration', () => client.getIntegration({ id }));
  assert.equal(got.integration.verificationStatus, 'pending');
});

test('requestIntegrationVerification on an unlisted version -> pending', async () => {
  const unlisted = await call('createIntegration',
    () => client.createIntegration(integrationBody({ visibility: 'unlisted' })));
  await call('requestIntegrationVerification',
    () => client.requestIntegrationVerification({ integrationId: unlisted.integration.id }));
  const got = await call('getIntegration', () => client.getIntegration({ id: unlisted.integration.id }));
  assert.equal(got.integration.verificationStatus, 'pending');
});

test('requestIntegrationVerification on private or dev versions -> InvalidPayloadError', async () => {
  const priv = await call('createIntegration', () => client.createIntegration(integrationBody()));
  await expectApiError(
    client.requestIntegrationVerification({ integrationId: priv.integration.id }), 'InvalidPayloadError');
  const got = await call('getIntegration', () => client.getIntegration({ id: priv.integration.id }));
  assert.notEqual(got.integration.verificationStatus, 'pending');

  const dev = await call('createIntegration',
    () => client.createIntegration(integrationBody({ dev: true, url: 'https://example.com/dev' })));
  await expectApiError(
    client.requestIntegrationVerification({ integrationId: dev.integration.id }), 'InvalidPayloadError');
});

test('requestIntegrationVerification of an unknown integration -> ResourceNotFoundError', async () => {
  await expectApiError(
    client.requestIntegrationVerification({ integrationId: unknownIntegrationId() }), 'ResourceNotFoundError');
});
