// schemas/gitbook/ must match what the pinned @gitbook/api spec (spec/openapi.json) generates.
// Runs the generator's --check mode as a child process, exactly as a developer would, and
// proves on a tampered copy that the check does fail on drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

import {
  buildSchemaFiles, checkDrift, loadSpec, INTEGRATION_OPERATIONS, SUPPORTING_OPERATIONS, DRAFT_07,
} from '../scripts/export-gitbook-schemas.mjs';
import { filesOnly } from '../common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.resolve(here, '../scripts/export-gitbook-schemas.mjs');
const schemaDir = path.resolve(here, '../../../schemas/gitbook');

test('schemas/gitbook matches the @gitbook/api OpenAPI spec (no drift)', filesOnly, () => {
  const run = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0,
    `schema drift (exit ${run.status}):\n${run.stderr}${run.stdout}\n` +
    'Regenerate with: node tests/contract/scripts/export-gitbook-schemas.mjs');
});

test('the drift check fails on a changed, a missing and an extra file', filesOnly, () => {
  const { files } = buildSchemaFiles(loadSpec());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gitbook-schemas-'));
  try {
    for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
    assert.deepEqual(checkDrift(files, dir), []);

    const changed = 'getIntegrationByName.response.json';
    fs.writeFileSync(path.join(dir, changed), files.get(changed).replace('"minLength": 2', '"minLength": 3'));
    fs.rmSync(path.join(dir, 'installIntegration.request.json'));
    fs.writeFileSync(path.join(dir, 'made-up.response.json'), '{}\n');
    assert.deepEqual(checkDrift(files, dir).sort(), [
      'differs: getIntegrationByName.response.json',
      'extra (not derived from the spec, not manual): made-up.response.json',
      'missing: installIntegration.request.json',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the generated files cover all 44 operations and are NJsonSchema-friendly draft-07', filesOnly, () => {
  const names = fs.readdirSync(schemaDir).filter((f) => f.endsWith('.json'));
  const ops = new Set(names.map((f) => f.split('.')[0]));
  // Ops whose success is 204/205 only have no response file; those without body/query have none at all.
  const bodiless = ['unpublishIntegration', 'disableIntegrationDevelopmentMode', 'uninstallIntegration',
    'uninstallIntegrationFromSpace', 'uninstallIntegrationFromSite'];
  for (const op of [...INTEGRATION_OPERATIONS, ...SUPPORTING_OPERATIONS]) {
    if (bodiless.includes(op)) {
      assert.ok(!names.includes(`${op}.response.json`), `${op} has no success body`);
      continue;
    }
    assert.ok(ops.has(op), `no schema for ${op}`);
  }
  for (const op of ['setIntegrationDevelopmentMode', 'queueIntegrationTask']) {
    assert.ok(names.includes(`${op}.request.json`) && !names.includes(`${op}.response.json`), op);
  }

  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addFormat('emoji', true);
  for (const name of names) {
    const text = fs.readFileSync(path.join(schemaDir, name), 'utf8');
    for (const hostile of ['"$ref"', '"$defs"', '"prefixItems"', '"unevaluatedProperties"', '"unevaluatedItems"',
      '"discriminator"', '"nullable"']) {
      assert.ok(!text.includes(hostile), `${name} contains ${hostile}`);
    }
    const schema = JSON.parse(text);
    assert.equal(schema.$schema, DRAFT_07, name);
    assert.doesNotThrow(() => ajv.compile(schema), name);
  }
});

test('spot checks: property names survive, facts are kept, recursion is cut permissively', filesOnly, () => {
  const read = (n) => JSON.parse(fs.readFileSync(path.join(schemaDir, n), 'utf8'));
  const publish = read('publishIntegration.request.json');
  assert.deepEqual(publish.properties.title, { type: 'string', minLength: 2, maxLength: 30 });
  assert.deepEqual(publish.properties.description, { type: 'string', maxLength: 100 });
  for (const key of ['organization', 'title', 'description', 'script', 'scopes']) {
    assert.ok(publish.required.includes(key), key);
  }
  const integration = read('getIntegrationByName.response.json');
  assert.ok(integration.required.includes('owner'));
  assert.equal(integration.properties.owner.type, 'object');
  const dev = read('setIntegrationDevelopmentMode.request.json');
  assert.deepEqual(dev.properties.tunnelUrl, { type: 'string', minLength: 1, maxLength: 256 });

  // PlainObject is recursive; a string prop value must still validate.
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  ajv.addFormat('emoji', true);
  const render = ajv.compile(read('renderIntegrationUIWithPost.request.json'));
  const ok = render({
    componentId: 'c', props: { a: 's', n: 1, l: [1, 'x', { d: true }], o: { p: 'q' } },
    context: { type: 'document', theme: 'light', spaceId: 's1', editable: true },
  });
  assert.ok(ok, JSON.stringify(render.errors));
  const output = ajv.compile(read('renderIntegrationUIWithPost.response.json'));
  assert.ok(output({ type: 'element', element: { type: 'block', children: [] }, state: {}, props: {} }),
    JSON.stringify(output.errors));
});
