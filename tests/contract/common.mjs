// What every contract test file shares, whichever vendor it drives: where the emulator is, parity mode, unique names,
// readable previews of bodies, waiting for a condition, and the emulator's control plane.
//
// Environment: EMULATOR_URL, the root URL of the emulator (default http://127.0.0.1:5080); EMULATOR_ADMIN_TOKEN when it
// runs with --admin-token. Parity mode (README.md here): BOTPRESS_URL, GITBOOK_URL or MEMBRANE_URL set, with the rest of
// that vendor's account variables; then there is no emulator. The vendors' helpers (botpress/, gitbook/, membrane/)
// re-export these.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';

/**
 * Parity mode: the vendor suites talk to real vendor accounts (or anything that claims to be one) instead of the
 * emulator, to show where the emulator and the vendor differ. Set by any vendor's URL variable.
 */
export const PARITY = ['BOTPRESS_URL', 'GITBOOK_URL', 'MEMBRANE_URL'].some((name) => process.env[name]);

/** The emulator's root URL; none in parity mode, so a leftover use of the emulator fails at once. */
export const EMULATOR_URL = PARITY ? undefined : (process.env.EMULATOR_URL || 'http://127.0.0.1:5080').replace(/\/+$/, '');

/**
 * The options of a test that can pass only on the emulator (its control plane, its seeded data, a second tenant
 * minted by a new token, a callback to this machine, ...): skipped in parity mode with `why` as the reason.
 *   test('...', emulatorOnly('reads the seeded hub catalogue'), async () => { ... })
 */
export function emulatorOnly(why) {
  return PARITY ? { skip: `emulator only: ${why}` } : {};
}

/**
 * The options of a test that reads files only (this repository's schemas and test sources, the vendors' packages) and
 * calls no server: the parity run skips it, since the normal run has it already.
 */
export const filesOnly = PARITY ? { skip: 'reads files only, no server (the normal run has it)' } : {};

/**
 * One vendor's account in parity mode: `{ NAME: value }` of the variables `<prefix>_<NAME>`, every one required;
 * null on the emulator.
 */
export function parityAccount(prefix, names) {
  if (!PARITY) return null;
  const missing = names.map((name) => `${prefix}_${name}`).filter((variable) => !process.env[variable]);
  if (missing.length > 0) {
    throw new Error(`parity mode: set ${missing.join(', ')} to run the ${prefix.toLowerCase()} suite (tests/contract/README.md)`);
  }
  return Object.fromEntries(names.map((name) => [name, process.env[`${prefix}_${name}`]]));
}

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
  assert.ok(!PARITY, `parity mode has no control plane (${method} /_emulator${path}): mark the test emulatorOnly`);
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
