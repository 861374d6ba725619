// The Botpress CLI (`bp` of @botpress/cli, pinned in package.json) against the emulator, as an integration developer
// uses it: login → init → build → deploy → deploy again → new version → ls/get → dev beside the deployed version (the
// emulator is the tunnel server) → a webhook through the emulator reaches the dev integration → rm.
// Each step runs the real CLI with a timeout, in a fresh HOME, with a unique token (tenant), workspace and name.
// Nothing leaves loopback: the CLI's update check is pointed at a closed local port.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  API_URL, EMULATOR_URL, call, emulatorOnly, freshWorkspaceId, makeClient, uniqueName, uniqueToken,
} from '../botpress/helpers.mjs';
import { freePort, runCli, startCli, temporaryDirectory } from './process.mjs';

const token = uniqueToken('cli');
const workspaceId = freshWorkspaceId();
const handle = uniqueName('h');
const shortName = uniqueName('cli');
const name = `${handle}/${shortName}`;
const home = temporaryDirectory('bp-home-');
const client = makeClient({ token, workspaceId });

const env = { ...process.env, HOME: home, npm_config_registry: 'http://127.0.0.1:9/' };
for (const key of Object.keys(env)) if (key.startsWith('BP_')) delete env[key];

const bp = (args, options = {}) => runCli('bp', [...args, '--botpressHome', path.join(home, '.botpress')], { env, ...options });

let project;
const ON_EMULATOR = emulatorOnly('runs bp against the emulator, which is its dev tunnel server too');

test('bp login checks the token against the emulator and keeps the credentials', ON_EMULATOR, async () => {
  const { out } = await bp(['login', '--apiUrl', API_URL, '--token', token, '--workspaceId', workspaceId, '-y']);
  assert.match(out, /Logged In/);
});

test('bp init makes an integration project and bp build builds it', ON_EMULATOR, async () => {
  const parent = temporaryDirectory('bp-project-', { nearModules: true });
  await bp(['init', '--type', 'integration', '--name', shortName, '--workDir', parent, '-y']);
  project = path.join(parent, shortName);
  assert.ok(fs.existsSync(path.join(project, 'integration.definition.ts')), 'the template is in place');
  // The name carries a workspace handle, so bp deploy claims it for the (handle-less) workspace.
  setPackageName(project, name);
  const { out } = await bp(['build'], { cwd: project });
  assert.match(out, /Build completed/);
});

test('bp deploy claims the handle, then creates the integration; a second deploy updates it', ON_EMULATOR, async () => {
  const first = await bp(['deploy', '-y'], { cwd: project });
  assert.match(first.out, new RegExp(`Handle "${handle}" is now yours`));
  assert.match(first.out, /Integration deployed/);
  const workspace = await call('getWorkspace', () => client.getWorkspace({ id: workspaceId }));
  assert.equal(workspace.handle, handle);
  const { integration } = await call('getIntegrationByName', () => client.getIntegrationByName({ name, version: '0.0.1' }));
  assert.equal(integration.dev, false);
  assert.notEqual(integration.readmeUrl, '', 'deploy sends the readme file as base64');

  const second = await bp(['deploy', '-y'], { cwd: project });
  assert.match(second.out, /already exists/);
  assert.match(second.out, /Integration deployed/);
  const again = await call('getIntegrationByName', () => client.getIntegrationByName({ name, version: '0.0.1' }));
  assert.equal(again.integration.id, integration.id, 'the same version was updated, not created again');
});

test('a new version deploys beside the first, and bp integrations ls/get show them', ON_EMULATOR, async () => {
  setVersion(project, '0.0.2');
  const { out } = await bp(['deploy', '-y'], { cwd: project });
  assert.match(out, /Integration deployed/);

  const listed = await bp(['integrations', 'ls', '--name', name, '--json']);
  const versions = JSON.parse(listed.stdout).map((i) => i.version).sort();
  assert.deepEqual(versions, ['0.0.1', '0.0.2']);
  const got = await bp(['integrations', 'get', `${name}@0.0.2`, '--json']);
  assert.equal(JSON.parse(got.stdout).version, '0.0.2');
});

