// What every contract test file shares, whichever vendor it drives: where the emulator is, unique names, readable
// previews of bodies, waiting for a condition, and the emulator's control plane.
//
// Environment: EMULATOR_URL, the root URL of the emulator (default http://127.0.0.1:5080); EMULATOR_ADMIN_TOKEN when it
// runs with --admin-token. The vendors' helpers (botpress/, gitbook/, membrane/) re-export these.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';

export const EMULATOR_URL = (process.env.EMULATOR_URL || 'http://127.0.0.1:5080').replace(/\/+$/, '');

/** Lowercase letters and digits, random: for names and tokens no other test (or run) uses. */
export function randomSuffix(length = 10) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** 16 random hex digits. */
export function unique() {
  return crypto.randomBytes(8).toString('hex');
}

/** A value as JSON for a failure message, cut at `max` characters. */
export function preview(value, max = 2000) {
  let text;
  try {
    text = JSON.stringify(value, null, 1);
  } catch {
    text = undefined;
  }
  if (text === undefined) return String(value);
  return text.length > max ? `${text.slice(0, max)} …` : text;
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `fn` (async, returns a truthy value when done) until it succeeds or `timeout`. */
export async function eventually(fn, { timeout = 5000, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) assert.fail(`${what} not reached within ${timeout} ms (last: ${preview(last, 800)})`);
    await sleep(interval);
  }
}

/** Calls a control-plane route (`path` after `/_emulator`); a string body is sent as is, anything else as JSON. */
export async function control(method, path, body) {
  const headers = body === undefined ? {} : { 'content-type': 'application/json' };
  if (process.env.EMULATOR_ADMIN_TOKEN) headers.authorization = `Bearer ${process.env.EMULATOR_ADMIN_TOKEN}`;
  const response = await fetch(`${EMULATOR_URL}/_emulator${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}
