// Bots, workspaces and interfaces: what the `bp` CLI calls besides integrations (login, deploy, dev).
// Every 2xx body is validated against the official schema by call(); the CLI itself runs in ../cli/botpress-cli.test.mjs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  SEED, WORKSPACE_ID, accountToken, assertWebhookUrl, call, emulatorOnly, expectApiError, freshWorkspaceId,
  integrationBody, makeClient, randomSuffix, scratchWorkspaceId, uniqueToken,
} from './helpers.mjs';

const token = accountToken('bots');
const client = makeClient({ token });
let hubIntegration; // a public integration to install: on the hub, so bots of every workspace of the account see it

before(async () => {
  const { integration } = await call('createIntegration', () => client.createIntegration(integrationBody({ visibility: 'public' })));
  hubIntegration = integration;
});

/** Every page of listWorkspaces. */
async function allWorkspaces(c) {
  const workspaces = [];
  let nextToken;
  do {
    const page = await call('listWorkspaces', () => c.listWorkspaces({ nextToken }));
    workspaces.push(...page.workspaces);
    nextToken = page.meta.nextToken;
  } while (nextToken);
  return workspaces;
}

/** Every page of listBots. */
async function allBots(c, params = {}) {
  const bots = [];
  let nextToken;
  do {
    const page = await call('listBots', () => c.listBots({ ...params, nextToken }));
    bots.push(...page.bots);
    nextToken = page.meta.nextToken;
  } while (nextToken);
  return bots;
}

test('listBots lists the seeded bots of the workspace, production bots unless dev=true',
  emulatorOnly('lists the seeded bots'), async () => {
  const bots = await allBots(client);
  assert.ok(bots.some((b) => b.id === SEED.botId), 'the default bot is listed');
  assert.ok(bots.length >= 3, `the seeded workspace has three bots, got ${bots.length}`);
  const dev = await call('listBots', () => client.listBots({ dev: true }));
  assert.ok(dev.bots.every((b) => !bots.some((p) => p.id === b.id)), 'dev=true lists dev bots only');
  const tagged = await call('listBots', () => client.listBots({ tags: { team: 'support' } }));
  assert.deepEqual(tagged.bots.map((b) => b.id), [SEED.botId]);
});

test('getBot answers the full Bot; the default bot has hub integrations with webhook URLs on this emulator',
  emulatorOnly('reads the seeded bot'), async () => {
  const { bot } = await call('getBot', () => client.getBot({ id: SEED.botId }));
  assert.equal(bot.id, SEED.botId);
  assert.equal(bot.dev, false);
  const instances = Object.entries(bot.integrations);
  assert.ok(instances.length >= 2);
  for (const [key, instance] of instances) {
    assert.equal(key, instance.id, 'without x-multiple-integrations, instances are keyed by integration id');
    assertWebhookUrl(instance);
    assert.equal(instance.status, 'registered');
  }
});

test('createBot -> getBot -> updateBot -> listBots -> deleteBot', async () => {
  const c = makeClient({ token, workspaceId: scratchWorkspaceId() });
  const name = `bot-${randomSuffix(8)}`;
  const owner = `contract-${randomSuffix(8)}`; // a tag only this bot has
  const mine = { tags: { owner } };
  const { bot: created } = await call('createBot', () => c.createBot({
    name,
    tags: { owner },
    states: { session: { type: 'conversation', schema: { type: 'object' } } },
    events: { ping: { schema: { type: 'object' } } },
  }));
  assert.equal(created.name, name);
  assert.deepEqual(created.tags, { owner });
  assert.ok(created.signingSecret.length > 0);

  const { bot: got } = await call('getBot', () => c.getBot({ id: created.id }));
  assert.deepEqual(got, created);

  const { bot: updated } = await call('updateBot', () => c.updateBot({
    id: created.id,
    description: 'Updated by the contract tests',
    tags: { stage: 'test' },
    states: { session: null, profile: { type: 'user', schema: { type: 'object' } } },
    events: { ping: null },
    user: { tags: { email: { title: 'Email' } } },
    configuration: { data: { greeting: 'hi' }, schema: { type: 'object' } },
  }));
  assert.deepEqual(Object.keys(updated.states), ['profile'], 'null removes a state');
  assert.deepEqual(updated.events, {}, 'null removes an event');
  assert.deepEqual(updated.tags, { owner, stage: 'test' }, 'tags merge');
  assert.deepEqual(updated.user.tags, { email: { title: 'Email' } });
  assert.deepEqual(updated.configuration.data, { greeting: 'hi' });
  assert.equal(updated.description, 'Updated by the contract tests');
  assert.ok(updated.updatedAt >= created.updatedAt);

  const listed = await allBots(c, mine);
  assert.deepEqual(listed.map((b) => b.id), [created.id]);

  assert.deepEqual(await call('deleteBot', () => c.deleteBot({ id: created.id })), {});
  await expectApiError(c.getBot({ id: created.id }), 'ResourceNotFoundError', { messageIncludes: created.id });
  assert.deepEqual(await allBots(c, mine), []);
});

