// POST /integrations, GET/PUT/PATCH/DELETE /integrations/{sel}, POST .../restore, POST .../setup.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  API_URI, CONNECTOR_KEYS, SEED, accountToken, checkIntegration, checkIntegrationList, emulatorOnly, expectMembraneError,
  makeClient, rawFetch, recording, requireMembrane, uniqueKey, uniqueToken,
} from './helpers.mjs';

const token = accountToken('crud');
const client = makeClient(token);
const prefix = new URL(API_URI).pathname;
let connectorIds; // connector key -> its id, as an integration made from the key shows it
let slack; // an integration of this file, for the routes that need one

before(async () => {
  await requireMembrane();
  connectorIds = {};
  for (const connectorKey of ['hubspot', 'slack']) {
    const made = checkIntegration(await client.integrations.create({ key: uniqueKey('crud'), connectorKey }));
    connectorIds[connectorKey] = made.connectorId;
    if (connectorKey === 'slack') slack = made;
  }
});

function isIso(s) {
  return typeof s === 'string' && !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s);
}

test('create with connectorKey: key/name kept, connectorKey resolved to connectorId, id/revision/timestamps set', async () => {
  const key = uniqueKey('create');
  const [created, sent] = await recording(() => client.integrations.create({
    key, name: 'Created by contract test', description: 'd', connectorKey: 'hubspot', meta: { a: 1 },
    parameters: { p: 'v' }, logoUri: 'https://example.com/logo.png',
    optionsConfig: { oauth2: { disabled: false, parameters: { scope: 'x' } } }, unknownKey: 'dropped',
  }));
  assert.equal(sent[0].method, 'POST');
  assert.equal(sent[0].path, `${prefix}/integrations`);
  checkIntegration(created, 'created integration');
  assert.equal(created.key, key);
  assert.equal(created.name, 'Created by contract test');
  assert.equal(created.description, 'd');
  assert.deepEqual(created.meta, { a: 1 });
  assert.deepEqual(created.parameters, { p: 'v' });
  assert.equal(created.logoUri, 'https://example.com/logo.png');
  assert.deepEqual(created.optionsConfig, { oauth2: { disabled: false, parameters: { scope: 'x' } } });
  assert.equal(created.connectorId, connectorIds.hubspot, 'connectorKey resolves to the connector id');
  assert.equal((await client.integration(created.id).getConnectorSpec()).key, 'hubspot');
  assert.equal(typeof created.id, 'string');
  assert.ok(created.id.length > 0);
  assert.equal(typeof created.revision, 'string');
  assert.ok(isIso(created.createdAt) && isIso(created.updatedAt));
  assert.equal(created.archivedAt, undefined);

  for (const sel of [key, created.id]) {
    const got = checkIntegration(await client.integration(sel).get(), `get ${sel}`);
    assert.deepEqual(got, created);
  }
  const listed = checkIntegrationList(await client.integrations.find({ search: key }));
  assert.deepEqual(listed.items, [created]);
});

test('create with connectorId, with a supplied uuid, and with an empty body', async () => {
  const uuid = crypto.randomUUID();
  const byId = checkIntegration(await client.integrations.create({ connectorId: connectorIds.slack, uuid }));
  assert.equal(byId.connectorId, connectorIds.slack);
  assert.equal(byId.uuid, uuid);
  assert.equal(typeof byId.key, 'string');
  assert.ok(byId.key.length > 0, 'a key is generated');
  assert.equal(typeof byId.name, 'string');
  assert.ok(byId.name.length > 0, 'the name is filled in');

  // Every CreateIntegrationRequest key is optional.
  const empty = checkIntegration(await client.integrations.create({}));
  assert.equal(typeof empty.name, 'string');
  assert.equal(typeof empty.logoUri, 'string');
  assert.equal(typeof empty.key, 'string');
});

test('name defaults from the connector; key is generated from the name', async () => {
  const noName = checkIntegration(await client.integrations.create({ connectorKey: 'jira' }));
  const spec = await client.integration(noName.id).getConnectorSpec();
  assert.equal(noName.name, spec.name, 'name = connector name');
  assert.ok(noName.key, 'key generated');
  checkIntegration(await client.integration(noName.key).get());

  const name = `Fancy CRM ${uniqueKey('n')}`;
  const named = checkIntegration(await client.integrations.create({ name, connectorKey: 'stripe' }));
  assert.equal(named.name, name);
  assert.equal(typeof named.key, 'string');
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  assert.ok(named.key.toLowerCase().includes(slug.split('-').filter(Boolean).at(-1)), `key ${named.key} derives from ${name}`);
  const got = checkIntegration(await client.integration(named.key).get());
  assert.equal(got.id, named.id);
});

