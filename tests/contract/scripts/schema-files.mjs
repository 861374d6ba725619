// The generated files of one schemas/<vendor>/ directory, shared by the export-*-schemas.mjs scripts:
// their text, the drift check, the write (stale generated files removed, hand-written MANUAL ones never
// touched) and the scripts' command line (--check compares only and exits 1 on drift, otherwise writes).
// What each vendor derives, and from what, stays in its own script.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/** The file text of a schema: a draft-07 document, 2-space JSON, newline-terminated. */
export function schemaText(schema) {
  return JSON.stringify({ $schema: DRAFT_07, ...schema }, null, 2) + '\n';
}

/** A copy of Map<fileName, text> in file-name order (code-unit order, as the files are listed). */
export function sortedByName(files) {
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Whether the module at `moduleUrl` is the script node was started with (`node <script>`), not an import. */
export function isMain(moduleUrl) {
  return Boolean(process.argv[1]) && moduleUrl === pathToFileURL(path.resolve(process.argv[1])).href;
}

/**
 * The schema files of one vendor's directory.
 *   dir            the directory (schemas/<vendor>)
 *   manual         hand-written file names: never generated, overwritten or deleted; must exist
 *   generatedName  which file names there the script owns (a generated name not generated is "extra")
 *   source         what generated files derive from, in the "extra" problem: 'spec' or 'SDK'
 *   manualDraft07  also require every hand-written file to parse and carry the draft-07 $schema
 * Returns { dir, checkDrift(files, dir?), writeFiles(files, dir?), missingManual() }.
 */
export function schemaFiles({ dir, manual, generatedName, source, manualDraft07 = false }) {
  function diskFiles(at) {
    if (!fs.existsSync(at)) return [];
    return fs.readdirSync(at).filter((f) => generatedName.test(f) && !manual.includes(f)).sort();
  }

  /** Compares generated files with the disk. Returns a list of human-readable problems. */
  function checkDrift(files, at = dir) {
    const problems = [];
    for (const [name, text] of files) {
      const file = path.join(at, name);
      if (!fs.existsSync(file)) problems.push(`missing: ${name}`);
      else if (fs.readFileSync(file, 'utf8') !== text) problems.push(`differs: ${name}`);
    }
    for (const name of diskFiles(at)) {
      if (!files.has(name)) problems.push(`extra (not derived from the ${source}, not manual): ${name}`);
    }
    for (const name of manual) {
      const file = path.join(at, name);
      if (!fs.existsSync(file)) {
        problems.push(`missing hand-written file: ${name}`);
        continue;
      }
      if (!manualDraft07) continue;
      try {
        const parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
        if (parsed.$schema !== DRAFT_07) problems.push(`hand-written file without the draft-07 $schema: ${name}`);
      } catch (e) {
        problems.push(`hand-written file is not JSON: ${name} (${e.message})`);
      }
    }
    return problems;
  }

  /** Writes the files that differ and removes stale generated ones: { written, removed }. */
  function writeFiles(files, at = dir) {
    fs.mkdirSync(at, { recursive: true });
    let written = 0;
    for (const [name, text] of files) {
      const file = path.join(at, name);
      if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) continue;
      fs.writeFileSync(file, text);
      written++;
    }
    const removed = diskFiles(at).filter((name) => !files.has(name));
    for (const name of removed) fs.rmSync(path.join(at, name));
    return { written, removed };
  }

  const missingManual = () => manual.filter((name) => !fs.existsSync(path.join(dir, name)));

  return { dir, checkDrift, writeFiles, missingManual };
}

/**
 * The command line of an export script, once `files` (Map<fileName, text>) are built for `schemas`
 * (a schemaFiles()): with `check`, reports drift and returns 1 if any; otherwise writes. Returns the exit code.
 *   against      the source and version, as messages name it ("@botpress/api 1.70.2")
 *   regenerate   the command that rewrites the files, quoted in the drift message
 *   matchedNote  appended to the no-drift line; writtenNote to the written line
 *   writtenFrom  the written line also names `against`
 *   warnMissingManual(names)  called after a write with the hand-written files that are missing
 */
export function checkOrWrite(schemas, files, {
  check, against, regenerate, matchedNote = '', writtenNote = '', writtenFrom = false, warnMissingManual = () => {},
}) {
  const rel = path.relative(process.cwd(), schemas.dir) || '.';
  if (check) {
    const problems = schemas.checkDrift(files);
    if (problems.length > 0) {
      console.error(`schemas/${path.basename(schemas.dir)} drift against ${against} ` +
        `(regenerate with: ${regenerate}):`);
      for (const p of problems) console.error(`  ${p}`);
      return 1;
    }
    console.log(`${rel}: ${files.size} generated files match ${against}${matchedNote}`);
    return 0;
  }

  const { written, removed } = schemas.writeFiles(files);
  console.log(`${rel}: ${files.size} generated files${writtenFrom ? ` from ${against}` : ''} (${written} written, ` +
    `${removed.length} stale removed${removed.length ? `: ${removed.join(', ')}` : ''})${writtenNote}`);
  warnMissingManual(schemas.missingManual());
  return 0;
}
