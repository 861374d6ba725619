// Development mode (PUT/DELETE /integrations/{name}/dev), event delivery to a real local
// tunnel, tasks (POST /integrations/{name}/tasks) and the event log (list/get events).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  makeClient, accountToken, call, callRaw, contentOf, emulatorOnly, expectGitBookError, publishFresh, installFresh,
  startTunnel, deadUrl, assertComponent, collectPages, eventually, sleep, ENDPOINT, EMULATOR_URL, GitBookAPI,
  ORGANIZATION_ID, randomSuffix, preview,
} from './helpers.mjs';

const client = makeClient(accountToken('devmode'));
const tunnels = [];
after(async () => { for (const t of tunnels) await t.close(); });
/** Tests whose events go to a tunnel on this machine: only the emulator reaches it. */
const TUNNEL = emulatorOnly('deliveries go to a tunnel on this machine');
let spaceId;
let siteId;

before(async () => {
  ({ spaceId, siteId } = await contentOf(client));
});

async function tunnel(options) {
  const t = await startTunnel(options);
  tunnels.push(t);
  return t;
}

test('setIntegrationDevelopmentMode validation: tunnelUrl 1..256 chars; unknown integration 404', async () => {
  const { name } = await publishFresh(client);
  await expectGitBookError(() => client.integrations.setIntegrationDevelopmentMode(name, { tunnelUrl: '' }), 400,
    { messageIncludes: 'tunnelUrl' });
  await expectGitBookError(() => client.integrations.setIntegrationDevelopmentMode(name,
    { tunnelUrl: `http://127.0.0.1/${'x'.repeat(240)}` }), 400, { messageIncludes: 'tunnelUrl' });
  await expectGitBookError(() => client.integrations.setIntegrationDevelopmentMode(name, {}), 400,
    { messageIncludes: 'tunnelUrl' });
  await expectGitBookError(() => client.integrations.setIntegrationDevelopmentMode('no-such-integration-x1',
    { tunnelUrl: 'http://127.0.0.1:9/t' }), 404);

  await callRaw('setIntegrationDevelopmentMode',
    () => client.integrations.setIntegrationDevelopmentMode(name, { tunnelUrl: `http://127.0.0.1/${'x'.repeat(239)}`, all: true }), 204);
  await callRaw('disableIntegrationDevelopmentMode', () => client.integrations.disableIntegrationDevelopmentMode(name), 205);
});

test('queueIntegrationTask validation: schedule 0..86400, task required, unknown integration 404', async () => {
  const { name } = await publishFresh(client);
  await expectGitBookError(() => client.integrations.queueIntegrationTask(name, { task: { a: 1 }, schedule: 86401 }), 400,
    { messageIncludes: 'schedule' });
  await expectGitBookError(() => client.integrations.queueIntegrationTask(name, { task: { a: 1 }, schedule: -1 }), 400,
    { messageIncludes: 'schedule' });
  await expectGitBookError(() => client.integrations.queueIntegrationTask(name, { schedule: 0 }), 400,
    { messageIncludes: 'task' });
  await expectGitBookError(() => client.integrations.queueIntegrationTask('no-such-integration-x1',
    { task: { a: 1 } }), 404);
  // the upper bound itself is accepted (fires later by the emulator clock; not observed here)
  await callRaw('queueIntegrationTask', () => client.integrations.queueIntegrationTask(name,
    { task: { later: true }, schedule: 86400 }), 204);
});