test('bp dev runs the integration beside the deployed version; a webhook through the emulator reaches it', ON_EMULATOR, async (t) => {
  // A handler that answers what it received, so the test sees the round trip (register stays as bp init wrote it).
  const index = path.join(project, 'src', 'index.ts');
  fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('handler: async () => {}',
    "handler: async ({ req }) => ({ status: 202, headers: { 'x-handled-by': 'bp-dev' }, body: JSON.stringify({ method: req.method, path: req.path, query: req.query, body: req.body }) })"));
  const port = await freePort();
  const dev = startCli('bp', ['dev', '-y', '--tunnelUrl', EMULATOR_URL, '--port', String(port), '--botpressHome', path.join(home, '.botpress')], { cwd: project, env });
  t.after(() => dev.stop());
  const { match: deployed } = await dev.waitFor(/Dev Integration deployed with id "([^"]+)"/, 90_000);
  await dev.waitFor(new RegExp(`Listening on port ${port}`), 30_000);
  const devId = deployed[1];

  const { integration: devIntegration } = await call('getIntegration', () => client.getIntegration({ id: devId }));
  assert.equal(devIntegration.dev, true);
  assert.equal(devIntegration.version, '0.0.2', 'the dev version has the name and version of a deployed one');
  assert.match(devIntegration.url, new RegExp(`^${EMULATOR_URL}/[0-9a-f-]{36}$`));
  const production = await call('getIntegrationByName', () => client.getIntegrationByName({ name, version: '0.0.2' }));
  assert.equal(production.integration.dev, false, 'name/version lookups still find the deployed version');

  // Install the dev integration on a bot: the platform registers it through the tunnel (the template's register throws).
  const { bot } = await call('createBot', () => client.createBot({ name: uniqueName('bot') }));
  const { bot: updated } = await call('updateBot', () => client.updateBot({ id: bot.id, integrations: { [devId]: { enabled: true, configuration: {} } } }));
  const instance = updated.integrations[devId];
  assert.equal(instance.status, 'registration_failed');
  assert.match(instance.statusReason, /Invalid configuration/);
  assert.match(instance.webhookUrl, new RegExp(`^${EMULATOR_URL}/botpress/webhooks/`));

  // A third party calls the webhook URL: the emulator forwards it down the tunnel to the handler and relays the answer.
  const response = await fetch(`${instance.webhookUrl}/github?delivery=42`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'opened' }),
  });
  assert.equal(response.status, 202);
  assert.equal(response.headers.get('x-handled-by'), 'bp-dev');
  assert.deepEqual(await response.json(), { method: 'POST', path: '/github', query: 'delivery=42', body: '{"action":"opened"}' });
});

test('bp deploy of a bot project with a hub integration creates the bot and installs it (createBot, then updateBot)', ON_EMULATOR, async () => {
  const { integrations: [telegram] } = await call('listPublicIntegrations', () => client.listPublicIntegrations({ name: 'telegram' }));
  assert.ok(telegram, 'the seeded hub has telegram');
  const parent = temporaryDirectory('bp-bot-', { nearModules: true });
  const botName = uniqueName('bot');
  await bp(['init', '--type', 'bot', '--name', botName, '--workDir', parent, '-y']);
  const botProject = path.join(parent, botName);
  const index = path.join(botProject, 'src', 'index.ts');
  const source = fs.readFileSync(index, 'utf8');
  assert.ok(source.includes('integrations: {},'), 'the bot template declares no integrations');
  fs.writeFileSync(index, source.replace('integrations: {},',
    `integrations: { telegram: { enabled: true, name: 'telegram', version: '${telegram.version}', configuration: { botToken: 'cli' } } } as any,`));

  const { out } = await bp(['deploy', '-y', '--createNewBot'], { cwd: botProject });
  const created = /Bot created with ID "([^"]+)"/.exec(out);
  assert.ok(created, out);
  const { bot } = await call('getBot', () => client.getBot({ id: created[1] }));
  const instance = bot.integrations[telegram.id];
  assert.ok(instance, `telegram is installed: ${JSON.stringify(bot.integrations)}`);
  assert.deepEqual(instance.configuration, { botToken: 'cli' });
  assert.equal(instance.status, 'registered', 'the emulator runs no production integration code');
  assert.ok(out.includes(instance.webhookUrl), 'the CLI prints the webhook URL the emulator gave');
  assert.ok(bot.deployedAt, 'a deploy sets deployedAt');
});

test('bp integrations rm deletes a deployed version', ON_EMULATOR, async () => {
  const { out } = await bp(['integrations', 'rm', `${name}@0.0.1`]);
  assert.match(out, /deleted/);
  const left = await call('listIntegrations', () => client.listIntegrations({ name }));
  assert.deepEqual(left.integrations.map((i) => i.version), ['0.0.2']);
});

// The template takes the integration's name from package.json ("integrationName").
function setPackageName(dir, integrationName) {
  const file = path.join(dir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
  pkg.integrationName = integrationName;
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
}

function setVersion(dir, version) {
  const file = path.join(dir, 'integration.definition.ts');
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /version: '[^']+'/);
  fs.writeFileSync(file, text.replace(/version: '[^']+'/, `version: '${version}'`));
}
