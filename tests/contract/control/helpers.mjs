// Shared by the control-plane contract tests: the emulator's root URL, a call to its /_emulator routes, unique names.
//
// Environment: EMULATOR_URL, the root URL of the emulator (default http://127.0.0.1:5080).

import crypto from 'node:crypto';

export const EMULATOR_URL = (process.env.EMULATOR_URL || 'http://127.0.0.1:5080').replace(/\/+$/, '');

// The Botpress client falls back to BP_* environment variables; these tests pass everything explicitly.
for (const name of ['BP_API_URL', 'BP_TOKEN', 'BP_WORKSPACE_ID', 'BP_BOT_ID', 'BP_INTEGRATION_ID']) delete process.env[name];

/** 16 random hex digits, for names and tokens no other test uses. */
export function unique() {
  return crypto.randomBytes(8).toString('hex');
}

/** Calls a control-plane route (`path` after `/_emulator`); a string body is sent as is, anything else as JSON. */
export async function control(method, path, body) {
  const response = await fetch(`${EMULATOR_URL}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}
