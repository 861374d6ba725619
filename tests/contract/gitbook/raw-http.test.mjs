// Conventions the official client cannot express, checked with plain HTTP: the error envelope
// ({"error":{"code","message"}} with code = HTTP status), the /v1 prefix under the vendor
// mount, Location headers of the three install operations, and bodiless 204/205 responses.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  API_BASE, ENDPOINT, rawFetch, accountToken, uniqueName, publishBody, assertConforms, assertComponent,
  assertLocation, contentOf, emulatorOnly, makeClient, ORGANIZATION_ID,
} from './helpers.mjs';

const token = accountToken('raw');
let spaceId;
let siteId;

before(async () => {
  ({ spaceId, siteId } = await contentOf(makeClient(token)));
});

function assertEnvelope(res, status) {
  assert.equal(res.status, status, res.text);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assertComponent('Error', res.json, `${status} body`);
  assert.equal(res.json.error.code, status, 'error.code equals the HTTP status');
  assert.equal(typeof res.json.error.message, 'string');
  assert.ok(res.json.error.message.length > 0);
}

test('error envelope on 401, 404, 400 and 409', async () => {
  assertEnvelope(await rawFetch('/integrations'), 401);
  assertEnvelope(await rawFetch('/integrations/no-such-integration-x1', { token }), 404);
  assertEnvelope(await rawFetch('/integrations?limit=5000', { token }), 400);

  const name = uniqueName('raw');
  const pub = await rawFetch(`/integrations/${name}`, { token, method: 'POST', body: publishBody() });
  assert.equal(pub.status, 200, pub.text);
  const inst = await rawFetch(`/integrations/${name}/installations`, { token, method: 'POST', body: { organization: ORGANIZATION_ID } });
  assert.equal(inst.status, 201, inst.text);
  assertEnvelope(await rawFetch(`/integrations/${name}/installations`, { token, method: 'POST', body: { organization: ORGANIZATION_ID } }), 409);
});

test('error envelope on 412: rendering without development mode',
  emulatorOnly('it runs no integration code, so it renders only through a dev-mode tunnel'), async () => {
  const name = uniqueName('raw');
  assert.equal((await rawFetch(`/integrations/${name}`, { token, method: 'POST', body: publishBody() })).status, 200);
  const inst = await rawFetch(`/integrations/${name}/installations`, { token, method: 'POST', body: { organization: ORGANIZATION_ID } });
  assert.equal(inst.status, 201, inst.text);
  const render = await rawFetch(`/integrations/${name}/render`, {
    token, method: 'POST',
    body: { componentId: 'c', props: {}, context: { type: 'document', theme: 'light', spaceId, editable: true } },
  });
  assertEnvelope(render, 412);
});

test('a malformed JSON body -> 400 envelope', async () => {
  const res = await fetch(`${API_BASE}/integrations/${uniqueName('raw')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{"organization": ',
  });
  const text = await res.text();
  assertEnvelope({ status: res.status, headers: res.headers, text, json: JSON.parse(text) }, 400);
});

test('the API is served under <endpoint>/v1 only', async () => {
  assert.ok(API_BASE.startsWith(ENDPOINT));
  const ok = await rawFetch('/user', { token });
  assert.equal(ok.status, 200, ok.text);
  assertConforms('getAuthenticatedUser', ok.json);
  const noVersion = await fetch(`${ENDPOINT}/user`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(noVersion.status, 404);
});

test('201 Location headers of the three install operations; 204/205 without body', async () => {
  const name = uniqueName('rawloc');
  assert.equal((await rawFetch(`/integrations/${name}`, { token, method: 'POST', body: publishBody({ target: 'all' }) })).status, 200);

  const inst = await rawFetch(`/integrations/${name}/installations`, { token, method: 'POST', body: { organization: ORGANIZATION_ID } });
  assert.equal(inst.status, 201, inst.text);
  assertConforms('installIntegration', inst.json);
  const orgLoc = assertLocation(inst, `/integrations/${name}/installations/${inst.json.id}`);
  const followed = await fetch(new URL(orgLoc, API_BASE + '/'), { headers: { authorization: `Bearer ${token}` } });
  assert.equal(followed.status, 200, 'the Location resolves to the installation');
  assert.equal((await followed.json()).id, inst.json.id);

  const space = await rawFetch(`/integrations/${name}/installations/${inst.json.id}/spaces`,
    { token, method: 'POST', body: { space: spaceId } });
  assert.equal(space.status, 201, space.text);
  assertConforms('installIntegrationOnSpace', space.json);
  assertLocation(space, `/integrations/${name}/installations/${inst.json.id}/spaces/${spaceId}`);

  const site = await rawFetch(`/integrations/${name}/installations/${inst.json.id}/sites?extended=true`,
    { token, method: 'POST', body: { siteId } });
  assert.equal(site.status, 201, site.text);
  assertConforms('installIntegrationOnSite', site.json);
  assert.equal(site.json.site.id, siteId);
  assertLocation(site, `/integrations/${name}/installations/${inst.json.id}/sites/${siteId}`);

  for (const [path, status] of [
    [`/integrations/${name}/installations/${inst.json.id}/sites/${siteId}`, 205],
    [`/integrations/${name}/installations/${inst.json.id}/spaces/${spaceId}`, 205],
    [`/integrations/${name}/installations/${inst.json.id}`, 205],
    [`/integrations/${name}/installations/${inst.json.id}`, 204],
    [`/integrations/${name}`, 205],
    [`/integrations/${name}`, 204],
  ]) {
    const res = await rawFetch(path, { token, method: 'DELETE' });
    assert.equal(res.status, status, `DELETE ${path}`);
    assert.equal(res.text, '', `DELETE ${path}: no body`);
  }
});

test('query strings: booleans as true/false, unknown keys ignored', async () => {
  const res = await rawFetch('/integrations?blocks=true&limit=2&unknownKey=1', { token });
  assert.equal(res.status, 200, res.text);
  assertConforms('listIntegrations', res.json);
  for (const i of res.json.items) assert.ok((i.blocks ?? []).length > 0);
  const bad = await rawFetch('/integrations?blocks=maybe', { token });
  assertEnvelope(bad, 400);
});
