// Conventions the official client cannot exercise, checked with plain HTTP. The client copies
// only the known top-level keys of an input into the body, so an unknown top-level key never
// reaches the server through it. Error bodies are still classified with the client's errorFrom.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as botpress from '@botpress/client';
import { API_URL, WORKSPACE_ID, accountToken, uniqueName } from './helpers.mjs';

const token = accountToken('raw');

async function send(method, path, body, headers = {}) {
  const res = await fetch(`${API_URL}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'x-workspace-id': WORKSPACE_ID,
      'content-type': 'application/json',
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: res.status, body: json };
}

test('an unknown top-level key in a create body -> 400 InvalidPayload naming the key', async () => {
  const res = await send('POST', '/v1/admin/integrations', { name: uniqueName(), version: '1.0.0', bogusTopLevel: 1 });
  assert.equal(res.status, 400);
  const err = botpress.errorFrom(res.body);
  assert.ok(err instanceof botpress.InvalidPayloadError, `got ${JSON.stringify(res.body)}`);
  assert.match(err.message, /bogusTopLevel/);
});

test('an unknown top-level key in an update body -> 400 InvalidPayload naming the key', async () => {
  const created = await send('POST', '/v1/admin/integrations', { name: uniqueName(), version: '1.0.0' });
  assert.equal(created.status, 200, JSON.stringify(created.body));
  const res = await send('PUT', `/v1/admin/integrations/${created.body.integration.id}`, { unknownUpdateKey: true });
  assert.equal(res.status, 400);
  const err = botpress.errorFrom(res.body);
  assert.ok(err instanceof botpress.InvalidPayloadError, `got ${JSON.stringify(res.body)}`);
  assert.match(err.message, /unknownUpdateKey/);
});

test('error envelope has id, code, type and message', async () => {
  const res = await send('GET', '/v1/admin/integrations/intver_01JAAAAAAAAAAAAAAAAAAAAAAA');
  assert.equal(res.status, 404);
  assert.equal(typeof res.body.id, 'string');
  assert.equal(res.body.code, 404);
  assert.equal(res.body.type, 'ResourceNotFound');
  assert.equal(typeof res.body.message, 'string');
});
