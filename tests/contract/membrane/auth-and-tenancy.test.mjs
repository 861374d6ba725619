// Authentication, tenancy and transport, through the official SDK (and raw fetch where the SDK
// cannot send the request).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  API_URI, MembraneClient, IntegrationAppClient, SEED, accountToken, checkIntegration, checkIntegrationList, conforms,
  decodeJwt, emulatorOnly, expectMembraneError, makeClient, makeJwt, rawFetch, recording, requireMembrane, S, uniqueKey,
  uniqueToken, wire,
} from './helpers.mjs';

before(requireMembrane);
/** Tests of the emulator's tenancy by JWT payload: it checks no signature, the vendor needs the workspace secret. */
const UNSIGNED = emulatorOnly('signs JWTs with made-up secrets, which only the emulator accepts');

test('no token (raw fetch): 401 {type:"bad_request", key:"not_authenticated"} on every route', async () => {
  for (const [method, p, body] of [
    ['GET', '/integrations'],
    ['GET', '/integrations/hubspot'],
    ['POST', '/integrations', { name: 'x' }],
    ['PATCH', '/integrations/hubspot', { name: 'x' }],
    ['GET', '/integrations/hubspot/actions'],
    ['POST', '/connection-options', { integrationKey: 'hubspot' }],
  ]) {
    const res = await rawFetch(p, { method, body });
    assert.equal(res.status, 401, `${method} ${p}: ${res.text}`);
    assert.match(res.headers.get('content-type') || '', /application\/json/);
    assert.equal(res.json?.type, 'bad_request', `${method} ${p}`);
    assert.equal(res.json?.key, 'not_authenticated', `${method} ${p}`);
    conforms(S.error, res.json, 'error.response', `${method} ${p} 401 body`);
  }
});

test('the SDK itself refuses tokens that are neither pat- nor JWT-shaped (no request is sent)', async () => {
  const before = wire.length;
  await assert.rejects(makeClient('not-a-pat').integrations.find(), /Access token should be a valid JWT token/);
  await assert.rejects(new MembraneClient({ apiUri: API_URI }).integrations.find(), /Access token is not provided/);
  assert.equal(wire.length, before, 'no HTTP request');
  assert.throws(() => new MembraneClient({ apiUri: API_URI, token: 'pat-x', baseUrl: 'x' }), /Unrecognized key/);
  assert.equal(IntegrationAppClient, MembraneClient);
});

test('every request carries Authorization: Bearer <token> and membrane-api-version 2025-10-21', async () => {
  const token = accountToken('auth');
  const [, sent] = await recording(() => makeClient(token).integrations.find({ limit: 1 }));
  assert.equal(sent.length, 1);
  assert.equal(sent[0].headers.Authorization, `Bearer ${token}`);
  assert.equal(sent[0].headers['membrane-api-version'], '2025-10-21');
  assert.equal(sent[0].path, new URL(API_URI).pathname + '/integrations?limit=1');
});

test('pat- tokens: each token is its own tenant with a fresh copy of the seeded data',
  emulatorOnly('needs a second account (any new token is one)'), async () => {
  const a = makeClient(uniqueToken('auth-a'));
  const b = makeClient(uniqueToken('auth-b'));
  const key = uniqueKey('tenant');
  const created = checkIntegration(await a.integrations.create({ key, name: 'Tenant A only', connectorKey: 'stripe' }));
  checkIntegration(await a.integration(key).get());
  checkIntegration(await a.integration(created.id).get());
  await expectMembraneError(b.integration(key).get(), { key: 'not_found' });
  await expectMembraneError(b.integration(created.id).get(), { key: 'not_found' });

  // A write in A is invisible in B's copy of a seeded integration.
  const patched = checkIntegration(await a.integration('hubspot').patch({ description: 'changed in A' }));
  assert.equal(patched.description, 'changed in A');
  const inB = checkIntegration(await b.integration('hubspot').get());
  assert.notEqual(inB.description, 'changed in A');

  // Both tenants start with the same seed.
  const keysOf = async (c) => (await c.integrations.findAll({ includeArchived: true })).map((i) => i.key).sort();
  const seeded = [...SEED.integrationKeys, SEED.archivedKey].sort();
  assert.deepEqual((await keysOf(b)), seeded);
  assert.deepEqual((await keysOf(a)).filter((k) => k !== key), seeded);
});

test('JWT tokens: the tenant is (iss, id) of the payload; the signature and exp are not part of it', UNSIGNED, async () => {
  const iss = `ws-${crypto.randomBytes(6).toString('hex')}`;
  const id = `tenant-${crypto.randomBytes(6).toString('hex')}`;
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const one = makeClient(makeJwt({ iss, id, exp }, 'secret-1'));
  const two = makeClient(makeJwt({ iss, id, exp: exp + 60, extra: 1 }, 'secret-2'));
  const other = makeClient(makeJwt({ iss, id: `${id}-other`, exp }, 'secret-1'));
  const key = uniqueKey('jwt');
  checkIntegration(await one.integrations.create({ key, connectorKey: 'notion' }));
  checkIntegration(await two.integration(key).get());
  await expectMembraneError(other.integration(key).get(), { key: 'not_found' });
});

test('workspaceKey + workspaceSecret + tenantKey: same keys share a tenant, another tenantKey does not', UNSIGNED, async () => {
  const workspaceKey = `ws-${crypto.randomBytes(6).toString('hex')}`;
  const tenantKey = `customer-${crypto.randomBytes(6).toString('hex')}`;
  const mk = (t, secret = 'workspace-secret') => new MembraneClient({ apiUri: API_URI, workspaceKey, workspaceSecret: secret, tenantKey: t });
  const first = mk(tenantKey);
  const second = mk(tenantKey, 'another-secret'); // differently signed JWT, same (iss, id)
  const stranger = mk(`${tenantKey}-2`);

  const key = uniqueKey('ws');
  const [created, sent] = await recording(() => first.integrations.create({ key, name: 'Shared', connectorKey: 'jira' }));
  checkIntegration(created);
  const jwt = sent[0].headers.Authorization.replace(/^Bearer /, '');
  const payload = decodeJwt(jwt);
  assert.equal(payload.iss, workspaceKey);
  assert.equal(payload.id, tenantKey);
  assert.ok(payload.exp > Date.now() / 1000);

  const seen = checkIntegration(await second.integration(key).get());
  assert.equal(seen.id, created.id);
  const list = checkIntegrationList(await second.integrations.find({ search: key }));
  assert.deepEqual(list.items.map((i) => i.key), [key]);
  await expectMembraneError(stranger.integration(key).get(), { key: 'not_found' });
  assert.ok(!(await stranger.integrations.findAll()).some((i) => i.key === key));

  // The SDK re-mints when < 60 s remain; a re-minted JWT (new exp, new signature) keeps the tenant.
  const expiring = makeJwt({ id: tenantKey, iss: workspaceKey, exp: Math.floor(Date.now() / 1000) + 30 }, 'x');
  first.token = expiring;
  const [again, sent2] = await recording(() => first.integration(key).get());
  checkIntegration(again);
  const reminted = sent2[0].headers.Authorization.replace(/^Bearer /, '');
  assert.notEqual(reminted, expiring);
  assert.deepEqual({ ...decodeJwt(reminted), exp: 0 }, { id: tenantKey, iss: workspaceKey, exp: 0 });
  assert.ok(decodeJwt(reminted).exp >= payload.exp);
});