test('a name is generated when createBot has none', async () => {
  const c = makeClient({ token, workspaceId: scratchWorkspaceId() });
  const { bot } = await call('createBot', () => c.createBot({}));
  assert.ok(bot.name.length > 0);
});

test('updateBot installs, reconfigures and uninstalls an integration instance; its webhook id is stable', async () => {
  const c = makeClient({ token, workspaceId: scratchWorkspaceId() });
  const { bot } = await call('createBot', () => c.createBot({ name: `inst-${randomSuffix(6)}` }));
  const installed = await call('updateBot', () => c.updateBot({
    id: bot.id,
    integrations: { tg: { integrationId: hubIntegration.id, enabled: true, configuration: { botToken: 'x' } } },
  }));
  const instance = installed.bot.integrations[hubIntegration.id];
  assert.ok(instance, 'keyed by integration id without x-multiple-integrations');
  assert.equal(instance.name, hubIntegration.name);
  assert.equal(instance.version, hubIntegration.version);
  assert.deepEqual(instance.configuration, { botToken: 'x' });
  assertWebhookUrl(instance);

  const reconfigured = await call('updateBot', () => c.updateBot({
    id: bot.id, integrations: { tg: { integrationId: hubIntegration.id, enabled: false } },
  }));
  const again = reconfigured.bot.integrations[hubIntegration.id];
  assert.equal(again.enabled, false);
  assert.equal(again.webhookId, instance.webhookId, 'the webhook id is minted once');
  assert.deepEqual(again.configuration, { botToken: 'x' }, 'what an update does not send is kept');

  const removed = await call('updateBot', () => c.updateBot({ id: bot.id, integrations: { tg: null } }));
  assert.deepEqual(removed.bot.integrations, {});
});

test('x-multiple-integrations keys instances by alias', async () => {
  const c = makeClient({ token, workspaceId: scratchWorkspaceId(), headers: { 'x-multiple-integrations': 'true' } });
  const { bot } = await call('createBot', () => c.createBot({}));
  const { bot: updated } = await call('updateBot', () => c.updateBot({
    id: bot.id,
    integrations: {
      first: { integrationId: hubIntegration.id, enabled: true },
      second: { integrationId: hubIntegration.id, enabled: true },
    },
  }));
  assert.deepEqual(Object.keys(updated.integrations).sort(), ['first', 'second']);
  assert.notEqual(updated.integrations.first.webhookId, updated.integrations.second.webhookId);
});

test('installing an unknown integration is ReferenceNotFoundError naming the key; unknown bots are ResourceNotFoundError', async () => {
  const c = makeClient({ token, workspaceId: scratchWorkspaceId() });
  const { bot } = await call('createBot', () => c.createBot({}));
  await expectApiError(c.updateBot({ id: bot.id, integrations: { nope: { integrationId: 'intver_01JNOTANINTEGRATION0000000', enabled: true } } }),
    'ReferenceNotFoundError', { messageIncludes: ['integrations.nope', 'intver_01JNOTANINTEGRATION0000000'] });
  await expectApiError(c.updateBot({ id: 'bot_01JNOTABOT0000000000000000', name: 'x' }), 'ResourceNotFoundError');
  await expectApiError(c.updateBot({ id: bot.id, name: '' }), 'InvalidPayloadError', { messageIncludes: 'name' });
});

