// GET /integrations/{sel}/connector-spec, /operations[/{key}], /data[/{key}].
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_URI, CONNECTOR_KEYS, S, accountToken, checkIntegration, conforms, conformsToFile, expectMembraneError, makeClient,
  recording, requireMembrane, uniqueKey,
} from './helpers.mjs';

const client = makeClient(accountToken('spec'));
const prefix = new URL(API_URI).pathname;
let own; // this file's integrations: two of hubspot (they share its spec), one each of slack and salesforce

before(async () => {
  await requireMembrane();
  own = [];
  for (const connectorKey of ['hubspot', 'hubspot', 'slack', 'salesforce']) {
    own.push(checkIntegration(await client.integrations.create({ key: uniqueKey('spec'), connectorKey })));
  }
});

test('getConnectorSpec(): a valid ConnectorSpec of the integration\'s connector, by key and by id', async () => {
  for (const integration of own) {
    const [spec, sent] = await recording(() => client.integration(integration.key).getConnectorSpec());
    assert.equal(sent[0].path, `${prefix}/integrations/${integration.key}/connector-spec`);
    conforms(S.connectorSpec, spec, 'connectorSpec.response', `${integration.key} connector-spec`);
    assert.equal(typeof spec.name, 'string');
    assert.ok(spec.key, `${integration.key}: the spec names its connector key`);
    assert.deepEqual(await client.integration(integration.id).getConnectorSpec(), spec, 'same by id');
    if (Array.isArray(spec.operations) && integration.operationsCount !== undefined) {
      assert.equal(spec.operations.length, integration.operationsCount, `${integration.key}: operationsCount`);
    }
  }
  // Two integrations on the same connector share the spec.
  const byConnector = new Map();
  for (const i of own) byConnector.set(i.connectorId, [...(byConnector.get(i.connectorId) || []), i.key]);
  for (const keys of byConnector.values()) {
    if (keys.length < 2) continue;
    assert.deepEqual(await client.integration(keys[0]).getConnectorSpec(), await client.integration(keys[1]).getConnectorSpec());
  }
});

test('a created integration gets the spec of its connector', async () => {
  for (const connectorKey of CONNECTOR_KEYS) {
    const created = checkIntegration(await client.integrations.create({ connectorKey }));
    const spec = conforms(S.connectorSpec, await client.integration(created.id).getConnectorSpec(), 'connectorSpec.response');
    assert.equal(spec.key, connectorKey);
    assert.equal(created.name, spec.name, 'name defaults to the connector name');
  }
});

test('getOperations()/getOperation(key): consistent with operationsCount and the spec', async () => {
  for (const integration of own) {
    const [ops, sent] = await recording(() => client.integration(integration.key).getOperations());
    assert.equal(sent[0].path, `${prefix}/integrations/${integration.key}/operations`);
    conformsToFile('operations.response', ops, `${integration.key} operations`);
    assert.ok(Array.isArray(ops), 'an array, not a paginated object');
    if (integration.operationsCount !== undefined) assert.equal(ops.length, integration.operationsCount, `${integration.key} operationsCount`);
    if (integration.hasOperations !== undefined) assert.equal(integration.hasOperations, ops.length > 0);
    assert.equal(new Set(ops.map((o) => o.key)).size, ops.length, 'operation keys are unique');
    for (const op of ops) {
      const [one, sent1] = await recording(() => client.integration(integration.id).getOperation(op.key));
      assert.equal(sent1[0].path, `${prefix}/integrations/${integration.id}/operations/${op.key}`);
      conformsToFile('operation.response', one, `${integration.key} operation ${op.key}`);
      for (const [k, v] of Object.entries(op)) assert.deepEqual(one[k], v, `${op.key}.${k} as listed`);
    }
  }
});

test('getDataCollections()/getDataCollection(key): consistent with dataCollectionsCount, valid DataCollectionSpec', async () => {
  for (const integration of own) {
    const [cols, sent] = await recording(() => client.integration(integration.key).getDataCollections());
    assert.equal(sent[0].path, `${prefix}/integrations/${integration.key}/data`);
    conformsToFile('dataCollections.response', cols, `${integration.key} data collections`);
    if (integration.dataCollectionsCount !== undefined) assert.equal(cols.length, integration.dataCollectionsCount, `${integration.key} dataCollectionsCount`);
    if (integration.hasData !== undefined) assert.equal(integration.hasData, cols.length > 0);
    for (const col of cols) {
      assert.equal(col.type, 'collection');
      const one = await client.integration(integration.id).getDataCollection(col.key);
      conforms(S.dataCollection, one, 'dataCollection.response', `${integration.key} data ${col.key}`);
      assert.equal(one.type, 'collection');
      assert.equal(one.name, col.name);
      if (one.key !== undefined) assert.equal(one.key, col.key);
    }
  }
});

test('unknown operation / data collection key: BadRequestError not_found', async () => {
  const [hubspot, , slack] = own;
  await expectMembraneError(client.integration(hubspot.key).getOperation('no-such-operation'), { key: 'not_found' });
  await expectMembraneError(client.integration(hubspot.key).getDataCollection('no-such-collection'), { key: 'not_found' });
  // An operation of another connector is not an operation of this integration.
  const hubspotOps = new Set((await client.integration(hubspot.key).getOperations()).map((o) => o.key));
  const foreign = (await client.integration(slack.key).getOperations()).find((o) => !hubspotOps.has(o.key));
  if (foreign) await expectMembraneError(client.integration(hubspot.key).getOperation(foreign.key), { key: 'not_found' });
});
