// The "Client coverage" tables of README.md are what scripts/client-coverage.mjs derives from the pinned clients and
// the running emulator's routes (GET /_emulator/routes): a table that no longer matches the code fails here.
//
// Environment: EMULATOR_URL, the root URL of the emulator (default http://127.0.0.1:5080).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  BOTPRESS_CLI_ACCOUNT_CALLS, END, README, START, fetchRoutes, lineDiff, replaceSection, routeMatcher, shapeOf,
} from '../scripts/client-coverage.mjs';
import { EMULATOR_URL, emulatorOnly, filesOnly } from './helpers.mjs';

const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../scripts/client-coverage.mjs');
const ROUTES = emulatorOnly('reads the emulator\'s routes (GET /_emulator/routes)');

test('README.md client coverage is what the clients and the emulator\'s routes say (client-coverage.mjs --check)', ROUTES, async () => {
  // A child process: the script probes browser-only SDK code, which must not run inside the test runner.
  const run = await promisify(execFile)(process.execPath, [script, '--check'], { env: { ...process.env, EMULATOR_URL } })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (error) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }));
  assert.equal(run.code, 0, `${run.stdout}${run.stderr}`);
  assert.match(run.stdout, /up to date/);
});

test('the Botpress table has a row for every account call of the bp CLI, and a summary line per vendor', filesOnly, () => {
  const readme = fs.readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf(START), readme.indexOf(END));
  for (const name of BOTPRESS_CLI_ACCOUNT_CALLS) assert.match(section, new RegExp(`^\\| \`client\\.${name}\` \\| \`[A-Z]+ /v1/admin/`, 'm'), name);
  for (const pkg of ['@botpress/client', '@gitbook/api', '@membranehq/sdk']) {
    assert.match(section, new RegExp(`^\\*\\*${pkg} [0-9.]+\\*\\* — \\d+ of \\d+ methods emulated\\.$`, 'm'), pkg);
  }
});

test('GET /_emulator/routes lists vendor routes; a client path matches by shape, not by parameter names', ROUTES, async () => {
  const routes = await fetchRoutes(EMULATOR_URL);
  assert.ok(routes.some((r) => r.vendor === 'botpress' && r.method === 'GET' && r.route === '/botpress/v1/admin/integrations/{id}'));
  assert.ok(routes.every((r) => r.route.startsWith(`/${r.vendor}/`)), 'no control-plane route');
  const serves = routeMatcher(routes, 'botpress');
  assert.equal(shapeOf('/v1/admin/integrations/{name}/{version}'), '/v1/admin/integrations/{}/{}');
  assert.ok(serves({ method: 'GET', path: '/v1/admin/integrations/{integrationId}' }));
  assert.ok(serves({ method: 'GET', path: '/v1/admin/integrations/iaks' }));
  assert.ok(!serves({ method: 'PATCH', path: '/v1/admin/integrations/{id}' }), 'the method counts');
  assert.ok(!serves({ method: 'GET', path: '/v1/admin/integrations/{id}/nothing' }));
  assert.ok(!routeMatcher(routes, 'gitbook')({ method: 'GET', path: '/v1/admin/integrations/{id}' }), 'per vendor');
});

test('the section is replaced between its markers only, and a difference reads as a line diff', filesOnly, () => {
  const readme = `# T\n\n${START}\nold\n${END}\n\n## After\n`;
  assert.equal(replaceSection(readme, `${START}\nnew\n${END}`), `# T\n\n${START}\nnew\n${END}\n\n## After\n`);
  assert.throws(() => replaceSection('# no markers\n', 'x'), /needs exactly one/);
  assert.throws(() => replaceSection(`${START}\n${END}\n${START}\n${END}\n`, 'x'), /needs exactly one/);
  assert.equal(lineDiff('a\nb\nc', 'a\nB\nc'), '  a\n- b\n+ B\n  c');
  assert.equal(lineDiff('1\n2\n3\n4\n5\n6\n7\n8', 'one\n2\n3\n4\n5\n6\n7\neight'),
    '- 1\n+ one\n  2\n  3\n…\n  6\n  7\n- 8\n+ eight');
});
