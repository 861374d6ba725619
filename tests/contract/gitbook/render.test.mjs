// UI rendering: POST /integrations/{name}/render and GET ...?request=<lz-string>. The emulator
// runs no integration code: without dev mode it answers 412; with dev mode it forwards a
// `ui_render` event to the tunnel and returns the tunnel's ContentKitRenderOutput.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import LZString from 'lz-string';
import {
  makeClient, accountToken, call, callRaw, contentOf, emulatorOnly, expectGitBookError, publishFresh, installFresh,
  startTunnel, assertComponent, componentValidator,
} from './helpers.mjs';

const client = makeClient(accountToken('render'));
const tunnels = [];
after(async () => { for (const t of tunnels) await t.close(); });
/** Tests that render through a tunnel on this machine: only the emulator reaches it. */
const TUNNEL = emulatorOnly('rendering goes to a tunnel on this machine');
let spaceId;

before(async () => {
  ({ spaceId } = await contentOf(client));
});

const OUTPUT = {
  type: 'element',
  element: { type: 'block', children: [{ type: 'text', children: ['Hello from the tunnel'] }] },
  state: { count: 1 },
  // PlainObject in spec 0.202.0 has no `type: object`, so any primitive value matches both its
  // self-reference and the primitive branch of its oneOf: only (nested) empty objects validate.
  props: {},
};

function renderRequest(overrides = {}) {
  return {
    componentId: 'preview',
    props: { url: 'https://example.com', depth: 2, tags: ['a', 'b'], nested: { on: true } },
    context: { type: 'document', theme: 'light', spaceId, editable: true },
    ...overrides,
  };
}

async function setup({ devMode }) {
  const blocks = [{ id: 'preview', title: 'Preview block' }];
  const { name } = await publishFresh(client, { target: 'space', blocks });
  const inst = await installFresh(client, name);
  await call('installIntegrationOnSpace', () => client.integrations.installIntegrationOnSpace(name, inst.id, { space: spaceId }));
  let t = null;
  if (devMode) {
    t = await startTunnel({ respond: (event) => (event?.type === 'ui_render' ? { status: 200, body: OUTPUT } : { status: 200, body: {} }) });
    tunnels.push(t);
    await callRaw('setIntegrationDevelopmentMode',
      () => client.integrations.setIntegrationDevelopmentMode(name, { tunnelUrl: t.url }), 204);
  }
  return { name, inst, tunnel: t };
}

test('the sample output conforms to the spec; the spec\'s PlainObject rejects primitive prop values', () => {
  assertComponent('ContentKitRenderOutput', OUTPUT);
  assertComponent('RenderIntegrationUI', renderRequest({ props: {} }));
  // Documents a spec quirk (see the note on OUTPUT.props): if this starts to hold, the spec was fixed
  // and OUTPUT.props can carry real values again.
  const validate = componentValidator('PlainObject');
  assert.equal(validate({ url: 'https://example.com' }), false, 'PlainObject quirk is gone from the spec');
  assert.equal(validate({ nested: {} }), true);
});

test('without dev mode, render -> 412 (POST and GET)',
  emulatorOnly('it runs no integration code, so it renders only through a dev-mode tunnel'), async () => {
  const { name } = await setup({ devMode: false });
  await expectGitBookError(() => client.integrations.renderIntegrationUiWithPost(name, renderRequest()), 412);
  const request = LZString.compressToEncodedURIComponent(JSON.stringify(renderRequest()));
  await expectGitBookError(() => client.integrations.renderIntegrationUiWithGet(name, { request }), 412);
});

test('render with POST forwards a ui_render event to the tunnel and returns its output', TUNNEL, async () => {
  const { name, inst, tunnel } = await setup({ devMode: true });
  const body = renderRequest({ state: { step: 1 }, action: { action: 'next' } });
  const res = await call('renderIntegrationUIWithPost', () => client.integrations.renderIntegrationUiWithPost(name, body));
  assert.deepEqual(res.data, OUTPUT);

  const event = await tunnel.waitFor((e) => e.type === 'ui_render', { what: 'ui_render' });
  assert.equal(typeof event.eventId, 'string');
  assert.equal(event.installationId, inst.id);
  assert.equal(event.componentId, body.componentId);
  assert.deepEqual(event.props, body.props);
  assert.deepEqual(event.context, body.context);
  assert.deepEqual(event.state, body.state);
  assert.deepEqual(event.action, body.action);

  // If the emulator logs ui_render events, they must conform too (listIntegrationEvents is validated).
  await call('listIntegrationEvents', () => client.integrations.listIntegrationEvents(name));
});

test('render with GET (?request=<lz-string compressToEncodedURIComponent>) behaves like POST', TUNNEL, async () => {
  const { name, tunnel } = await setup({ devMode: true });
  const body = renderRequest({ componentId: 'preview', props: { url: 'https://example.org/?q=1&x=ü' } });
  const request = LZString.compressToEncodedURIComponent(JSON.stringify(body));
  const res = await call('renderIntegrationUIWithGet', () => client.integrations.renderIntegrationUiWithGet(name, { request }));
  assert.deepEqual(res.data, OUTPUT);
  const event = await tunnel.waitFor((e) => e.type === 'ui_render', { what: 'ui_render' });
  assert.deepEqual(event.props, body.props, 'the lz-string payload was decoded exactly');
  assert.deepEqual(event.context, body.context);
});

test('render errors: unknown integration 404; invalid body / request 400', TUNNEL, async () => {
  const { name } = await setup({ devMode: true });
  await expectGitBookError(() => client.integrations.renderIntegrationUiWithPost('no-such-integration-x1', renderRequest()), 404);
  const missing = renderRequest();
  delete missing.componentId;
  await expectGitBookError(() => client.integrations.renderIntegrationUiWithPost(name, missing), 400,
    { messageIncludes: 'componentId' });
  await expectGitBookError(() => client.integrations.renderIntegrationUiWithGet(name, { request: 'not-lz-json!!' }), 400,
    { messageIncludes: 'request' });
  await expectGitBookError(() => client.integrations.renderIntegrationUiWithGet(name, {}), 400,
    { messageIncludes: 'request' });
});
