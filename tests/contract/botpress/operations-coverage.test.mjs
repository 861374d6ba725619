// Every Botpress operation the emulator serves (20 integration operations from the spec,
// rotateIntegrationSigningSecrets, and the bot, workspace and interface operations of
// EXTRA_OPERATIONS) is driven through the official client, with its body validated, by at least
// one test file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPECTED_OPERATIONS, EXTRA_OPERATIONS } from '../scripts/export-botpress-schemas.mjs';
import { filesOnly } from '../common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const OPERATIONS = [...EXPECTED_OPERATIONS, 'rotateIntegrationSigningSecrets', ...EXTRA_OPERATIONS];

test(`each of the ${OPERATIONS.length} operations is called via call() with the official client`, filesOnly, () => {
  const sources = fs.readdirSync(here)
    .filter((f) => f.endsWith('.test.mjs') && f !== path.basename(fileURLToPath(import.meta.url)))
    .map((f) => fs.readFileSync(path.join(here, f), 'utf8'))
    .join('\n');
  const missing = OPERATIONS.filter((op) =>
    !new RegExp(`call\\('${op}',\\s*\\(\\)\\s*=>\\s*\\w+\\.${op}\\(`).test(sources));
  assert.deepEqual(missing, [], `operations not driven through call('<op>', () => client.<op>(...)): ${missing}`);
});
