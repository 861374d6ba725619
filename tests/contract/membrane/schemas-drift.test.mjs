// schemas/membrane/ must match what the pinned @membranehq/sdk zod schemas generate.
// Runs the generator's --check mode as a child process, exactly as a developer would, and
// proves on a tampered copy that the check does fail on drift. Needs no emulator.
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
  buildSchemaFiles, checkDrift, DRAFT_07, MANUAL, TARGETS, ELEMENT_KINDS, sdk, sdkVersion,
} from '../scripts/export-membrane-schemas.mjs';
import { filesOnly } from '../common.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const script = path.resolve(here, '../scripts/export-membrane-schemas.mjs');
const schemaDir = path.resolve(here, '../../../schemas/membrane');
const read = (n) => JSON.parse(fs.readFileSync(path.join(schemaDir, n), 'utf8'));

test('schemas/membrane matches the @membranehq/sdk zod schemas (no drift)', filesOnly, () => {
  const run = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0,
    `schema drift (exit ${run.status}):\n${run.stderr}${run.stdout}\n` +
    'Regenerate with: node tests/contract/scripts/export-membrane-schemas.mjs');
});

test('the drift check fails on a changed, a missing, an extra and a missing hand-written file', filesOnly, () => {
  const { files } = buildSchemaFiles();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'membrane-schemas-'));
  try {
    for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
    for (const name of MANUAL) fs.copyFileSync(path.join(schemaDir, name), path.join(dir, name));
    assert.deepEqual(checkDrift(files, dir), []);

    const changed = 'integration.response.json';
    const text = files.get(changed);
    assert.ok(text.includes('"logoUri"'));
    fs.writeFileSync(path.join(dir, changed), text.replace('"logoUri"', '"logoUrl"'));
    fs.rmSync(path.join(dir, 'createIntegration.request.json'));
    fs.writeFileSync(path.join(dir, 'made-up.response.json'), '{}\n');
    fs.rmSync(path.join(dir, 'operations.response.json'));
    assert.deepEqual(checkDrift(files, dir).sort(), [
      'differs: integration.response.json',
      'extra (not derived from the SDK, not manual): made-up.response.json',
      'missing hand-written file: operations.response.json',
      'missing: createIntegration.request.json',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('generation is byte-reproducible', filesOnly, () => {
  const a = buildSchemaFiles().files;
  const b = buildSchemaFiles().files;
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [name, text] of a) assert.equal(b.get(name), text, name);
});

/** Every keyword position of a schema (not property names), for structural checks. */
function* keywords(node, where = '#') {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) yield* keywords(node[i], `${where}/${i}`);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    yield [k, where];
    if (k === 'properties' || k === 'patternProperties') {
      for (const [name, sub] of Object.entries(v)) yield* keywords(sub, `${where}/${k}/${name}`);
    } else if (!['enum', 'const', 'required', 'default'].includes(k)) {
      yield* keywords(v, `${where}/${k}`);
    }
  }
}

test('every listed file exists, is self-contained draft-07 and compiles', filesOnly, () => {
  const expected = [...TARGETS.map((t) => t.file), ...MANUAL].sort();
  const onDisk = fs.readdirSync(schemaDir).filter((f) => f.endsWith('.json')).sort();
  assert.deepEqual(onDisk, expected);
  const readme = fs.readFileSync(path.join(schemaDir, 'README.md'), 'utf8');
  for (const name of expected) {
    const generic = name.replace(/^(action|flow|dataSource|fieldMapping)(?=[.L])/, '<kind>');
    assert.ok(readme.includes('`' + name + '`') || readme.includes('`' + generic + '`'), `README does not list ${name}`);
  }
  const ajv = new Ajv({ strict: false, allErrors: false });
  addFormats(ajv);
  for (const name of expected) {
    const schema = read(name);
    assert.equal(schema.$schema, DRAFT_07, name);
    for (const [k, where] of keywords(schema)) {
      assert.ok(!['$ref', '$defs', 'definitions', 'description', 'title', 'examples'].includes(k),
        `${name}: keyword ${k} at ${where}`);
    }
    assert.doesNotThrow(() => ajv.compile(schema), name);
  }
});

test('spot checks: 37 integration properties, required fields, closed response objects, open requests', filesOnly, () => {
  const integration = read('integration.response.json');
  assert.equal(Object.keys(integration.properties).length, 37, `at SDK ${sdkVersion()}`);
  assert.equal(Object.keys(integration.properties).length, Object.keys(sdk.IntegrationApiResponse.shape).length);
  assert.deepEqual(integration.required, ['id', 'name', 'logoUri']);
  assert.equal(integration.additionalProperties, false);
  assert.deepEqual(integration.properties.connection.required, ['id', 'name', 'userId', 'createdAt', 'updatedAt']);
  assert.equal(integration.properties.errors.items.required[0], 'message');

  const list = read('integrationList.response.json');
  assert.deepEqual(list.required, ['items']);
  assert.deepEqual(list.properties.cursor, { type: 'string' });
  const { $schema, ...integrationBody } = integration;
  assert.deepEqual(list.properties.items.items, integrationBody);

  const create = read('createIntegration.request.json');
  assert.equal(create.required, undefined, 'every CreateIntegrationRequest key is optional');
  assert.equal(create.additionalProperties, undefined, 'requests are open (zod strips unknown keys)');
  assert.deepEqual(create.properties.oAuthCallbackUri.anyOf[1], { type: 'string', const: '' });

  const query = read('findIntegrations.query.json');
  assert.deepEqual(query.properties.limit, { type: 'integer', minimum: 1, maximum: 1000 });
  assert.deepEqual(query.properties.includeArchived, { type: 'boolean' });
  for (const { kind } of ELEMENT_KINDS) {
    const q = read(`${kind}.list.query.json`);
    for (const [name, prop] of Object.entries(q.properties)) {
      assert.equal(typeof prop.type, 'string', `${kind}.list.query ${name} has one plain type`);
    }
    const el = read(`${kind}.response.json`);
    assert.deepEqual(el.required, ['id', 'name']);
    const elList = read(`${kind}List.response.json`);
    assert.deepEqual(Object.keys(elList.properties), ['items', 'cursor']);
  }

  // DataSchema property names survive (title/description/type are keys of DataSchema itself).
  const action = read('action.response.json');
  assert.deepEqual(action.properties.inputSchema.properties.title, { type: 'string' });
  assert.deepEqual(action.properties.inputSchema.properties.$ref, { type: 'string' });

  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  const validate = ajv.compile(integration);
  assert.ok(validate({ id: 'i1', name: 'N', logoUri: '' }), JSON.stringify(validate.errors));
  assert.ok(!validate({ id: 'i1', name: 'N', logoUri: '', extra: 1 }), 'unknown key rejected');
  assert.ok(!validate({ id: 'i1', name: 'N', logoUri: '', key: null }), 'null is not "optional"');
  assert.ok(validate({
    id: 'i1', name: 'N', logoUri: '', state: 'CONFIGURATION_ERROR',
    errors: [{ type: 'configuration', message: 'missing', causedByError: { message: 'deep', anything: 1 } }],
  }), JSON.stringify(validate.errors));
});
