// The hub: listPublicIntegrations, getPublicIntegrationById, getPublicIntegration.
// The hub shows the public, non-dev integrations of every workspace of the tenant, so this file
// creates its own catalogue under a unique prefix and filters on it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountToken, call, collect, compareVersions, expectApiError, integrationBody, makeClient, randomSuffix,
  scratchWorkspaceId, unknownIntegrationId,
} from './helpers.mjs';

const token = accountToken('hub');
const hubClient = makeClient({ token, workspaceId: undefined }); // hub ops need no workspace
const owner = makeClient({ token, workspaceId: scratchWorkspaceId() });

const prefix = `cthub${randomSuffix(8)}`;
const names = {
  alpha: `${prefix}alpha`, // public 0.2.0, 0.10.0
  beta: `${prefix}beta`, // public 1.0.0
  gamma: `${prefix}gamma`, // unlisted 1.0.0
  delta: `${prefix}delta`, // private 1.0.0
  epsilon: `${prefix}epsilon`, // dev (private) 1.0.0
};
const created = {}; // key `${name}@${version}` -> integration

async function create(body) {
  const res = await call('createIntegration', () => owner.createIntegration(integrationBody(body)));
  created[`${body.name}@${body.version}`] = res.integration;
  return res.integration;
}

before(async () => {
  await create({ name: names.alpha, version: '0.2.0', visibility: 'public', description: 'first alpha' });
  await create({ name: names.alpha, version: '0.10.0', visibility: 'public', description: 'second alpha' });
  await create({ name: names.beta, version: '1.0.0', public: true, description: 'the beta one' });
  await create({ name: names.gamma, version: '1.0.0', visibility: 'unlisted' });
  await create({ name: names.delta, version: '1.0.0' });
  await create({ name: names.epsilon, version: '1.0.0', dev: true, url: 'https://example.com/dev' });
});

const hubIds = () => [
  created[`${names.alpha}@0.2.0`].id, created[`${names.alpha}@0.10.0`].id, created[`${names.beta}@1.0.0`].id,
].sort();
const ids = (items) => items.map((i) => i.id).sort();

test('search lists exactly the public, non-dev integrations and fills matchedOn', async () => {
  const page = await call('listPublicIntegrations', () => hubClient.listPublicIntegrations({ search: prefix }));
  assert.deepEqual(ids(page.integrations), hubIds(), 'unlisted, private and dev ones are not on the hub list');
  for (const item of page.integrations) {
    assert.equal(item.visibility, 'public');
    assert.equal(item.public, true);
    assert.ok(item.matchedOn, `matchedOn is set when search is used (${item.name})`);
    assert.equal(item.matchedOn.name, true, `the name matched the search (${item.name})`);
    assert.equal(typeof item.meta.installs, 'number');
    assert.ok(item.ownerWorkspace.id);
  }
});

test('without search, matchedOn is absent', async () => {
  const page = await call('listPublicIntegrations', () => hubClient.listPublicIntegrations({ name: names.beta }));
  assert.equal(page.integrations.length, 1);
  assert.equal(page.integrations[0].matchedOn, undefined);
});

test('the hub is not empty and lists public integrations only', async () => {
  const page = await call('listPublicIntegrations', () => hubClient.listPublicIntegrations({}));
  assert.ok(page.integrations.length > 0);
  for (const item of page.integrations) assert.equal(item.visibility, 'public');
});

test('filter by name, and by name + version (exact or latest)', async () => {
  let page = await call('listPublicIntegrations', () => hubClient.listPublicIntegrations({ name: names.alpha }));
  assert.deepEqual(page.integrations.map((i) => i.version).sort(compareVersions), ['0.2.0', '0.10.0']);

  page = await call('listPublicIntegrations',
    () => hubClient.listPublicIntegrations({ name: names.alpha, version: '0.2.0' }));
  assert.deepEqual(ids(page.integrations), [created[`${names.alpha}@0.2.0`].id]);

  page = await call('listPublicIntegrations',
    () => hubClient.listPublicIntegrations({ name: names.alpha, version: 'latest' }));
  assert.deepEqual(ids(page.integrations), [created[`${names.alpha}@0.10.0`].id], 'latest: 0.10.0 beats 0.2.0');

  for (const name of [names.gamma, names.delta, names.epsilon]) {
    page = await call('listPublicIntegrations', () => hubClient.listPublicIntegrations({ name }));
    assert.deepEqual(page.integrations, [], `${name} is not on the hub list`);
  }
});