test('duplicate key: BadRequestError already_exists', async () => {
  const key = uniqueKey('dup');
  checkIntegration(await client.integrations.create({ key, connectorKey: 'notion' }));
  await expectMembraneError(client.integrations.create({ key, connectorKey: 'notion' }), { key: 'already_exists' });
  await expectMembraneError(client.integrations.create({ key, connectorKey: 'hubspot' }), { key: 'already_exists' });
});

// Emulator decision: keys are unique among live integrations, so an archived integration's key can be
// reused; the key then selects the live one, and restoring the archived one is refused while the key is taken.
test('an archived key can be reused; restoring the archived one is then already_exists', async () => {
  const key = uniqueKey('reuse');
  const archived = checkIntegration(await client.integrations.create({ key, connectorKey: 'hubspot' }));
  await client.integration(key).archive();
  const reused = checkIntegration(await client.integrations.create({ key, connectorKey: 'pipedrive' }));
  assert.notEqual(reused.id, archived.id);
  assert.equal(checkIntegration(await client.integration(key).get()).id, reused.id);
  await expectMembraneError(client.integration(archived.id).restore(), { key: 'already_exists' });
});

test('unknown connector: BadRequestError naming the field', async () => {
  await expectMembraneError(client.integrations.create({ key: uniqueKey('c'), connectorKey: 'no-such-connector' }),
    { messageIncludes: 'connectorKey' });
  await expectMembraneError(client.integrations.create({ key: uniqueKey('c'), connectorId: 'ffffffffffffffffffffffff' }),
    { messageIncludes: 'connectorId' });
});

test('oAuthCallbackUri: a URL or "" is accepted, anything else is BadRequestError naming it', async () => {
  const url = checkIntegration(await client.integrations.create({ connectorKey: 'intercom', oAuthCallbackUri: 'https://app.example.com/oauth/callback' }));
  assert.equal(url.oAuthCallbackUri, 'https://app.example.com/oauth/callback');
  const blank = checkIntegration(await client.integrations.create({ connectorKey: 'intercom', oAuthCallbackUri: '' }));
  assert.ok(blank.oAuthCallbackUri === '' || blank.oAuthCallbackUri === undefined);
  await expectMembraneError(client.integrations.create({ connectorKey: 'intercom', oAuthCallbackUri: 'not a url' }),
    { messageIncludes: 'oAuthCallbackUri' });
  await expectMembraneError(client.integration(url.id).patch({ oAuthCallbackUri: 'still not a url' }),
    { messageIncludes: 'oAuthCallbackUri' });
});

test('wrongly typed body fields are BadRequestError', async () => {
  await expectMembraneError(client.integrations.create({ key: 42 }), { messageIncludes: 'key' });
  await expectMembraneError(client.integrations.create({ name: ['x'] }), { messageIncludes: 'name' });
  await expectMembraneError(client.integration(slack.key).patch({ meta: 'not an object' }), { messageIncludes: 'meta' });
});

test('unknown selector: BadRequestError not_found on every integration route', async () => {
  const missing = client.integration(`missing-${uniqueKey('x')}`);
  const calls = {
    get: () => missing.get(),
    put: () => missing.put({ name: 'x' }),
    patch: () => missing.patch({ name: 'x' }),
    archive: () => missing.archive(),
    restore: () => missing.restore(),
    setup: () => missing.setup(),
    getConnectorSpec: () => missing.getConnectorSpec(),
    getOperations: () => missing.getOperations(),
    getOperation: () => missing.getOperation('x'),
    getDataCollections: () => missing.getDataCollections(),
    getDataCollection: () => missing.getDataCollection('x'),
    'actions.list': () => missing.actions.list(),
    'actions.create': () => missing.actions.create({ key: 'x', name: 'x' }),
    'action.get': () => missing.action('x').get(),
    'flows.list': () => missing.flows.list(),
    'dataSources.list': () => missing.dataSources.list(),
    'fieldMappings.list': () => missing.fieldMappings.list(),
  };
  for (const [name, call] of Object.entries(calls)) {
    const err = await expectMembraneError(call, { key: 'not_found' }).catch((e) => {
      e.message = `${name}: ${e.message}`;
      throw e;
    });
    assert.ok(err.data.message.length > 0, name);
  }
  // A 24-hex id that does not exist is also not_found.
  await expectMembraneError(client.integration('ffffffffffffffffffffffff').get(), { key: 'not_found' });
});

