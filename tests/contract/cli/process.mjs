// Running the vendors' CLIs from node_modules/.bin in the CLI workflow tests: one-shot commands bounded by a timeout,
// long-running ones (dev modes) read until a line appears, temporary directories, free loopback ports.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const contractDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmpRoot = path.join(contractDir, '.tmp');
const made = [];

process.on('exit', () => {
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

function binary(name) {
  return path.join(contractDir, 'node_modules', '.bin', name);
}

/** Runs `name args` to completion; rejects on a non-zero exit or after `timeout` ms, with everything it printed. */
export function runCli(name, args, { cwd = contractDir, env = process.env, timeout = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(binary(name), args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} ${args.join(' ')} did not finish within ${timeout} ms:\n${stdout}${stderr}`));
    }, timeout);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code) => {
      clearTimeout(timer);
      const out = stdout + stderr;
      if (code === 0) resolve({ code, stdout, stderr, out });
      else reject(new Error(`${name} ${args.join(' ')} exited with ${code}:\n${out}`));
    });
  });
}

/**
 * Starts a long-running `name args` (a dev mode). `waitFor(regex, timeout)` resolves with the match once its output
 * shows it; `stop()` sends SIGINT, then SIGKILL if it has not exited within 10 s.
 */
export function startCli(name, args, { cwd = contractDir, env = process.env } = {}) {
  const child = spawn(binary(name), args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const waiters = new Set();
  const exited = new Promise((resolve) => child.on('close', resolve));
  const check = () => {
    for (const waiter of waiters) {
      const match = out.match(waiter.regex);
      if (match) { waiters.delete(waiter); waiter.resolve(match); }
    }
  };
  child.stdout.on('data', (d) => { out += d; check(); });
  child.stderr.on('data', (d) => { out += d; check(); });
  exited.then((code) => {
    for (const waiter of waiters) waiter.reject(new Error(`${name} exited (${code}) before printing ${waiter.regex}:\n${out}`));
    waiters.clear();
  });
  return {
    get output() { return out; },
    waitFor(regex, timeout = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name} did not print ${regex} within ${timeout} ms:\n${out}`)), timeout);
        const waiter = {
          regex,
          resolve: (m) => { clearTimeout(timer); resolve(m); },
          reject: (e) => { clearTimeout(timer); reject(e); },
        };
        waiters.add(waiter);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // The CLI's own children (the dev worker) are in its process group.
      const signal = (s) => { try { process.kill(-child.pid, s); } catch { /* already gone */ } };
      signal('SIGINT');
      const timer = setTimeout(() => signal('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
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