test('filter by verificationStatus', async () => {
  const target = created[`${names.beta}@1.0.0`];
  await call('requestIntegrationVerification',
    () => owner.requestIntegrationVerification({ integrationId: target.id }));

  const pending = await call('listPublicIntegrations',
    () => hubClient.listPublicIntegrations({ search: prefix, verificationStatus: 'pending' }));
  assert.deepEqual(ids(pending.integrations), [target.id]);
  for (const item of pending.integrations) assert.equal(item.verificationStatus, 'pending');

  const unapproved = await call('listPublicIntegrations',
    () => hubClient.listPublicIntegrations({ search: prefix, verificationStatus: 'unapproved' }));
  assert.ok(!unapproved.integrations.some((i) => i.id === target.id));
  for (const item of unapproved.integrations) assert.equal(item.verificationStatus, 'unapproved');
});

test('filter by installedByBotId returns the bot\'s installed integrations', async () => {
  const installed = created[`${names.alpha}@0.10.0`];
  const { bot } = await call('createBot', () => owner.createBot({}));
  await call('updateBot', () => owner.updateBot({ id: bot.id, integrations: { [installed.id]: { enabled: true } } }));
  const page = await call('listPublicIntegrations',
    () => hubClient.listPublicIntegrations({ installedByBotId: bot.id }));
  assert.deepEqual(ids(page.integrations), [installed.id], 'the one installed, not the others');
});

test('filter by interfaceName keeps only implementers', async (t) => {
  // Find a seeded hub integration that implements an interface.
  const all = await collect('listPublicIntegrations', hubClient.list.publicIntegrations({}));
  let found;
  for (const item of all.slice(0, 50)) {
    const full = await call('getPublicIntegrationById', () => hubClient.getPublicIntegrationById({ id: item.id }));
    const interfaces = Object.values(full.integration.interfaces);
    if (interfaces.length > 0) {
      found = { id: item.id, interfaceName: interfaces[0].name };
      break;
    }
  }
  if (!found) {
    t.skip('no seeded hub integration implements an interface');
    return;
  }
  const page = await call('listPublicIntegrations',
    () => hubClient.listPublicIntegrations({ interfaceName: found.interfaceName }));
  assert.ok(page.integrations.some((i) => i.id === found.id));
  assert.ok(!page.integrations.some((i) => hubIds().includes(i.id)));

  const none = await call('listPublicIntegrations',
    () => hubClient.listPublicIntegrations({ interfaceName: `${prefix}nointerface` }));
  assert.deepEqual(none.integrations, []);
});

test('sortBy name and createdAt with direction', async () => {
  const byName = async (direction) => (await call('listPublicIntegrations',
    () => hubClient.listPublicIntegrations({ search: prefix, sortBy: 'name', direction }))).integrations;

  const asc = await byName('asc');
  assert.deepEqual(asc.map((i) => i.name), [names.alpha, names.alpha, names.beta]);
  const desc = await byName('desc');
  assert.deepEqual(desc.map((i) => i.name), [names.beta, names.alpha, names.alpha]);

  const byCreated = async (direction) => (await call('listPublicIntegrations',
    () => hubClient.listPublicIntegrations({ search: prefix, sortBy: 'createdAt', direction }))).integrations;
  const oldest = await byCreated('asc');
  for (let i = 1; i < oldest.length; i++) {
    assert.ok(Date.parse(oldest[i - 1].createdAt) <= Date.parse(oldest[i].createdAt), 'createdAt ascending');
  }
  const newest = await byCreated('desc');
  for (let i = 1; i < newest.length; i++) {
    assert.ok(Date.parse(newest[i - 1].createdAt) >= Date.parse(newest[i].createdAt), 'createdAt descending');
  }
});

