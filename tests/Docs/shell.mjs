// Shell blocks: run as written against an emulator on a free port (only the documented address 127.0.0.1:5080 /
// localhost:5080 is replaced by the real one). A line that starts the server (`dotnet run --project
// src/Emulator.Server [-- OPTIONS]`) starts the built server with its OPTIONS and `--port 0` (not `dotnet run`, which
// would rebuild the project under the test's feet); it must reach health, and the lines after it run against it.
// A block of option lines (each starting with `--`) starts the server once per line.
import { spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServer } from './server.mjs'

const serverLine = /^dotnet run --project src\/Emulator\.Server(?:\s+--\s+(.*?))?\s*$/
const scriptTimeoutMs = 180_000

export const substitute = (text, root) =>
  text.replace(/\b(127\.0\.0\.1|localhost):5080\b/g, (_, host) => `${host}:${new URL(root).port}`)

export async function runShell(block, ctx) {
  const lines = block.text.split('\n')
  if (block.marker?.mode === 'syntax-only') return syntaxOnly(block, ctx)
  if (lines.filter(l => l.trim()).every(l => l.trimStart().startsWith('--'))) return optionLines(block, lines, ctx)
  const workdir = ctx.workdir()
  // Segments: the default server for the lines before the first start line, then one per start line.
  const starts = lines.flatMap((l, i) => (serverLine.test(l) ? [i] : []))
  const bounds = [0, ...starts, lines.length].filter((v, i, a) => a.indexOf(v) === i)
  for (let s = 0; s < bounds.length - 1; s++) {
    const [from, to] = [bounds[s], bounds[s + 1]]
    const start = serverLine.exec(lines[from])
    const command = `exec dotnet "${ctx.serverDll}" ${withFreePort(start?.[1] ?? '')}`
    const server = await startOrFail(block, block.line + 1 + from, command, workdir)
    try {
      const first = start ? from + 1 : from
      if (first < to) runScript(block, lines, first, to, server.root, workdir, ctx)
    } finally { await server.stop() }
  }
}

function runScript(block, lines, from, to, root, workdir, ctx) {
  const script = [`source "${ctx.prelude}"`, ...lines.map((l, i) => (i >= from && i < to ? substitute(l, root) : ''))].join('\n')
  const file = join(workdir, `.doc-test-${block.line}.sh`)
  writeFileSync(file, script + '\n')
  const run = spawnSync('bash', [file], { cwd: workdir, encoding: 'utf8', timeout: scriptTimeoutMs, env: ctx.env })
  ctx.verbose(run.stdout)
  if (run.status === 0) return
  const at = /doc-test-line=(\d+)/.exec(run.stderr)
  const line = block.line + (at ? Number(at[1]) : 1)
  throw Object.assign(new Error(`exit ${run.status ?? run.signal}: ${lines[line - block.line - 1]?.trim()}\n${run.stdout.slice(-2000)}${run.stderr.replace(/doc-test-line=\d+\n?/, '')}`), { line })
}

async function optionLines(block, lines, ctx) {
  for (const [i, line] of lines.entries()) {
    if (!line.replace(/(^|\s+)#\s.*$/, '').trim()) continue
    const server = await startOrFail(block, block.line + 1 + i, `exec dotnet "${ctx.serverDll}" ${withFreePort(line)}`, ctx.workdir())
    await server.stop()
  }
}

function withFreePort(text) {
  const options = text.replace(/(^|\s+)#\s.*$/, '').trim()
  return /--port\s+\S+/.test(options) ? options.replace(/--port\s+\S+/, '--port 0') : `${options} --port 0`.trim()
}

async function startOrFail(block, line, command, workdir) {
  try { return await startServer(command, workdir) }
  catch (e) { throw Object.assign(new Error(`${command}: ${e.message}`), { line }) }
}

// Blocks that cannot run here (they need another tool running, or take minutes): bash parses them, and every
// command that is a path into a directory of this repository (`scripts/fuzz.sh`) must find its file.
function syntaxOnly(block, ctx) {
  const check = spawnSync('bash', ['-n'], { input: block.text, encoding: 'utf8' })
  if (check.status !== 0) throw Object.assign(new Error(`bash -n: ${check.stderr}`), { line: block.line })
  for (const [i, line] of block.text.split('\n').entries()) {
    const word = line.replace(/^\s*(\w+=\S*\s+)*/, '').split(/\s+/)[0]
    const top = word.replace(/^\.\//, '').split('/')[0]
    if (/^\.?\.?[\w.-]*\/[\w./-]+$/.test(word) && existsSync(join(ctx.repo, top)) && !existsSync(join(ctx.repo, word)))
      throw Object.assign(new Error(`${word} does not exist in the repository`), { line: block.line + 1 + i })
  }
}
