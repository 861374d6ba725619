// The docs test: runs every fenced code block of README.md and fixtures/README.md as written (see README.md in this
// folder). Usage: node tests/Docs/run.mjs [--configuration Debug] [--only FILE:LINE[,FILE:LINE...]] [--verbose]
// [--documents A.md,B.md] (repository-relative; default README.md and fixtures/README.md). Exit 1 when a block fails,
// naming its file and line.
import { mkdtempSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { extractBlocks } from './blocks.mjs'
import { runCsharp } from './csharp.mjs'
import { runData, runJs } from './node.mjs'
import { runShell } from './shell.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '../..')
const arg = name => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined }
const documents = arg('--documents')?.split(',') ?? ['README.md', 'fixtures/README.md']
const configuration = arg('--configuration') ?? process.env.CONFIGURATION ?? 'Debug'
const only = arg('--only')?.split(',')
const verbose = process.argv.includes('--verbose')

const scratch = mkdtempSync(join(tmpdir(), 'doc-test-'))
const ctx = {
  repo, configuration,
  serverDll: join(repo, `src/Emulator.Server/bin/${configuration}/net10.0/emulator.dll`),
  prelude: join(here, 'prelude.sh'),
  env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('EMULATOR_'))), DOTNET_NOLOGO: '1' },
  verbose: text => { if (verbose && text) process.stdout.write(text) },
  // A fresh working directory per block: the repository's top-level entries linked in (so `fixtures/...` and
  // `src/...` resolve as in a clone) and an empty `overrides/` (the reader's own mappings in the docs).
  workdir() {
    const dir = mkdtempSync(join(scratch, 'block-'))
    for (const entry of readdirSync(repo)) if (entry !== '.git') symlinkSync(join(repo, entry), join(dir, entry))
    mkdirSync(join(dir, 'overrides'))
    return dir
  },
}

const runners = { bash: runShell, sh: runShell, shell: runShell, js: runJs, javascript: runJs, mjs: runJs, json: runData, yaml: runData, yml: runData }
const blocks = documents.flatMap(file => extractBlocks(join(repo, file), file))
  .filter(b => !only || only.includes(`${b.file}:${b.line}`))
const failures = []
const listed = []
const where = b => `${b.file}:${b.line}`

try {
  for (const block of blocks) {
    if (block.marker?.mode === 'skip') { listed.push(`${where(block)} skipped (${block.lang || 'text'}): ${block.marker.reason}`); continue }
    if (block.lang === 'csharp' || block.lang === 'cs') continue
    const runner = runners[block.lang]
    if (!runner) { listed.push(`${where(block)} ${block.lang || 'no language'}: no runner (output, trees, config shown as text)`); continue }
    if (block.marker) listed.push(`${where(block)} ${block.marker.mode} (${block.lang}): ${block.marker.reason}`)
    const started = Date.now()
    try {
      await runner(block, ctx)
      console.log(`ok   ${where(block)} ${block.lang} (${Date.now() - started} ms)`)
    } catch (e) {
      failures.push({ block, line: e.line ?? block.line, message: e.message })
      console.log(`FAIL ${where(block)} ${block.lang}`)
    }
  }
  const csharp = blocks.filter(b => (b.lang === 'csharp' || b.lang === 'cs') && b.marker?.mode !== 'skip')
  for (const b of csharp.filter(b => b.marker)) listed.push(`${where(b)} ${b.marker.mode} (csharp): ${b.marker.reason}`)
  const csharpFailures = runCsharp(csharp, ctx)
  failures.push(...csharpFailures)
  if (csharp.length) console.log(`${csharpFailures.length ? 'FAIL' : 'ok  '} ${csharp.length} csharp blocks (${csharp.map(where).join(', ')})`)
} finally {
  rmSync(scratch, { recursive: true, force: true })
}

if (listed.length) console.log(`\nNot run as written (marked with <!-- doc-test: MODE reason -->, or no runner for the language):\n  ${listed.join('\n  ')}`)
for (const f of failures) console.error(`\n${f.block.file}:${f.line}: error: ${f.message.trimEnd()}`)
console.log(`\ndocs test: ${blocks.length} blocks, ${failures.length} failure(s)`)
process.exit(failures.length ? 1 : 0)