test('dev mode delivers installation, space, site, task and deletion events to the tunnel; the event log records them', TUNNEL, async () => {
  const t = await tunnel();
  const { name } = await publishFresh(client, { target: 'all' });
  await callRaw('setIntegrationDevelopmentMode',
    () => client.integrations.setIntegrationDevelopmentMode(name, { tunnelUrl: t.url, all: false }), 204);

  const inst = await installFresh(client, name);
  const setup = await t.waitFor((e) => e.type === 'installation_setup', { what: 'installation_setup' });
  assert.equal(setup.installationId, inst.id);

  await call('installIntegrationOnSpace', () => client.integrations.installIntegrationOnSpace(name, inst.id, { space: spaceId }));
  const spaceSetup = await t.waitFor((e) => e.type === 'space_installation_setup', { what: 'space_installation_setup' });
  assert.equal(spaceSetup.installationId, inst.id);
  assert.equal(spaceSetup.spaceId, spaceId);

  await call('installIntegrationOnSite', () => client.integrations.installIntegrationOnSite(name, inst.id, { siteId }));
  const siteSetup = await t.waitFor((e) => e.type === 'site_installation_setup', { what: 'site_installation_setup' });
  assert.equal(siteSetup.installationId, inst.id);
  assert.equal(siteSetup.siteId, siteId);

  const task = { kind: 'sync', page: 3, nested: { ok: true } };
  await callRaw('queueIntegrationTask', () => client.integrations.queueIntegrationTask(name, { task, schedule: 0 }), 204);
  const taskEvent = await t.waitFor((e) => e.type === 'task', { what: 'task' });
  assert.deepEqual(taskEvent.task, task);

  await callRaw('uninstallIntegrationFromSpace',
    () => client.integrations.uninstallIntegrationFromSpace(name, inst.id, spaceId), 205);
  const spaceDeleted = await t.waitFor((e) => e.type === 'space_installation_deleted', { what: 'space_installation_deleted' });
  assert.equal(spaceDeleted.spaceId, spaceId);
  await callRaw('uninstallIntegrationFromSite',
    () => client.integrations.uninstallIntegrationFromSite(name, inst.id, siteId), 205);
  const siteDeleted = await t.waitFor((e) => e.type === 'site_installation_deleted', { what: 'site_installation_deleted' });
  assert.equal(siteDeleted.siteId, siteId);
  await callRaw('uninstallIntegration', () => client.integrations.uninstallIntegration(name, inst.id), 205);
  const deleted = await t.waitFor((e) => e.type === 'installation_deleted', { what: 'installation_deleted' });
  assert.equal(deleted.installationId, inst.id);

  // Every delivery is a form POST as the runtime reads it: a valid Event, a valid IntegrationEnvironment whose
  // apiEndpoint is the emulator's and whose tokens call back into this tenant, and an empty fetch-body.
  const bodies = t.received.map((r) => r.body);
  for (const r of t.received) {
    assert.equal(r.method, 'POST');
    assert.match(String(r.headers['content-type']), /^multipart\/form-data; boundary=/);
    assert.deepEqual(Object.keys(r.fields).sort(), ['environment', 'event', 'fetch-body']);
    assert.equal(r.fields['fetch-body'], '');
    assertComponent('IntegrationEnvironment', r.environment, `environment of ${r.body?.type}`);
    assert.equal(r.environment.apiEndpoint, ENDPOINT);
    assert.equal(r.environment.integration.name, name);
  }
  for (const b of bodies) assertComponent('Event', b, `tunnel payload ${b?.type}`);
  const setupEnvironment = t.received.find((r) => r.body.type === 'installation_setup').environment;
  assert.equal(setupEnvironment.installation.id, inst.id);
  assert.equal(t.received.find((r) => r.body.type === 'space_installation_setup').environment.spaceInstallation.space, spaceId);
  assert.equal(t.received.find((r) => r.body.type === 'site_installation_setup').environment.siteInstallation.site, siteId);
  assert.equal(t.received.find((r) => r.body.type === 'task').environment.installation, undefined, 'a task has no installation');
  assert.equal(new Set(bodies.map((b) => b.eventId)).size, bodies.length, 'eventIds are unique');

  // The event log: newest first, every delivered event present, status success.
  const types = ['installation_setup', 'space_installation_setup', 'site_installation_setup', 'task',
    'space_installation_deleted', 'site_installation_deleted', 'installation_deleted'];
  const { data } = await call('listIntegrationEvents', () => client.integrations.listIntegrationEvents(name, { limit: 100 }));
  assert.deepEqual(data.items.map((e) => e.payload.type), [...types].reverse(), 'newest first');
  assert.equal(data.count, types.length);
  for (let i = 1; i < data.items.length; i++) {
    assert.ok(Date.parse(data.items[i - 1].createdAt) >= Date.parse(data.items[i].createdAt), 'createdAt descending');
  }
  for (const e of data.items) {
    assert.equal(e.status, 'success', `${e.payload.type} delivered`);
    assert.ok(bodies.some((b) => b.eventId === e.payload.eventId), `${e.payload.type}: the logged payload is the delivered one`);
  }
  assert.equal(data.items.find((e) => e.payload.type === 'installation_setup').installationId, inst.id);

  const { items, pages } = await collectPages('listIntegrationEvents',
    (page) => client.integrations.listIntegrationEvents(name, { page, limit: 2 }));
  assert.deepEqual(items.map((e) => e.id), data.items.map((e) => e.id), 'paging keeps the order');
  assert.equal(pages.length, Math.ceil(types.length / 2));

  const one = await call('getIntegrationEvent', () => client.integrations.getIntegrationEvent(name, data.items[0].id));
  assert.deepEqual(one.data.event, data.items[0]);
  await expectGitBookError(() => client.integrations.getIntegrationEvent(name, 'no-such-event'), 404);
  await expectGitBookError(() => client.integrations.listIntegrationEvents('no-such-integration-x1'), 404);
});

