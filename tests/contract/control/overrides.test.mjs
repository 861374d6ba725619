// WireMock-format overrides through the control plane, seen by the official clients: a mapping installed with
// POST EMULATOR_URL/_emulator/overrides answers before the vendor route, and what it answers surfaces through each
// client as the client's own result or typed error. Each test overrides a path no other test requests and removes
// its mapping afterwards, so no other test file is affected.
//
// Environment: EMULATOR_URL, the root URL of the emulator (default http://127.0.0.1:5080).

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as botpress from '@botpress/client';
import { GitBookAPI } from '@gitbook/api';
import { MembraneClient } from '@membranehq/sdk';
import { EMULATOR_URL, control, emulatorOnly, unique } from './helpers.mjs';

const CONTROL_PLANE = emulatorOnly('installs override mappings through the control plane');

const installed = new Set();

/** Installs one WireMock mapping (201 asserted) and remembers it for removal. */
async function addOverride(mapping) {
  const { status, headers, json } = await control('POST', '/overrides', mapping);
  assert.equal(status, 201, JSON.stringify(json));
  const [override] = json.overrides;
  assert.match(override.guid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(headers.get('location'), `/_emulator/overrides/${override.guid}`);
  assert.equal(override.mapping.Guid, override.guid);
  installed.add(override.guid);
  return override;
}

async function removeOverride(guid) {
  const { status } = await control('DELETE', `/overrides/${guid}`);
  assert.equal(status, 204);
  installed.delete(guid);
}

/** The override answered once, and the journal says which override answered. */
async function assertAnsweredOnce(path, guid, status) {
  const listed = await control('GET', `/overrides/${guid}`);
  assert.equal(listed.status, 200);
  assert.equal(listed.json.hits, 1);
  const journal = await control('GET', `/requests?path=${encodeURIComponent(path)}`);
  assert.equal(journal.json.requests.length, 1, JSON.stringify(journal.json));
  assert.equal(journal.json.requests[0].override, guid);
  assert.equal(journal.json.requests[0].status, status);
}

after(async () => {
  for (const guid of installed) await control('DELETE', `/overrides/${guid}`);
});

test('Botpress: an overridden 429 in the Botpress envelope is the client\'s RateLimitedError', CONTROL_PLANE, async () => {
  const id = `intver_${unique()}`;
  const path = `/botpress/v1/admin/integrations/${id}`;
  const override = await addOverride({
    Request: { Path: path, Methods: ['GET'] },
    Response: {
      StatusCode: 429,
      Headers: { 'Content-Type': 'application/json', 'Retry-After': '30' },
      BodyAsJson: { id: 'err_20250101000000x0000ABCD', code: 429, type: 'RateLimited', message: 'Slow down (an override)' },
    },
  });
  try {
    const client = new botpress.Client({ apiUrl: `${EMULATOR_URL}/botpress`, token: `bp_pat_contract_overrides_${unique()}`, workspaceId: 'wkspace_01JEMULATEDEFAULTWORKSPACE' });

    const error = await client.getIntegration({ id }).then(() => assert.fail('expected the override'), (e) => e);

    assert.ok(error instanceof botpress.RateLimitedError, `${error.constructor.name}: ${error.message}`);
    assert.equal(error.message, 'Slow down (an override)');
    await assertAnsweredOnce(path, override.guid, 429);
    await removeOverride(override.guid);
    const next = await client.getIntegration({ id }).then(() => assert.fail('expected a 404'), (e) => e);
    assert.ok(next instanceof botpress.ResourceNotFoundError, `${next.constructor.name}: ${next.message}`);
  } finally {
    if (installed.has(override.guid)) await removeOverride(override.guid);
  }
});

test('GitBook: an overridden 200 with an odd body and header is what @gitbook/api returns', CONTROL_PLANE, async () => {
  const name = `contract-override-${unique()}`;
  const path = `/gitbook/v1/integrations/${name}`;
  const body = { object: 'integration', name, title: 'From an override', scopes: [], unexpected: { field: true } };
  const override = await addOverride({ Request: { Path: path, Methods: ['GET'] }, Response: { StatusCode: 200, Headers: { 'X-Odd': 'yes' }, BodyAsJson: body } });
  try {
    const client = new GitBookAPI({ endpoint: `${EMULATOR_URL}/gitbook`, authToken: `gb_contract_overrides_${unique()}` });

    const response = await client.integrations.getIntegrationByName(name);

    assert.deepEqual(response.data, body, 'a JSON body without a Content-Type is sent as application/json, so the client parses it');
    assert.equal(response.headers.get('x-odd'), 'yes');
    await assertAnsweredOnce(path, override.guid, 200);
  } finally {
    await removeOverride(override.guid);
  }
});

test('Membrane: an overridden integration is what the SDK returns, and other requests reach the emulator', CONTROL_PLANE, async () => {
  const key = `contract-override-${unique()}`;
  const path = `/membrane/integrations/${key}`;
  const body = { id: 'override-id', key, name: 'From an override', state: 'READY', odd: [1, 2, 3] };
  const override = await addOverride({ Request: { Path: path, Methods: ['GET'] }, Response: { StatusCode: 200, BodyAsJson: body } });
  try {
    const client = new MembraneClient({ apiUri: `${EMULATOR_URL}/membrane`, token: `pat-contract-overrides-${unique()}` });

    const integration = await client.integration(key).get();
    const missing = await client.integration(`${key}-other`).get().then(() => assert.fail('expected a 404'), (e) => e);

    assert.deepEqual(integration, body);
    assert.equal(missing.data?.key, 'not_found', 'the path the mapping does not match reaches the emulator');
    await assertAnsweredOnce(path, override.guid, 200);
  } finally {
    await removeOverride(override.guid);
  }
});

test('Bad mappings are 400 in the control-plane envelope, naming the field; an unknown guid is 404', CONTROL_PLANE, async () => {
  for (const [mapping, field] of [
    [{ Request: { Path: '/gitbook/v1/user' } }, 'Response:'],
    [{ Request: { Path: '/gitbook/v1/user' }, Response: { ProxyUrl: 'https://api.gitbook.com' } }, 'Response.ProxyUrl:'],
    [{ Scenario: 'login', Request: { Path: '/gitbook/v1/user' }, Response: {} }, 'Scenario:'],
    [{ Request: { Path: '/v1/user' }, Response: {} }, 'Request.Path:'],
    [[{ Request: { Path: '/gitbook/a' }, Response: {} }, { Request: { Path: '/gitbook/b' }, Response: { StatusCode: 999 } }], '[1].Response.StatusCode:'],
  ]) {
    const { status, json } = await control('POST', '/overrides', mapping);
    assert.equal(status, 400, JSON.stringify(mapping));
    assert.equal(json.error.code, 400);
    assert.ok(json.error.message.startsWith(field), json.error.message);
  }
  const { status } = await control('DELETE', '/overrides/00000000-0000-4000-8000-000000000000');
  assert.equal(status, 404);
});