test('a dev integration installs on a dev bot (bp dev: createBot({dev, url}) then updateBot) and on a production bot', async () => {
  const c = makeClient({ token, workspaceId: scratchWorkspaceId() });
  const { integration } = await call('createIntegration', () => c.createIntegration(integrationBody({ dev: true, url: 'http://127.0.0.1:9/dev' })));
  const { bot: devBot } = await call('createBot', () => c.createBot({ dev: true, url: 'https://bot.example.test' }));
  assert.equal(devBot.dev, true);
  const { bot: got } = await call('getBot', () => c.getBot({ id: devBot.id }));
  assert.equal(got.dev, true);
  const { bot: updated } = await call('updateBot', () => c.updateBot({
    id: devBot.id, url: 'https://bot2.example.test', integrations: { [integration.id]: { enabled: true, configuration: {} } },
  }));
  assert.equal(updated.integrations[integration.id].name, integration.name);
  assert.ok((await allBots(c, { dev: true })).some((b) => b.id === devBot.id), 'dev=true lists the dev bot');
  assert.ok(!(await allBots(c)).some((b) => b.id === devBot.id), 'dev bots are not production bots');

  const { bot: prod } = await call('createBot', () => c.createBot({}));
  const { bot: installed } = await call('updateBot', () => c.updateBot({ id: prod.id, integrations: { [integration.id]: { enabled: true } } }));
  assert.equal(installed.integrations[integration.id].name, integration.name);
});

test('listBots pages with nextToken, no duplicates or gaps; tags filter', async () => {
  const c = makeClient({ token, workspaceId: scratchWorkspaceId() });
  const tags = { page: `contract-${randomSuffix(8)}` }; // only these bots have it
  const ids = [];
  for (let i = 0; i < 23; i++) ids.push((await call('createBot', () => c.createBot({ name: `page-${i}`, tags }))).bot.id);
  const first = await call('listBots', () => c.listBots({ tags }));
  assert.equal(first.bots.length, 20);
  assert.ok(first.meta.nextToken);
  const walked = await allBots(c, { tags });
  assert.deepEqual(walked.map((b) => b.id).sort(), [...ids].sort());
  const desc = await allBots(c, { tags, sortField: 'createdAt', sortDirection: 'desc' });
  assert.deepEqual(desc.map((b) => b.id), walked.map((b) => b.id).reverse());
  await expectApiError(c.listBots({ nextToken: 'forged' }), 'InvalidQueryError', { messageIncludes: 'nextToken' });
});

test('bots are per tenant: another token does not see them',
  emulatorOnly('needs a second account (any new token is one)'), async () => {
  const workspaceId = freshWorkspaceId();
  const c = makeClient({ token, workspaceId });
  const { bot } = await call('createBot', () => c.createBot({}));
  const stranger = makeClient({ token: uniqueToken('bots-other'), workspaceId });
  await expectApiError(stranger.getBot({ id: bot.id }), 'ResourceNotFoundError');
  assert.deepEqual((await call('listBots', () => stranger.listBots({}))).bots, []);
});

test('listWorkspaces lists the account\'s workspace; getWorkspace reads it; an unknown one is ResourceNotFoundError', async () => {
  const listed = await allWorkspaces(client);
  assert.ok(listed.some((w) => w.id === WORKSPACE_ID));
  const { id } = await call('getWorkspace', () => client.getWorkspace({ id: WORKSPACE_ID }));
  assert.equal(id, WORKSPACE_ID);
  await expectApiError(client.getWorkspace({ id: freshWorkspaceId() }), 'ResourceNotFoundError');
});

test('listWorkspaces lists every workspace named by x-workspace-id; the seeded one; updateWorkspace',
  emulatorOnly('names and renames workspaces of its own'), async () => {
  const workspaceId = freshWorkspaceId();
  const c = makeClient({ token, workspaceId });
  await call('listBots', () => c.listBots({})); // a workspace comes into being when a caller names it
  const listed = await allWorkspaces(c);
  assert.ok(listed.some((w) => w.id === SEED.workspaceId));
  assert.ok(listed.some((w) => w.id === workspaceId));

  const seeded = await call('getWorkspace', () => c.getWorkspace({ id: SEED.workspaceId }));
  assert.equal(seeded.handle, SEED.workspaceHandle);
  assert.ok(seeded.botCount >= 3);

  const fresh = await call('getWorkspace', () => c.getWorkspace({ id: workspaceId }));
  assert.equal(fresh.handle, undefined, 'a new workspace has no handle');
  const renamed = await call('updateWorkspace', () => c.updateWorkspace({ id: workspaceId, name: 'Renamed', about: 'About it' }));
  assert.equal(renamed.name, 'Renamed');
  assert.equal((await call('getWorkspace', () => c.getWorkspace({ id: workspaceId }))).about, 'About it');

  await expectApiError(c.getWorkspace({ id: freshWorkspaceId() }), 'ResourceNotFoundError');
  await expectApiError(makeClient({ token: uniqueToken('ws-other') }).getWorkspace({ id: workspaceId }), 'ResourceNotFoundError');
});

