// schemas/botpress/ must match what the pinned @botpress/api spec generates.
// Runs the generator's --check mode as a child process, exactly as a developer would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesOnly } from '../common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.resolve(here, '../scripts/export-botpress-schemas.mjs');
const schemaDir = path.resolve(here, '../../../schemas/botpress');

test('schemas/botpress matches the @botpress/api OpenAPI export (no drift)', filesOnly, () => {
  const run = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0,
    `schema drift (exit ${run.status}):\n${run.stderr}${run.stdout}\n` +
    'Regenerate with: node tests/contract/scripts/export-botpress-schemas.mjs');
});

test('hand-written rotateIntegrationSigningSecrets schemas are present and draft-07', filesOnly, () => {
  for (const name of ['rotateIntegrationSigningSecrets.request.json', 'rotateIntegrationSigningSecrets.response.json']) {
    const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, name), 'utf8'));
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#', name);
    assert.equal(schema.type, 'object', name);
    assert.equal(schema.additionalProperties, false, name);
  }
  const response = JSON.parse(fs.readFileSync(path.join(schemaDir, 'rotateIntegrationSigningSecrets.response.json'), 'utf8'));
  assert.deepEqual(response.required, ['newSigningSecret']);
  assert.deepEqual(response.properties.newSigningSecret, { type: 'string' });
});