test('a failed delivery is recorded as a failed event and never fails the API call', TUNNEL, async () => {
  const { name } = await publishFresh(client);
  const dead = await deadUrl();
  await callRaw('setIntegrationDevelopmentMode',
    () => client.integrations.setIntegrationDevelopmentMode(name, { tunnelUrl: dead }), 204);
  const inst = await installFresh(client, name); // 201 despite the unreachable tunnel
  await callRaw('queueIntegrationTask', () => client.integrations.queueIntegrationTask(name, { task: { x: 1 }, schedule: 0 }), 204);

  const events = await eventually(async () => {
    const { data } = await call('listIntegrationEvents', () => client.integrations.listIntegrationEvents(name));
    const types = data.items.map((e) => e.payload.type);
    return types.includes('task') && types.includes('installation_setup') ? data.items : null;
  }, { what: 'task and installation_setup events in the log' });
  for (const e of events) assert.equal(e.status, 'failed', `${e.payload.type} could not be delivered`);
  assert.equal(events.find((e) => e.payload.type === 'installation_setup').payload.installationId, inst.id);

  // a 5xx answer from the tunnel is a failed delivery too
  const t = await tunnel({ respond: () => ({ status: 500, body: { error: 'boom' } }) });
  await callRaw('setIntegrationDevelopmentMode',
    () => client.integrations.setIntegrationDevelopmentMode(name, { tunnelUrl: t.url }), 204);
  await callRaw('queueIntegrationTask', () => client.integrations.queueIntegrationTask(name, { task: { y: 2 }, schedule: 0 }), 204);
  await t.waitFor((e) => e.type === 'task' && e.task?.y === 2, { what: 'task y=2' });
  const latest = await eventually(async () => {
    const { data } = await call('listIntegrationEvents', () => client.integrations.listIntegrationEvents(name, { limit: 1 }));
    return data.items[0]?.payload?.task?.y === 2 ? data.items[0] : null;
  }, { what: 'the y=2 task event' });
  assert.equal(latest.status, 'failed');
});

test('disableIntegrationDevelopmentMode -> 205; events no longer reach the tunnel but are still logged', TUNNEL, async () => {
  const t = await tunnel();
  const { name } = await publishFresh(client);
  await installFresh(client, name);
  await callRaw('setIntegrationDevelopmentMode',
    () => client.integrations.setIntegrationDevelopmentMode(name, { tunnelUrl: t.url, all: true }), 204);
  await callRaw('queueIntegrationTask', () => client.integrations.queueIntegrationTask(name, { task: { n: 1 } }), 204);
  await t.waitFor((e) => e.type === 'task' && e.task?.n === 1, { what: 'task n=1 (schedule defaults to now)' });

  await callRaw('disableIntegrationDevelopmentMode', () => client.integrations.disableIntegrationDevelopmentMode(name), 205);
  const count = t.received.length;
  await callRaw('queueIntegrationTask', () => client.integrations.queueIntegrationTask(name, { task: { n: 2 }, schedule: 0 }), 204);
  const logged = await eventually(async () => {
    const { data } = await call('listIntegrationEvents', () => client.integrations.listIntegrationEvents(name));
    return data.items.find((e) => e.payload.type === 'task' && e.payload.task?.n === 2);
  }, { what: 'task n=2 in the event log' });
  assert.equal(logged.payload.type, 'task');
  await sleep(300);
  assert.equal(t.received.length, count, 'nothing delivered once dev mode is off');
});

