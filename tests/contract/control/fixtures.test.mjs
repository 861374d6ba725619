// Fixture sets loaded at run time (POST /_emulator/fixtures?tenant=…), seen by the official clients. Each test loads
// into its own tenant (the key is the emulator's hash of the credential), so no other test file sees the data.
//
// Environment: EMULATOR_URL, the root URL of the emulator (default http://127.0.0.1:5080).

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';
import * as botpress from '@botpress/client';
import { GitBookAPI, GitBookAPIError } from '@gitbook/api';
import { MembraneClient } from '@membranehq/sdk';
import { EMULATOR_URL, control, emulatorOnly, unique } from './helpers.mjs';

const CONTROL_PLANE = emulatorOnly('loads fixtures through the control plane');

const WORKSPACE = 'wkspace_01JEMULATEDEFAULTWORKSPACE';

/** The tenant key of a credential, as GET /_emulator/tenants shows it: t_ + the first 16 hex digits of its SHA-256. */
const tenantOf = (credential) => 't_' + crypto.createHash('sha256').update(credential).digest('hex').slice(0, 16);

const loadFixtures = (set, tenant) => control('POST', `/fixtures${tenant ? `?tenant=${tenant}` : ''}`, set);

test('Botpress: an integration loaded into one tenant is read by @botpress/client there and nowhere else', CONTROL_PLANE, async () => {
  const token = `bp_pat_contract_fixtures_${unique()}`;
  const name = `fixture-contract-${unique()}`;
  const loaded = await loadFixtures({ botpress: { integrations: [{ integration: { name, version: '1.0.0', title: 'Fixture', visibility: 'private' } }] } }, tenantOf(token));
  assert.equal(loaded.status, 200, JSON.stringify(loaded.json));
  assert.deepEqual(loaded.json, { vendors: ['botpress'], tenant: tenantOf(token) });

  const client = new botpress.Client({ apiUrl: `${EMULATOR_URL}/botpress`, token, workspaceId: WORKSPACE });
  const { integration } = await client.getIntegrationByName({ name, version: '1.0.0' });
  assert.equal(integration.title, 'Fixture');

  const stranger = new botpress.Client({ apiUrl: `${EMULATOR_URL}/botpress`, token: `${token}_other`, workspaceId: WORKSPACE });
  const error = await stranger.getIntegrationByName({ name, version: '1.0.0' }).then(() => assert.fail('expected a 404'), (e) => e);
  assert.ok(error instanceof botpress.ResourceNotFoundError, `${error.constructor.name}: ${error.message}`);
});

test('GitBook: an integration published by a fixture is read by @gitbook/api', CONTROL_PLANE, async () => {
  const token = `gb_contract_fixtures_${unique()}`;
  const name = `fixture-contract-${unique()}`;
  const loaded = await loadFixtures({
    gitbook: { integrations: [{ name, integration: { title: 'Fixture block', description: 'Loaded at run time', visibility: 'private', target: 'space', scopes: [] } }] },
  }, tenantOf(token));
  assert.equal(loaded.status, 200, JSON.stringify(loaded.json));

  const client = new GitBookAPI({ endpoint: `${EMULATOR_URL}/gitbook`, authToken: token });
  const { data } = await client.integrations.getIntegrationByName(name);
  assert.equal(data.name, name);
  assert.equal(data.title, 'Fixture block');

  const stranger = new GitBookAPI({ endpoint: `${EMULATOR_URL}/gitbook`, authToken: `${token}_other` });
  const error = await stranger.integrations.getIntegrationByName(name).then(() => assert.fail('expected a 404'), (e) => e);
  assert.ok(error instanceof GitBookAPIError && error.code === 404, String(error));
});

test('Membrane: an integration loaded by a fixture is read by @membranehq/sdk', CONTROL_PLANE, async () => {
  const token = `pat-contract-fixtures-${unique()}`;
  const key = `fixture-contract-${unique()}`;
  const loaded = await loadFixtures({ membrane: { integrations: [{ integration: { key, name: 'Fixture CRM', connectorKey: 'hubspot' } }] } }, tenantOf(token));
  assert.equal(loaded.status, 200, JSON.stringify(loaded.json));

  const integration = await new MembraneClient({ apiUri: `${EMULATOR_URL}/membrane`, token }).integration(key).get();
  assert.equal(integration.key, key);
  assert.equal(integration.name, 'Fixture CRM');
});

test('A refused fixture set is 400 naming the vendor, path and reason, and loads nothing', CONTROL_PLANE, async () => {
  const token = `bp_pat_contract_fixtures_${unique()}`;
  const name = `fixture-contract-${unique()}`;
  const { status, json } = await loadFixtures({
    botpress: { integrations: [{ integration: { name, version: '1.0.0' } }, { integration: { name: `${name}-b`, version: 'one' } }] },
  }, tenantOf(token));

  assert.equal(status, 400);
  assert.match(json.error.message, /botpress\.integrations\[1\]\.integration.*version/);
  const client = new botpress.Client({ apiUrl: `${EMULATOR_URL}/botpress`, token, workspaceId: WORKSPACE });
  const error = await client.getIntegrationByName({ name, version: '1.0.0' }).then(() => assert.fail('expected a 404'), (e) => e);
  assert.ok(error instanceof botpress.ResourceNotFoundError, `${error.constructor.name}: ${error.message}`);
});
