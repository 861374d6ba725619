// Starts an emulator (the built server, or a command line that starts one) and waits until it answers healthy.
import { spawn } from 'node:child_process'

const startTimeoutMs = 120_000
const running = new Set()
// The servers run in their own process groups: stop them when the docs test itself is stopped.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => { for (const c of running) kill(c, 'SIGKILL'); process.exit(130) })
// What the docs document is the server's defaults: EMULATOR_* variables of the caller's environment stay out.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('EMULATOR_')))
const kill = (child, signal) => { try { process.kill(-child.pid, signal) } catch { } }

/** Runs `command` (a bash command line) in its own process group; resolves with the root URL once healthy. */
export async function startServer(command, cwd) {
  const child = spawn('bash', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(child)
  let log = ''
  child.stdout.on('data', d => { log += d })
  child.stderr.on('data', d => { log += d })
  const exited = new Promise(resolve => child.on('exit', code => { running.delete(child); resolve(code) }))
  const server = { child, get log() { return log }, root: null, stop: () => stopServer(child, exited) }
  const deadline = Date.now() + startTimeoutMs
  let code = null
  exited.then(c => { code = c ?? 'signal' })
  while (Date.now() < deadline) {
    if (code !== null) throw new Error(`the server exited (code ${code}) before it was healthy:\n${log}`)
    const m = /^control\s+(http:\/\/\S+)\/_emulator\/health\s*$/m.exec(log)
    if (m && await healthy(m[1])) { server.root = m[1]; return server }
    await new Promise(r => setTimeout(r, 100))
  }
  await server.stop()
  throw new Error(`the server was not healthy within ${startTimeoutMs / 1000} s:\n${log}`)
}

async function healthy(root) {
  try {
    const res = await fetch(`${root}/_emulator/health`)
    return res.ok && (await res.json()).status === 'ok'
  } catch { return false }
}

async function stopServer(child, exited) {
  if (child.exitCode !== null || child.signalCode !== null) return
  kill(child, 'SIGTERM')
  const timer = setTimeout(() => kill(child, 'SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
