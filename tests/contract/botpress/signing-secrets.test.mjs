// rotateIntegrationSigningSecrets: in @botpress/client 1.45.0 but not in the @botpress/api spec;
// its body is validated against the hand-written schemas/botpress/ schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountToken, call, expectApiError, integrationBody, makeClient, scratchWorkspaceId, unknownIntegrationId,
} from './helpers.mjs';

const token = accountToken('signing');
const client = makeClient({ token, workspaceId: scratchWorkspaceId() });

test('rotate returns a new signing secret on every call', async () => {
  const created = await call('createIntegration', () => client.createIntegration(integrationBody()));
  const { id } = created.integration;
  const first = await call('rotateIntegrationSigningSecrets', () => client.rotateIntegrationSigningSecrets({ id }));
  assert.equal(typeof first.newSigningSecret, 'string');
  assert.ok(first.newSigningSecret.length > 0);
  const second = await call('rotateIntegrationSigningSecrets', () => client.rotateIntegrationSigningSecrets({ id }));
  assert.notEqual(second.newSigningSecret, first.newSigningSecret);

  // The secret is never part of the Integration object (the official schema forbids extra keys).
  const got = await call('getIntegration', () => client.getIntegration({ id }));
  assert.ok(!JSON.stringify(got).includes(second.newSigningSecret));
});

test('rotate for an unknown integration -> ResourceNotFoundError', async () => {
  await expectApiError(client.rotateIntegrationSigningSecrets({ id: unknownIntegrationId() }), 'ResourceNotFoundError');
});