test('PATCH merges the given fields and changes revision and updatedAt', async () => {
  const key = uniqueKey('patch');
  const created = checkIntegration(await client.integrations.create({
    key, name: 'Before', description: 'desc', meta: { a: 1 }, parameters: { x: 1 }, connectorKey: 'pipedrive',
  }));
  await new Promise((r) => setTimeout(r, 5));
  const [patched, sent] = await recording(() => client.integration(key).patch({ name: 'After' }));
  assert.equal(sent[0].method, 'PATCH');
  assert.equal(sent[0].path, `${prefix}/integrations/${key}`);
  assert.deepEqual(sent[0].data, { name: 'After' });
  checkIntegration(patched);
  assert.equal(patched.name, 'After');
  assert.equal(patched.description, 'desc');
  assert.deepEqual(patched.meta, { a: 1 });
  assert.deepEqual(patched.parameters, { x: 1 });
  assert.equal(patched.key, key);
  assert.equal(patched.id, created.id);
  assert.equal(patched.connectorId, created.connectorId);
  assert.equal(patched.createdAt, created.createdAt);
  assert.notEqual(patched.revision, created.revision, 'revision changes');
  assert.ok(Date.parse(patched.updatedAt) > Date.parse(created.updatedAt), 'updatedAt moves forward');
  assert.deepEqual(checkIntegration(await client.integration(created.id).get()), patched);

  const byId = checkIntegration(await client.integration(created.id).patch({ meta: { b: 2 }, description: 'new' }));
  assert.deepEqual(byId.meta, { b: 2 });
  assert.equal(byId.description, 'new');
  assert.equal(byId.name, 'After');
  assert.notEqual(byId.revision, patched.revision);

  // Patching the key renames the selector.
  const newKey = uniqueKey('renamed');
  const renamed = checkIntegration(await client.integration(created.id).patch({ key: newKey }));
  assert.equal(renamed.key, newKey);
  checkIntegration(await client.integration(newKey).get());
  await expectMembraneError(client.integration(key).get(), { key: 'not_found' });
  // ... but not onto another integration's key.
  await expectMembraneError(client.integration(newKey).patch({ key: slack.key }), { key: 'already_exists' });
});

test('PUT replaces the editable fields: absent ones cleared, key/name/connectorId kept when absent', async () => {
  const key = uniqueKey('put');
  const created = checkIntegration(await client.integrations.create({
    key, name: 'Put me', description: 'desc', meta: { a: 1 }, parameters: { x: 1 }, connectorKey: 'zendesk',
    oAuthCallbackUri: 'https://example.com/cb',
  }));
  const [put, sent] = await recording(() => client.integration(key).put({ description: 'only this' }));
  assert.equal(sent[0].method, 'PUT');
  checkIntegration(put);
  assert.equal(put.description, 'only this');
  assert.equal(put.meta, undefined, 'meta cleared');
  assert.equal(put.parameters, undefined, 'parameters cleared');
  assert.equal(put.oAuthCallbackUri, undefined, 'oAuthCallbackUri cleared');
  assert.equal(put.key, key, 'key kept');
  assert.equal(put.name, 'Put me', 'name kept');
  assert.equal(put.connectorId, created.connectorId, 'connectorId kept');
  assert.equal(put.id, created.id);
  assert.notEqual(put.revision, created.revision);
  assert.ok(Date.parse(put.updatedAt) >= Date.parse(created.updatedAt));
  assert.deepEqual(checkIntegration(await client.integration(created.id).get()), put);

  const full = checkIntegration(await client.integration(created.id).put({
    name: 'Replaced', meta: { z: true }, parameters: { subdomain: 's' }, connectorKey: 'slack',
  }));
  assert.equal(full.name, 'Replaced');
  assert.deepEqual(full.meta, { z: true });
  assert.deepEqual(full.parameters, { subdomain: 's' });
  assert.equal(full.description, undefined, 'description cleared');
  assert.equal(full.connectorId, connectorIds.slack, 'connectorKey resolved on PUT too');
  assert.notEqual(full.revision, put.revision);
});

test('DELETE archives: archivedAt set, still gettable, hidden from find, no writes; restore clears it', async () => {
  const key = uniqueKey('arch');
  const created = checkIntegration(await client.integrations.create({ key, connectorKey: 'hubspot' }));
  const [result, sent] = await recording(() => client.integration(key).archive());
  assert.equal(result, undefined, 'archive() resolves to undefined');
  assert.equal(sent[0].method, 'DELETE');
  assert.equal(sent[0].path, `${prefix}/integrations/${key}`);
  assert.ok(sent[0].response.status >= 200 && sent[0].response.status < 300);

  const archived = checkIntegration(await client.integration(key).get());
  assert.ok(isIso(archived.archivedAt), 'archivedAt is an ISO date');
  assert.equal(archived.id, created.id);
  checkIntegration(await client.integration(created.id).get());
  assert.ok(!(await client.integrations.findAll()).some((i) => i.id === created.id), 'hidden from find');
  assert.ok((await client.integrations.findAll({ includeArchived: true })).some((i) => i.id === created.id));

  await expectMembraneError(client.integration(key).patch({ name: 'no' }));
  await expectMembraneError(client.integration(key).put({ name: 'no' }));
  assert.equal((await client.integration(key).get()).name, created.name, 'nothing was written');

  const [restored, sent2] = await recording(() => client.integration(created.id).restore());
  assert.equal(sent2[0].method, 'POST');
  assert.equal(sent2[0].path, `${prefix}/integrations/${created.id}/restore`);
  checkIntegration(restored);
  assert.equal(restored.archivedAt, undefined, 'archivedAt cleared');
  assert.equal(restored.id, created.id);
  assert.ok((await client.integrations.findAll()).some((i) => i.id === created.id));
  checkIntegration(await client.integration(key).patch({ name: 'writable again' }));
});

