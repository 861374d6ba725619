// Fault injection through the control plane, seen by the official clients: a 503 rule on each vendor surfaces as
// the client's own typed error (and is journaled). Each test installs its rule with POST EMULATOR_URL/_emulator/faults,
// scoped to a path no other test requests, `times: 1`, and removes it afterwards, so no other test file is affected.
//
// Environment: EMULATOR_URL, the root URL of the emulator (default http://127.0.0.1:5080).

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as botpress from '@botpress/client';
import { GitBookAPI, GitBookAPIError } from '@gitbook/api';
import { InternalError, MembraneClient, isMembraneError } from '@membranehq/sdk';
import { EMULATOR_URL, control, emulatorOnly, unique } from './helpers.mjs';

const CONTROL_PLANE = emulatorOnly('installs fault rules through the control plane');

const installed = new Set();

/** Installs a fault rule (201 asserted) and remembers it for removal. */
async function addFault(rule) {
  const { status, headers, json } = await control('POST', '/faults', rule);
  assert.equal(status, 201, JSON.stringify(json));
  assert.match(json.id, /^fault_\d+$/);
  assert.equal(headers.get('location'), `/_emulator/faults/${json.id}`);
  installed.add(json.id);
  return json;
}

async function removeFault(id) {
  const { status } = await control('DELETE', `/faults/${id}`);
  assert.equal(status, 204);
  installed.delete(id);
}

/** The rule as listed: it fired once and is used up. */
async function assertUsedUp(id) {
  const { status, json } = await control('GET', `/faults/${id}`);
  assert.equal(status, 200);
  assert.equal(json.hits, 1);
  assert.equal(json.remaining, 0);
}

/** The journal entry of the faulted request: status 503, the rule's id, no credential stored. */
async function assertJournaled(path, id, token) {
  const { status, json } = await control('GET', `/requests?path=${encodeURIComponent(path)}&status=503`);
  assert.equal(status, 200);
  assert.equal(json.requests.length, 1, JSON.stringify(json));
  const [entry] = json.requests;
  assert.equal(entry.fault, id);
  assert.equal(entry.requestHeaders.Authorization ?? entry.requestHeaders.authorization, '[REDACTED]');
  assert.ok(!JSON.stringify(json).includes(token), 'the bearer token is not in the journal');
}

after(async () => {
  for (const id of installed) await control('DELETE', `/faults/${id}`);
});

test('Botpress: an injected 503 is the client\'s InternalError', CONTROL_PLANE, async () => {
  const id = `intver_${unique()}`;
  const token = `bp_pat_contract_faults_${unique()}`;
  const rule = await addFault({ vendor: 'botpress', method: 'GET', path: `/v1/admin/integrations/${id}`, status: 503, times: 1 });
  try {
    const client = new botpress.Client({ apiUrl: `${EMULATOR_URL}/botpress`, token, workspaceId: 'wkspace_01JEMULATEDEFAULTWORKSPACE' });

    const error = await client.getIntegration({ id }).then(() => assert.fail('expected the fault'), (e) => e);

    assert.ok(botpress.isApiError(error), String(error));
    assert.ok(error instanceof botpress.InternalError, `${error.constructor.name}: ${error.message}`);
    assert.equal(error.type, 'Internal');
    assert.match(error.message, new RegExp(rule.id));
    await assertUsedUp(rule.id);
    await assertJournaled(`/botpress/v1/admin/integrations/${id}`, rule.id, token);
    // times: 1 is used up: the same call now reaches the emulator (a 404 for an unknown id).
    const next = await client.getIntegration({ id }).then(() => assert.fail('expected a 404'), (e) => e);
    assert.ok(next instanceof botpress.ResourceNotFoundError, `${next.constructor.name}: ${next.message}`);
  } finally {
    await removeFault(rule.id);
  }
});

test('GitBook: an injected 503 is GitBookAPIError with code 503', CONTROL_PLANE, async () => {
  const name = `contract-fault-${unique()}`;
  const token = `gb_contract_faults_${unique()}`;
  const rule = await addFault({ vendor: 'gitbook', method: 'GET', path: `/v1/integrations/${name}`, status: 503, times: 1 });
  try {
    const client = new GitBookAPI({ endpoint: `${EMULATOR_URL}/gitbook`, authToken: token });

    const error = await client.integrations.getIntegrationByName(name).then(() => assert.fail('expected the fault'), (e) => e);

    assert.ok(error instanceof GitBookAPIError, String(error));
    assert.equal(error.code, 503);
    assert.match(error.errorMessage, new RegExp(rule.id));
    await assertUsedUp(rule.id);
    await assertJournaled(`/gitbook/v1/integrations/${name}`, rule.id, token);
    const next = await client.integrations.getIntegrationByName(name).then(() => assert.fail('expected a 404'), (e) => e);
    assert.equal(next.code, 404);
  } finally {
    await removeFault(rule.id);
  }
});

test('Membrane: an injected 503 is the SDK\'s InternalError', CONTROL_PLANE, async () => {
  const key = `contract-fault-${unique()}`;
  const token = `pat-contract-faults-${unique()}`;
  const rule = await addFault({ vendor: 'membrane', method: 'GET', path: `/integrations/${key}`, status: 503, times: 1 });
  try {
    const client = new MembraneClient({ apiUri: `${EMULATOR_URL}/membrane`, token });

    const error = await client.integration(key).get().then(() => assert.fail('expected the fault'), (e) => e);

    assert.ok(isMembraneError(error), String(error));
    assert.ok(error instanceof InternalError, `${error.constructor.name}: ${error.message}`);
    assert.equal(error.data.type, 'internal');
    assert.match(error.message, new RegExp(rule.id));
    await assertUsedUp(rule.id);
    await assertJournaled(`/membrane/integrations/${key}`, rule.id, token);
    const next = await client.integration(key).get().then(() => assert.fail('expected a 404'), (e) => e);
    assert.equal(next.data?.key, 'not_found');
  } finally {
    await removeFault(rule.id);
  }
});

test('Bad fault rules are 400 in the control-plane envelope, naming the field', CONTROL_PLANE, async () => {
  for (const [rule, field] of [
    [{ vendor: 'slack', status: 503 }, 'vendor'],
    [{ status: 200 }, 'status'],
    [{ status: 503, probability: 2 }, 'probability'],
    [{ delayMs: -5 }, 'delayMs'],
    [{ status: 503, times: -1 }, 'times'],
  ]) {
    const { status, json } = await control('POST', '/faults', rule);
    assert.equal(status, 400, JSON.stringify(rule));
    assert.equal(json.error.code, 400);
    assert.ok(json.error.message.startsWith(`${field}:`), json.error.message);
  }
  const { status } = await control('DELETE', '/faults/fault_does_not_exist');
  assert.equal(status, 404);
});