test('checkHandleAvailability: a hub publisher\'s handle is taken, with free suggestions; a random one is free', async () => {
  const taken = await call('checkHandleAvailability', () => client.checkHandleAvailability({ handle: 'botpress' }));
  assert.equal(taken.available, false, 'a hub publisher\'s handle is taken');
  assert.ok(taken.suggestions.length > 0);
  for (const suggestion of taken.suggestions) {
    const check = await call('checkHandleAvailability', () => client.checkHandleAvailability({ handle: suggestion }));
    assert.equal(check.available, true, `suggestion ${suggestion} is available`);
  }
  const handle = `ct${randomSuffix(10)}`;
  assert.equal((await call('checkHandleAvailability', () => client.checkHandleAvailability({ handle }))).available, true);
});

test('claiming a handle, as bp deploy does; the seeded workspace\'s is taken',
  emulatorOnly('claims a handle for a workspace of its own'), async () => {
  const workspaceId = freshWorkspaceId();
  const c = makeClient({ token, workspaceId });
  await call('listBots', () => c.listBots({}));

  const seeded = await call('checkHandleAvailability', () => c.checkHandleAvailability({ handle: SEED.workspaceHandle }));
  assert.equal(seeded.available, false);
  const handle = `ct${randomSuffix(10)}`;
  const claimed = await call('updateWorkspace', () => c.updateWorkspace({ id: workspaceId, handle }));
  assert.equal(claimed.handle, handle);
  assert.equal((await call('getWorkspace', () => c.getWorkspace({ id: workspaceId }))).handle, handle);

  const otherId = freshWorkspaceId();
  const other = makeClient({ token, workspaceId: otherId });
  assert.equal((await call('checkHandleAvailability', () => other.checkHandleAvailability({ handle }))).available, false);
  await call('listBots', () => other.listBots({}));
  await expectApiError(other.updateWorkspace({ id: otherId, handle }), 'AlreadyExistsError', { messageIncludes: handle });
  await expectApiError(c.updateWorkspace({ id: workspaceId, handle: 'Not A Handle' }), 'InvalidPayloadError', { messageIncludes: 'handle' });
});

test('interfaces: listInterfaces, getInterface, getInterfaceByName',
  emulatorOnly('reads the seeded interface catalogue'), async () => {
  const page = await call('listInterfaces', () => client.listInterfaces({}));
  assert.ok(page.interfaces.length > 0);
  const first = page.interfaces[0];
  const byId = await call('getInterface', () => client.getInterface({ id: first.id }));
  assert.equal(byId.interface.name, first.name);
  const byName = await call('getInterfaceByName', () => client.getInterfaceByName({ name: first.name, version: first.version }));
  assert.equal(byName.interface.id, first.id);
  await expectApiError(client.getInterface({ id: 'intver_01JNOTANINTERFACE000000000' }), 'ResourceNotFoundError');
  await expectApiError(client.getInterfaceByName({ name: first.name, version: '99.0.0' }), 'ResourceNotFoundError');
});

test('hub interfaces: listPublicInterfaces, getPublicInterfaceById, getPublicInterface answer the same catalogue',
  emulatorOnly('compares with the seeded interface catalogue'), async () => {
  const hubClient = makeClient({ token, workspaceId: undefined });
  const workspacePage = await call('listInterfaces', () => client.listInterfaces({}));
  const page = await call('listPublicInterfaces', () => hubClient.listPublicInterfaces({}));
  assert.deepEqual(page.interfaces, workspacePage.interfaces);
  const first = page.interfaces[0];
  const byId = await call('getPublicInterfaceById', () => hubClient.getPublicInterfaceById({ id: first.id }));
  const byName = await call('getPublicInterface', () => hubClient.getPublicInterface({ name: first.name, version: 'latest' }));
  assert.equal(byId.interface.name, first.name);
  assert.equal(byName.interface.name, first.name);
  const named = await call('listPublicInterfaces', () => hubClient.listPublicInterfaces({ name: first.name }));
  assert.ok(named.interfaces.every((i) => i.name === first.name));
  await expectApiError(hubClient.getPublicInterfaceById({ id: 'intver_01JNOTANINTERFACE000000000' }), 'ResourceNotFoundError');
  await expectApiError(hubClient.getPublicInterface({ name: first.name, version: '99.0.0' }), 'ResourceNotFoundError');
});