test('the seeded archived integration can be got and restored; archiving twice is harmless',
  emulatorOnly('reads the seeded archived integration'), async () => {
  const c = makeClient(uniqueToken('crud-legacy'));
  const legacy = checkIntegration(await c.integration(SEED.archivedKey).get());
  assert.ok(isIso(legacy.archivedAt));
  const restored = checkIntegration(await c.integration(SEED.archivedKey).restore());
  assert.equal(restored.archivedAt, undefined);
  await c.integration(SEED.archivedKey).archive();
  const again = checkIntegration(await c.integration(SEED.archivedKey).get());
  assert.ok(isIso(again.archivedAt));
});

test('POST restore/setup are sent with no body (form content-type, length 0) and accepted', async () => {
  for (const call of [() => client.integration(slack.key).setup(), () => client.integration(slack.key).restore()]) {
    const [body, sent] = await recording(call);
    checkIntegration(body);
    assert.equal(sent[0].data, undefined);
    assert.equal(sent[0].sentHeaders['Content-Type'], 'application/x-www-form-urlencoded');
    assert.equal(sent[0].sentHeaders.Authorization, `Bearer ${token}`);
  }
  // axios only adds its default form content-type at send time; check the raw equivalent too.
  const res = await rawFetch(`/integrations/${slack.key}/setup`, {
    token, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' },
  });
  assert.equal(res.status, 200, res.text);
  checkIntegration(res.json);
});

test('setup recomputes state from the connector parameters', async () => {
  // An integration of a connector that declares required parameters.
  let target;
  for (const connectorKey of CONNECTOR_KEYS) {
    const made = checkIntegration(await client.integrations.create({ key: uniqueKey('setup'), connectorKey }));
    const required = (await client.integration(made.id).getConnectorSpec()).parametersSchema?.required || [];
    if (required.length > 0) {
      target = { key: made.key, required };
      break;
    }
  }
  assert.ok(target, 'some connector has required parameters');
  const { key, required } = target;

  const missing = checkIntegration(await client.integration(key).put({ parameters: {} }));
  const broken = checkIntegration(await client.integration(key).setup(), 'setup without parameters');
  assert.equal(broken.state, 'CONFIGURATION_ERROR');
  assert.ok(Array.isArray(broken.errors) && broken.errors.length > 0, 'errors explain the configuration error');
  for (const name of required) {
    assert.ok(broken.errors.some((e) => e.message.includes(name)), `an error names ${name}`);
  }
  assert.notEqual(broken.hasMissingParameters, false);
  assert.equal(missing.id, broken.id);

  const parameters = Object.fromEntries(required.map((n) => [n, n.toLowerCase().includes('url') ? 'https://x.example.com' : 'value']));
  checkIntegration(await client.integration(key).patch({ parameters }));
  const ready = checkIntegration(await client.integration(broken.id).setup(), 'setup with parameters');
  assert.equal(ready.state, 'READY');
  assert.equal(ready.errors, undefined, 'no errors when READY');
  assert.notEqual(ready.hasMissingParameters, true);
  assert.deepEqual(ready.parameters, parameters);
  assert.deepEqual(checkIntegration(await client.integration(key).get()).state, 'READY');

  // A connector without required parameters: setup makes it READY.
  const plain = checkIntegration(await client.integrations.create({ connectorKey: 'notion' }));
  const plainSpec = await client.integration(plain.id).getConnectorSpec();
  if (!(plainSpec.parametersSchema?.required || []).length) {
    assert.equal(checkIntegration(await client.integration(plain.id).setup()).state, 'READY');
  }
});

test('selectors with URL-significant characters are sent raw by the SDK (not encoded)', async () => {
  const [, sent] = await recording(() => expectMembraneError(client.integration('a b').get(), { key: 'not_found' }));
  assert.equal(sent[0].path, `${prefix}/integrations/a%20b`);
});
