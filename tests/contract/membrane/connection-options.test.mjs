// POST /connection-options: the only HTTP call of integration(sel).connect() / createConnection()
// besides GET /integrations/{sel}.
//
// In Node, connect() runs headlessly up to and including that POST (detectConnectionType), then
// builds its SSE/postMessage listeners and a <form> POST to `<apiUri>/connect`, which needs
// `window`/`document`: it rejects with `ReferenceError: window is not defined`. The options
// response itself is never returned to the caller, so the tests read it off the wire (the SDK's
// axios) and also make the identical call through the SDK's own transport, `client.post(...)`.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_URI, S, accountToken, checkIntegration, conforms, expectMembraneError, makeClient, recording, requireMembrane,
  uniqueKey,
} from './helpers.mjs';

const client = makeClient(accountToken('connect'));
const prefix = new URL(API_URI).pathname;
const checkOptions = (body, what) => conforms(S.connectionOptions, body, 'connectionOptions.response', what);
let keys; // connector key -> the key of this file's integration of that connector

before(async () => {
  await requireMembrane();
  keys = {};
  for (const connectorKey of ['hubspot', 'slack', 'jira']) {
    keys[connectorKey] = checkIntegration(await client.integrations.create({ key: uniqueKey('connect'), connectorKey })).key;
  }
});

test('connect(): GET the integration, POST /connection-options {integrationId}, then needs a browser', async () => {
  const [outcome, sent] = await recording(() => client.integration(keys.hubspot)
    .connect({ authOptionKey: 'oauth2', connectorParameters: { region: 'eu' } })
    .then(() => assert.fail('connect() cannot finish without a browser'), (e) => e));
  assert.ok(outcome instanceof ReferenceError, `expected the browser-only part to fail, got ${outcome}`);
  assert.match(outcome.message, /window is not defined|document is not defined/);

  assert.deepEqual(sent.map((s) => `${s.method} ${s.path}`), [
    `GET ${prefix}/integrations/${keys.hubspot}`,
    `POST ${prefix}/connection-options`,
  ]);
  const integration = checkIntegration(sent[0].response.data);
  // undefined connectorId/connectionId/integrationKey vanish in JSON.
  assert.deepEqual(JSON.parse(JSON.stringify(sent[1].data)), { integrationId: integration.id, connectorParameters: { region: 'eu' } });
  assert.ok(sent[1].response.status >= 200 && sent[1].response.status < 300, `status ${sent[1].response.status}`);
  const options = checkOptions(sent[1].response.data, 'connection options (connect)');
  assert.ok(Array.isArray(options) && options.length > 0, 'an array of {key, type}');
});

test('createConnection({parameters, name}) makes the same two calls', async () => {
  const [outcome, sent] = await recording(() => client.integration(keys.slack)
    .createConnection({ parameters: { x: 1 }, name: 'n' }).then(() => null, (e) => e));
  assert.ok(outcome instanceof ReferenceError);
  assert.deepEqual(sent.map((s) => `${s.method} ${s.path}`), [`GET ${prefix}/integrations/${keys.slack}`, `POST ${prefix}/connection-options`]);
  checkOptions(sent[1].response.data, 'connection options (createConnection)');
});

test('client.post("/connection-options", body): an array of auth options per integration', async () => {
  for (const key of Object.values(keys)) {
    const integration = checkIntegration(await client.integration(key).get());
    const options = checkOptions(await client.post('/connection-options', { integrationId: integration.id }), `${key} options`);
    assert.ok(options.length > 0, `${key} has at least one option`);
    assert.equal(new Set(options.map((o) => o.key)).size, options.length, 'option keys are unique');
    if (integration.authType) {
      assert.ok(options.some((o) => o.type === integration.authType), `${key}: an option of the integration's authType ${integration.authType}`);
    }
    // integrationKey, or both, select the same integration.
    assert.deepEqual(checkOptions(await client.post('/connection-options', { integrationKey: key })), options);
    assert.deepEqual(checkOptions(await client.post('/connection-options', {
      integrationId: integration.id, integrationKey: key, connectorId: integration.connectorId,
    })), options);
  }
});

test('the option types agree with the connector spec auth type', async () => {
  for (const key of Object.values(keys)) {
    const spec = await client.integration(key).getConnectorSpec();
    const options = checkOptions(await client.post('/connection-options', { integrationKey: key }));
    if (spec.auth && typeof spec.auth.type === 'string') {
      assert.ok(options.some((o) => o.type === spec.auth.type), `${key}: ${spec.auth.type} in ${JSON.stringify(options)}`);
    }
  }
});

test('an unknown integration is BadRequestError not_found', async () => {
  await expectMembraneError(client.post('/connection-options', { integrationId: 'ffffffffffffffffffffffff' }), { key: 'not_found' });
  await expectMembraneError(client.post('/connection-options', { integrationKey: 'no-such-integration' }), { key: 'not_found' });
});
