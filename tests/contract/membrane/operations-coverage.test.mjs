// Coverage: every method of the SDK's integration accessors is accounted for, and each one that
// makes HTTP calls is driven once here against the emulator, checking the request line it sends
// and validating the response (the other files test the semantics).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_URI, ELEMENT_KINDS, S, accountToken, checkElement, checkElementList, checkIntegration, checkIntegrationList,
  conforms, conformsToFile, makeClient, membrane, recording, requireMembrane, uniqueKey,
} from './helpers.mjs';
import { filesOnly } from '../common.mjs';

const prefix = new URL(API_URI).pathname;
const methodsOf = (cls) => Object.getOwnPropertyNames(cls.prototype).filter((n) => n !== 'constructor').sort();
const withInherited = (cls) => {
  const names = new Set();
  for (let p = cls.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) if (n !== 'constructor') names.add(n);
  }
  return [...names].sort();
};

// Browser-only helpers (iframes / popups); they make no HTTP call an emulator could answer
// beyond GET /integrations/{sel} (open) — see connection-options.test.mjs for connect().
const BROWSER_ONLY = ['open', 'openNewConnection', 'openNewConnectionV2'];

before(requireMembrane);

test('the SDK accessors expose exactly the methods this suite covers', filesOnly, () => {
  assert.deepEqual(withInherited(membrane.IntegrationsAccessor), ['create', 'find', 'findAll']);
  assert.deepEqual(withInherited(membrane.IntegrationAccessor), [
    'action', 'actions', 'archive', 'connect', 'createConnection', 'dataSource', 'dataSources', 'fieldMapping',
    'fieldMappings', 'flow', 'flows', 'get', 'getConnectorSpec', 'getDataCollection', 'getDataCollections',
    'getOperation', 'getOperations', 'getPath', 'getUniqueIdentifier', ...BROWSER_ONLY, 'patch', 'put', 'restore', 'setup',
  ].sort());
  for (const { stem } of ELEMENT_KINDS) {
    assert.deepEqual(withInherited(membrane[`IntegrationLevel${stem}Accessor`]),
      ['archive', 'get', 'getUniqueIdentifier', 'patch', 'put', 'reset'], stem);
    assert.deepEqual(withInherited(membrane[`IntegrationLevel${stem}sListAccessor`]), ['create', 'list'], stem);
  }
  assert.ok(methodsOf(membrane.IntegrationAccessor).includes('setup'));
});

test('every integration call the SDK makes, once, with its request line and a validated response', async () => {
  const client = makeClient(accountToken('coverage'));
  const hit = [];
  const run = async (label, expectedLines, fn, check) => {
    const [body, sent] = await recording(fn);
    assert.deepEqual(sent.map((s) => `${s.method} ${s.path}`), expectedLines.map((l) => l.replace(' /', ` ${prefix}/`)), label);
    for (const s of sent) assert.ok(s.response && s.response.status >= 200 && s.response.status < 300, `${label}: ${s.method} ${s.path} -> ${s.response?.status}`);
    if (check) check(body, sent);
    hit.push(label);
    return body;
  };

  const key = uniqueKey('cov');
  await run('integrations.find', ['GET /integrations?limit=3'], () => client.integrations.find({ limit: 3 }), (b) => checkIntegrationList(b));
  await run('integrations.findAll', ['GET /integrations?limit=1000&cursor=0'], () => client.integrations.findAll(),
    (b, sent) => { checkIntegrationList(sent[0].response.data); assert.ok(Array.isArray(b)); });
  const created = await run('integrations.create', ['POST /integrations'], () => client.integrations.create({ key, connectorKey: 'hubspot' }), (b) => checkIntegration(b));
  const i = client.integration(key);
  await run('integration.get', [`GET /integrations/${key}`], () => i.get(), (b) => checkIntegration(b));
  await run('integration.put', [`PUT /integrations/${key}`], () => i.put({ name: 'Put' }), (b) => checkIntegration(b));
  await run('integration.patch', [`PATCH /integrations/${key}`], () => i.patch({ description: 'p' }), (b) => checkIntegration(b));
  await run('integration.archive', [`DELETE /integrations/${key}`], () => i.archive(), (b) => assert.equal(b, undefined));
  await run('integration.restore', [`POST /integrations/${key}/restore`], () => i.restore(), (b) => checkIntegration(b));
  await run('integration.setup', [`POST /integrations/${key}/setup`], () => i.setup(), (b) => checkIntegration(b));
  await run('integration.getConnectorSpec', [`GET /integrations/${key}/connector-spec`], () => i.getConnectorSpec(),
    (b) => conforms(S.connectorSpec, b, 'connectorSpec.response'));
  const ops = await run('integration.getOperations', [`GET /integrations/${key}/operations`], () => i.getOperations(),
    (b) => conformsToFile('operations.response', b));
  await run('integration.getOperation', [`GET /integrations/${key}/operations/${ops[0].key}`], () => i.getOperation(ops[0].key),
    (b) => conformsToFile('operation.response', b));
  const cols = await run('integration.getDataCollections', [`GET /integrations/${key}/data`], () => i.getDataCollections(),
    (b) => conformsToFile('dataCollections.response', b));
  await run('integration.getDataCollection', [`GET /integrations/${key}/data/${cols[0].key}`], () => i.getDataCollection(cols[0].key),
    (b) => conforms(S.dataCollection, b, 'dataCollection.response'));
  const connect = await recording(() => i.connect().then(() => null, (e) => e));
  assert.ok(connect[0] instanceof ReferenceError);
  assert.deepEqual(connect[1].map((s) => `${s.method} ${s.path}`), [`GET ${prefix}/integrations/${key}`, `POST ${prefix}/connection-options`]);
  conforms(S.connectionOptions, connect[1][1].response.data, 'connectionOptions.response');
  hit.push('integration.connect');

  for (const { kind, segment, list, one } of ELEMENT_KINDS) {
    const elKey = uniqueKey(kind.toLowerCase());
    await run(`${list}.list`, [`GET /integrations/${created.id}/${segment}?limit=5`], () => client.integration(created.id)[list].list({ limit: 5 }),
      (b) => checkElementList(kind, b));
    await run(`${list}.create`, [`POST /integrations/${key}/${segment}`], () => i[list].create({ key: elKey, name: elKey }), (b) => checkElement(kind, b));
    const e = i[one](elKey);
    await run(`${one}.get`, [`GET /integrations/${key}/${segment}/${elKey}`], () => e.get(), (b) => checkElement(kind, b));
    await run(`${one}.put`, [`PUT /integrations/${key}/${segment}/${elKey}`], () => e.put({ name: 'put' }), (b) => checkElement(kind, b));
    await run(`${one}.patch`, [`PATCH /integrations/${key}/${segment}/${elKey}`], () => e.patch({ name: 'patch' }), (b) => checkElement(kind, b));
    await run(`${one}.reset`, [`POST /integrations/${key}/${segment}/${elKey}/reset`], () => e.reset(), (b) => checkElement(kind, b));
    await run(`${one}.archive`, [`DELETE /integrations/${key}/${segment}/${elKey}`], () => e.archive(),
      (b) => { if (b !== undefined) checkElement(kind, b); });
  }
  assert.equal(hit.length, 3 + 11 + 1 + 7 * ELEMENT_KINDS.length);
});
