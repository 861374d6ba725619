// The docs test's own test: runs it on selftest/broken.md, whose blocks are each broken in one way, and checks that
// every one fails with the file and line of its fault (so the docs test can fail, and says where).
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const file = 'tests/Docs/selftest/broken.md'
const expected = [
  [7, /HTTP 404 .*reset/],                       // a curl answered 404: the hard-coded tenant
  [11, /exited \(code 2\)[\s\S]*--seed-count/],  // an option line the server refuses
  [16, /no-such-script\.sh does not exist/],     // syntax-only: a path that is not there
  [22, /node exited 1/],                         // a js block that throws
  [26, /does not parse/],                        // a json block that is not JSON
  [29, /refuses this fixture set: 400/],         // a fixture set the emulator refuses
  [34, /CS0103: .*IntegrationsEmulator/],        // a C# snippet without its using line
]
const run = spawnSync('node', [join(here, 'run.mjs'), '--documents', file, ...process.argv.slice(2)], { encoding: 'utf8' })
const output = run.stdout + run.stderr
const problems = []
if (run.status !== 1) problems.push(`exit code ${run.status}, expected 1`)
for (const [line, pattern] of expected) {
  const error = output.split(/\n(?=\S+:\d+: error: )/).find(e => e.startsWith(`${file}:${line}: error: `))
  if (!error) problems.push(`no error reported at ${file}:${line}`)
  else if (!pattern.test(error)) problems.push(`${file}:${line}: error does not match ${pattern}:\n${error}`)
}
const reported = [...output.matchAll(/^(\S+:\d+): error: /gm)].map(m => m[1])
for (const where of reported) if (!expected.some(([line]) => where === `${file}:${line}`)) problems.push(`unexpected error at ${where}`)
if (problems.length) {
  console.error(`docs test self-test FAILED:\n  ${problems.join('\n  ')}\n---- its output\n${output}`)
  process.exit(1)
}
console.log(`docs test self-test: all ${expected.length} broken blocks reported at their lines`)
