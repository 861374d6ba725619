// listIntegrations: workspace scoping, the dev filter, pagination, and client.list.integrations.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountToken, call, collect, emulatorOnly, expectApiError, freshWorkspaceId, integrationBody, makeClient,
  randomSuffix, scratchWorkspaceId,
} from './helpers.mjs';

const token = accountToken('list');
const client = makeClient({ token, workspaceId: scratchWorkspaceId() });
// Every integration of this file has this prefix in its name and nothing else in the workspace has, so a list with
// `search: prefix` holds exactly this file's integrations and every count below is exact.
const prefix = `ctlist${randomSuffix(8)}`;
const mine = { search: prefix };

const production = [];
let devIntegration;

before(async () => {
  for (let i = 0; i < 5; i++) {
    const created = await call('createIntegration',
      () => client.createIntegration(integrationBody({ name: `${prefix}${i}` })));
    production.push(created.integration);
  }
  const dev = await call('createIntegration', () => client.createIntegration(
    integrationBody({ name: `${prefix}dev`, dev: true, url: 'https://example.com/dev' })));
  devIntegration = dev.integration;
});

const ids = (items) => items.map((i) => i.id).sort();

test('lists only the production integrations of the workspace (dev absent or false)', async () => {
  const page = await call('listIntegrations', () => client.listIntegrations(mine));
  assert.deepEqual(ids(page.integrations), ids(production));
  assert.equal(page.meta.nextToken, undefined, 'no nextToken on the last page');

  const explicit = await call('listIntegrations', () => client.listIntegrations({ ...mine, dev: false }));
  assert.deepEqual(ids(explicit.integrations), ids(production));

  const item = page.integrations.find((i) => i.id === production[0].id);
  assert.equal(item.name, production[0].name);
  assert.equal(item.version, production[0].version);
  assert.equal(item.title, production[0].title);
  assert.equal(item.visibility, 'private');
});

test('dev=true lists only dev integrations', async () => {
  const page = await call('listIntegrations', () => client.listIntegrations({ ...mine, dev: true }));
  assert.deepEqual(ids(page.integrations), [devIntegration.id]);
});

test('does not list integrations of other workspaces',
  emulatorOnly('needs a second workspace (any new x-workspace-id is one)'), async () => {
  const other = makeClient({ token, workspaceId: freshWorkspaceId() });
  const created = await call('createIntegration', () => other.createIntegration(integrationBody({ name: `${prefix}other` })));
  const page = await call('listIntegrations', () => client.listIntegrations(mine));
  assert.ok(!page.integrations.some((i) => i.id === created.integration.id));
  const theirs = await call('listIntegrations', () => other.listIntegrations({}));
  assert.deepEqual(ids(theirs.integrations), [created.integration.id]);
});

test('limit + meta.nextToken page through everything exactly once', async () => {
  const seen = [];
  let nextToken;
  let pages = 0;
  do {
    const page = await call('listIntegrations', () => client.listIntegrations({ ...mine, limit: 2, nextToken }));
    assert.ok(page.integrations.length <= 2, `page ${pages} has ${page.integrations.length} > limit items`);
    seen.push(...page.integrations);
    nextToken = page.meta.nextToken;
    pages++;
    assert.ok(pages <= 10, 'pagination does not terminate');
  } while (nextToken);
  assert.equal(pages, 3);
  assert.deepEqual(ids(seen), ids(production), 'every item once, none twice');
});

test('the last page has no nextToken', async () => {
  const first = await call('listIntegrations', () => client.listIntegrations({ ...mine, limit: 5 }));
  assert.equal(first.integrations.length, 5);
  if (first.meta.nextToken !== undefined) {
    const second = await call('listIntegrations',
      () => client.listIntegrations({ ...mine, limit: 5, nextToken: first.meta.nextToken }));
    assert.deepEqual(second.integrations, []);
    assert.equal(second.meta.nextToken, undefined);
  }
  const all = await call('listIntegrations', () => client.listIntegrations({ ...mine, limit: 50 }));
  assert.equal(all.integrations.length, 5);
  assert.equal(all.meta.nextToken, undefined);
});

test('a forged nextToken -> InvalidQueryError', async () => {
  await expectApiError(client.listIntegrations({ nextToken: 'forged-token' }), 'InvalidQueryError');
  await expectApiError(client.listIntegrations({ nextToken: 'eyJvZmZzZXQiOjB9' }), 'InvalidQueryError');
});

test('client.list.integrations(...).collect() follows the pages', async () => {
  const all = await collect('listIntegrations', client.list.integrations({ ...mine, limit: 2 }));
  assert.deepEqual(ids(all), ids(production));
  const dev = await collect('listIntegrations', client.list.integrations({ ...mine, dev: true }));
  assert.deepEqual(ids(dev), [devIntegration.id]);
});

test('deleted integrations disappear from the list', async () => {
  const created = await call('createIntegration', () => client.createIntegration(integrationBody({ name: `${prefix}gone` })));
  let page = await call('listIntegrations', () => client.listIntegrations(mine));
  assert.ok(page.integrations.some((i) => i.id === created.integration.id));
  await call('deleteIntegration', () => client.deleteIntegration({ id: created.integration.id }));
  page = await call('listIntegrations', () => client.listIntegrations(mine));
  assert.deepEqual(ids(page.integrations), ids(production));
});
