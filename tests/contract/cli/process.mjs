// Running the vendors' CLIs from node_modules/.bin in the CLI workflow tests: one-shot commands bounded by a timeout,
// long-running ones (dev modes) read until a line appears, temporary directories, free loopback ports. Every CLI runs
// in its own process group (its workers too), killed when the test process exits if it is still there.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const contractDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmpRoot = path.join(contractDir, '.tmp');
const made = [];
const running = new Set();

process.on('exit', () => {
  for (const child of running) killGroup(child);
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh directory, removed when the test process exits. `nearModules`: under tests/contract/.tmp, so that a project
 * built there (esbuild resolves packages upward from the project) finds the SDKs in tests/contract/node_modules.
 */
export function temporaryDirectory(prefix, { nearModules = false } = {}) {
  const parent = nearModules ? tmpRoot : os.tmpdir();
  fs.mkdirSync(parent, { recursive: true });
  const dir = fs.mkdtempSync(path.join(parent, prefix));
  made.push(dir);
  return dir;
}

/** Sends `signal` to the process group of `child` (the CLI and what it started). */
export function killGroup(child, signal = 'SIGKILL') {
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

/**
 * Starts `name args` (a binary of node_modules/.bin) in its own process group; `input` is written to its stdin.
 * Returns { child, exited (→ {code, signal}), output() (→ {stdout, stderr}), waitFor(regex, timeout) (→ {match,
 * stdout, stderr} once the output shows it; fails if the CLI exits first), stop() (SIGINT to the group, SIGKILL after
 * 10 s) }.
 */
export function startCli(name, args, { cwd = contractDir, env = process.env, input } = {}) {
  const child = spawn(path.join(contractDir, 'node_modules', '.bin', name), args, {
    cwd, env, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  if (input !== undefined) child.stdin.end(input);
  let stdout = '';
  let stderr = '';
  const waiters = new Set();
  const output = () => ({ stdout, stderr });
  const check = () => {
    for (const waiter of waiters) {
      const match = stdout.match(waiter.regex) ?? stderr.match(waiter.regex);
      if (match) { waiters.delete(waiter); waiter.resolve({ match, stdout, stderr }); }
    }
  };
  child.stdout.on('data', (d) => { stdout += d; check(); });
  child.stderr.on('data', (d) => { stderr += d; check(); });
  const exited = new Promise((resolve) => child.on('close', (code, signal) => {
    running.delete(child);
    for (const waiter of waiters) waiter.reject(new Error(`${name} exited (${code ?? signal}) before printing ${waiter.regex}:\n${stdout}\n${stderr}`));
    waiters.clear();
    resolve({ code, signal });
  }));
  return {
    child,
    exited,
    output,
    waitFor(regex, timeout = 60_000) {
      return new Promise((resolve, reject) => {
        if (!running.has(child)) {
          reject(new Error(`${name} has exited; it did not print ${regex}:\n${stdout}\n${stderr}`));
          return;
        }
        const timer = setTimeout(() => reject(new Error(`${name} did not print ${regex} within ${timeout} ms:\n${stdout}\n${stderr}`)), timeout);
        waiters.add({
          regex,
          resolve: (m) => { clearTimeout(timer); resolve(m); },
          reject: (e) => { clearTimeout(timer); reject(e); },
        });
        check();
      });
    },
    async stop() {
      if (!running.has(child)) return;
      killGroup(child, 'SIGINT');
      const timer = setTimeout(() => killGroup(child), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs `name args` to completion; rejects on a non-zero exit or after `timeout` ms, with everything it printed. */
export async function runCli(name, args, { timeout = 120_000, ...options } = {}) {
  const run = startCli(name, args, options);
  const timer = setTimeout(() => killGroup(run.child), timeout);
  const { code, signal } = await run.exited;
  clearTimeout(timer);
  const { stdout, stderr } = run.output();
  const out = stdout + stderr;
  if (signal === 'SIGKILL') throw new Error(`${name} ${args.join(' ')} did not finish within ${timeout} ms:\n${out}`);
  if (code !== 0) throw new Error(`${name} ${args.join(' ')} exited with ${code ?? signal}:\n${out}`);
  return { code, stdout, stderr, out };
}

/** A TCP port free on loopback right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
