// JavaScript blocks: run with node, resolving packages from tests/contract/node_modules (the official clients),
// against an emulator on a free port; json and yaml blocks: parsed, and a fixture set loaded into an emulator.
import { spawnSync } from 'node:child_process'
import { symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { startServer } from './server.mjs'
import { substitute } from './shell.mjs'

const vendors = ['botpress', 'gitbook', 'membrane']

export async function runJs(block, ctx) {
  const workdir = ctx.workdir()
  symlinkSync(join(ctx.repo, 'tests/contract/node_modules'), join(workdir, 'node_modules'))
  const server = await startServer(`exec dotnet "${ctx.serverDll}" --port 0`, workdir)
  try {
    const file = join(workdir, `doc-test-${block.line}.mjs`)
    writeFileSync(file, substitute(block.text, server.root) + '\n')
    const run = spawnSync('node', [file], { cwd: workdir, encoding: 'utf8', timeout: 120_000 })
    ctx.verbose(run.stdout)
    if (run.status !== 0) {
      const at = new RegExp(`doc-test-${block.line}\\.mjs:(\\d+)`).exec(run.stderr)
      throw Object.assign(new Error(`node exited ${run.status ?? run.signal}\n${run.stderr.slice(-3000)}`),
        { line: block.line + (at ? Number(at[1]) : 1) })
    }
  } finally { await server.stop() }
}

export async function runData(block, ctx) {
  let value
  try {
    value = block.lang === 'json'
      ? JSON.parse(block.text)
      : createRequire(join(ctx.repo, 'tests/contract/package.json'))('yaml').parse(block.text, { prettyErrors: true })
  } catch (e) {
    const at = /line (\d+)/.exec(e.message)
    throw Object.assign(new Error(`does not parse: ${e.message}`), { line: block.line + (at ? Number(at[1]) : 1) })
  }
  const keys = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []
  if (keys.length && keys.every(k => vendors.includes(k))) await loadFixture(block, ctx)
}

async function loadFixture(block, ctx) {
  const server = await startServer(`exec dotnet "${ctx.serverDll}" --port 0`, ctx.workdir())
  try {
    const res = await fetch(`${server.root}/_emulator/fixtures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: block.text })
    if (!res.ok) throw Object.assign(new Error(`the emulator refuses this fixture set: ${res.status} ${await res.text()}`), { line: block.line })
  } finally { await server.stop() }
}