test('without dev mode, a task with schedule 0 still appears in the event log', async () => {
  const { name } = await publishFresh(client);
  await callRaw('queueIntegrationTask', () => client.integrations.queueIntegrationTask(name, { task: { plain: true }, schedule: 0 }), 204);
  const e = await eventually(async () => {
    const { data } = await call('listIntegrationEvents', () => client.integrations.listIntegrationEvents(name));
    return data.items.find((x) => x.payload.type === 'task');
  }, { what: 'task event' });
  assert.deepEqual(e.payload.task, { plain: true });
  const one = await call('getIntegrationEvent', () => client.integrations.getIntegrationEvent(name, e.id));
  assert.equal(one.data.event.id, e.id);
});

test('the tokens a delivery carries work with the official client, as the runtime\'s createContext uses them', TUNNEL, async () => {
  const t = await tunnel();
  const { name } = await publishFresh(client);
  await callRaw('setIntegrationDevelopmentMode',
    () => client.integrations.setIntegrationDevelopmentMode(name, { tunnelUrl: t.url, all: true }), 204);
  const inst = await installFresh(client, name);
  const { environment } = t.received.find((r) => r.body?.type === 'installation_setup');

  // context.api: the installation token (falls back to the integration token).
  const api = new GitBookAPI({ endpoint: environment.apiEndpoint, authToken: environment.apiTokens.installation });
  const own = await call('getIntegrationInstallationById', () => api.integrations.getIntegrationInstallationById(name, inst.id));
  assert.equal(own.data.id, inst.id);
  await expectGitBookError(() => api.integrations.installIntegration(name, { organization: ORGANIZATION_ID }), 403);

  // context.integration.api: the integration token (queueTask).
  const integrationApi = new GitBookAPI({ endpoint: environment.apiEndpoint, authToken: environment.apiTokens.integration });
  await callRaw('queueIntegrationTask', () => integrationApi.integrations.queueIntegrationTask(name, { task: { from: 'worker' } }), 204);
  const task = await t.waitFor((e) => e.type === 'task' && e.task?.from === 'worker', { what: 'the task the integration token queued' });
  assert.equal(task.task.from, 'worker');
  await expectGitBookError(() => integrationApi.integrations.publishIntegration(name, { organization: ORGANIZATION_ID, title: 'No', description: '', script: '', scopes: [] }), 403);
});

test('a tunnel URL on a host registered with /_emulator/tunnels is delivered to the registered local origin',
  emulatorOnly('registers the tunnel host with the control plane'), async () => {
  const t = await tunnel();
  const local = new URL(t.url);
  const host = `${randomSuffix(8)}-quick-tunnel.trycloudflare.com`;
  const register = await fetch(`${EMULATOR_URL}/_emulator/tunnels`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url: `https://${host}`, origin: local.origin }),
  });
  assert.equal(register.status, 201, await register.text());
  try {
    const { name } = await publishFresh(client);
    const tunnelUrl = `https://${host}${local.pathname}`;
    await callRaw('setIntegrationDevelopmentMode',
      () => client.integrations.setIntegrationDevelopmentMode(name, { tunnelUrl, all: true }), 204);
    const inst = await installFresh(client, name);
    const setup = await t.waitFor((e) => e.type === 'installation_setup', { what: 'installation_setup via the registered host' });
    assert.equal(setup.installationId, inst.id);
    const { data } = await call('getIntegrationEvent', () => client.integrations.getIntegrationEvent(name, setup.eventId));
    assert.equal(data.event.status, 'success');
    assert.ok(data.trace.logs.some((l) => l.message.includes(tunnelUrl) && l.message.includes(local.origin)), preview(data.trace));
  } finally {
    const removed = await fetch(`${EMULATOR_URL}/_emulator/tunnels/${host}`, { method: 'DELETE' });
    assert.equal(removed.status, 204);
  }
});