test('every sortBy value is accepted', async () => {
  for (const sortBy of ['popularity', 'name', 'createdAt', 'updatedAt', 'installCount']) {
    for (const direction of ['asc', 'desc']) {
      const page = await call('listPublicIntegrations',
        () => hubClient.listPublicIntegrations({ search: prefix, sortBy, direction }));
      assert.deepEqual(ids(page.integrations), hubIds(), `${sortBy} ${direction} keeps the same set`);
    }
  }
});

test('invalid enum query values -> InvalidQueryError', async () => {
  await expectApiError(hubClient.listPublicIntegrations({ sortBy: 'stars' }), 'InvalidQueryError');
  await expectApiError(hubClient.listPublicIntegrations({ direction: 'sideways' }), 'InvalidQueryError');
  await expectApiError(hubClient.listPublicIntegrations({ verificationStatus: 'maybe' }), 'InvalidQueryError');
});

test('limit + nextToken, and client.list.publicIntegrations().collect()', async () => {
  const first = await call('listPublicIntegrations',
    () => hubClient.listPublicIntegrations({ search: prefix, limit: 2 }));
  assert.equal(first.integrations.length, 2);
  assert.ok(first.meta.nextToken, 'a nextToken when more remain');
  const second = await call('listPublicIntegrations',
    () => hubClient.listPublicIntegrations({ search: prefix, limit: 2, nextToken: first.meta.nextToken }));
  assert.equal(second.integrations.length, 1);
  assert.equal(second.meta.nextToken, undefined);
  assert.deepEqual(ids([...first.integrations, ...second.integrations]), hubIds());

  const all = await collect('listPublicIntegrations', hubClient.list.publicIntegrations({ search: prefix, limit: 1 }));
  assert.deepEqual(ids(all), hubIds());

  await expectApiError(hubClient.listPublicIntegrations({ nextToken: 'forged-token' }), 'InvalidQueryError');
});

test('getPublicIntegrationById returns public and unlisted versions with owner and meta', async () => {
  for (const key of [`${names.alpha}@0.2.0`, `${names.gamma}@1.0.0`]) {
    const { id } = created[key];
    const got = await call('getPublicIntegrationById', () => hubClient.getPublicIntegrationById({ id }));
    assert.equal(got.integration.id, id);
    assert.equal(`${got.integration.name}@${got.integration.version}`, key);
    assert.ok(got.integration.ownerWorkspace.id);
    assert.equal(typeof got.integration.meta.views, 'number');
  }
});

test('private, dev and unknown integrations are not on the hub -> ResourceNotFoundError', async () => {
  await expectApiError(
    hubClient.getPublicIntegrationById({ id: created[`${names.delta}@1.0.0`].id }), 'ResourceNotFoundError');
  await expectApiError(
    hubClient.getPublicIntegrationById({ id: created[`${names.epsilon}@1.0.0`].id }), 'ResourceNotFoundError');
  await expectApiError(hubClient.getPublicIntegrationById({ id: unknownIntegrationId() }), 'ResourceNotFoundError');
  await expectApiError(hubClient.getPublicIntegration({ name: names.delta, version: '1.0.0' }), 'ResourceNotFoundError');
  await expectApiError(hubClient.getPublicIntegration({ name: names.epsilon, version: 'latest' }), 'ResourceNotFoundError');
});

test('getPublicIntegration: exact version, range, latest; unlisted is gettable by name', async () => {
  const get = (name, version) => call('getPublicIntegration', () => hubClient.getPublicIntegration({ name, version }));

  assert.equal((await get(names.alpha, '0.2.0')).integration.id, created[`${names.alpha}@0.2.0`].id);
  assert.equal((await get(names.alpha, 'latest')).integration.version, '0.10.0');
  assert.equal((await get(names.alpha, '^0.2.0')).integration.version, '0.2.0');
  assert.equal((await get(names.alpha, '>=0.2.0')).integration.version, '0.10.0');
  assert.equal((await get(names.gamma, '1.0.0')).integration.visibility, 'unlisted');

  await expectApiError(hubClient.getPublicIntegration({ name: names.alpha, version: '9.9.9' }), 'ResourceNotFoundError');
  await expectApiError(hubClient.getPublicIntegration({ name: `${prefix}nobody`, version: 'latest' }), 'ResourceNotFoundError');
});
