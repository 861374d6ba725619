// Every covered GitBook operation (37 integration ops + 7 supporting reads) is driven through
// the official client by at least one test file: JSON ops via call('<op>', () => x.<ns>.<method>(
// and bodiless ops via callRaw('<op>', () => x.<ns>.<method>(.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GitBookAPI } from '@gitbook/api';
import { INTEGRATION_OPERATIONS, SUPPORTING_OPERATIONS } from '../scripts/export-gitbook-schemas.mjs';
import { successInfo } from './helpers.mjs';
import { filesOnly } from '../common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const OPERATIONS = [...INTEGRATION_OPERATIONS, ...SUPPORTING_OPERATIONS];

// The client's method names follow the operationIds except for the two render ops ("UI" -> "Ui").
const CLIENT_METHOD = { renderIntegrationUIWithGet: 'renderIntegrationUiWithGet', renderIntegrationUIWithPost: 'renderIntegrationUiWithPost' };

test('the client exposes a method for each of the 44 operations', filesOnly, () => {
  const api = new GitBookAPI({ endpoint: 'http://127.0.0.1:1' });
  const missing = [];
  for (const op of OPERATIONS) {
    const method = CLIENT_METHOD[op] ?? op;
    const found = Object.keys(api).some((ns) => api[ns] && typeof api[ns] === 'object' && typeof api[ns][method] === 'function');
    if (!found) missing.push(op);
  }
  assert.deepEqual(missing, []);
});

test('each of the 44 operations is called via call()/callRaw() with the official client', filesOnly, () => {
  const sources = fs.readdirSync(here)
    .filter((f) => f.endsWith('.test.mjs') && f !== path.basename(fileURLToPath(import.meta.url)))
    .map((f) => fs.readFileSync(path.join(here, f), 'utf8'))
    .join('\n');
  const missing = OPERATIONS.filter((op) => {
    const helper = successInfo(op) ? 'call' : 'callRaw';
    const method = CLIENT_METHOD[op] ?? op;
    return !new RegExp(`${helper}\\('${op}',\\s*\\(\\)\\s*=>\\s*\\w+\\.\\w+\\.${method}\\(`).test(sources);
  });
  assert.deepEqual(missing, [], `operations not driven through call/callRaw('<op>', () => client.<ns>.<method>(...)): ${missing}`);
});
