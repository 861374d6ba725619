// The dashboard in a real browser: Debian's chromium, headless, driven by playwright-core (no browser download).
// The page is opened once, then the official Botpress client calls the API and the page shows the call without a
// reload; a request is opened for its body; a fault is added from the form and the next call fails with it; the clock
// is frozen and advanced; a tenant is reset after confirming; a second emulator with --admin-token is logged into.
// Every request the browser makes must stay on loopback. A screenshot is saved under tests/contract/test-results/.
//
// Environment: EMULATOR_URL (the emulator under test), EMULATOR_DLL (the server, for the admin-token emulator this
// test starts; default: the Debug build), CHROMIUM (default /usr/bin/chromium).

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as botpress from '@botpress/client';
import { chromium } from 'playwright-core';
import { eventually } from '../common.mjs';
import { EMULATOR_URL, control, emulatorOnly, unique } from './helpers.mjs';

const ONLY = emulatorOnly('drives the emulator dashboard in a browser');
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const results = path.resolve(here, '../test-results');
const WORKSPACE = 'wkspace_01JEMULATEDEFAULTWORKSPACE';
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

let browser;
const offLoopback = [];

before(async () => {
  if (ONLY.skip) return;
  fs.mkdirSync(results, { recursive: true });
  assert.ok(fs.existsSync(executablePath), `no browser at ${executablePath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM`);
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
});

/** A page that records every request it makes that leaves loopback. */
async function openPage(url, context) {
  const page = await (context ?? browser).newPage();
  page.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) offLoopback.push(request.url());
  });
  page.on('pageerror', (error) => offLoopback.push(`page error: ${error.message}`));
  await page.goto(url);
  return page;
}

test('the dashboard shows calls live, steers faults, the clock and resets, and loads nothing from outside', ONLY, async () => {
  const page = await openPage(`${EMULATOR_URL}/_emulator/`);
  await page.locator('#base-urls').getByText(`${EMULATOR_URL}/botpress`).waitFor();
  assert.match(await page.locator('#snippets').innerText(), /@botpress\/client[\s\S]*@gitbook\/api[\s\S]*@membranehq\/sdk[\s\S]*IntegrationsEmulator/);

  // A call through the official client appears without a reload; opening it shows its body.
  await page.click('[data-tab=requests]');
  const token = `bp_pat_dash${unique()}`;
  const client = new botpress.Client({ apiUrl: `${EMULATOR_URL}/botpress`, token, workspaceId: WORKSPACE });
  const name = `dash-${unique()}`;
  const { integration } = await client.createIntegration({ name, version: '0.1.0', title: 'Dashboard test' });
  // The journal records a request once its answer is sent: it may land just after the client has the answer.
  const created = await eventually(async () => {
    const { json: journal } = await control('GET', '/requests?method=POST&path=/botpress/v1/admin/integrations&limit=20');
    return journal.requests.find((entry) => entry.requestBody?.includes(name));
  }, { what: 'the create call in the journal' });
  const row = page.locator(`#journal tbody tr[data-id="${created.id}"]`);
  await row.waitFor({ timeout: 5000 });
  await row.click();
  await page.locator('#request-detail .request-body').getByText(name).waitFor();
  assert.match(await page.locator('#request-detail .response-body').innerText(), new RegExp(integration.id));
  assert.match(await page.locator('#request-detail table.headers').innerText(), /authorization\s+\[REDACTED\]/i);

  // A fault added from the form makes the next matching call fail with it.
  await page.click('[data-tab=steer]');
  const form = page.locator('#fault-form');
  await form.locator('select[name=vendor]').selectOption('botpress');
  await form.locator('select[name=method]').selectOption('GET');
  await form.locator('input[name=path]').fill(`/v1/admin/integrations/${integration.id}`);
  await form.locator('input[name=status]').fill('503');
  await form.locator('input[name=times]').fill('1');
  await form.locator('button[type=submit]').click();
  const faultRow = page.locator('#faults tbody tr', { hasText: integration.id });
  await faultRow.waitFor();
  const faultId = await faultRow.getAttribute('data-fault');
  await assert.rejects(client.getIntegration({ id: integration.id }), (error) => error instanceof botpress.InternalError);
  await page.click('[data-tab=requests]');
  await page.locator('#journal tbody tr', { hasText: `fault ${faultId}` }).waitFor();
  await page.click('[data-tab=steer]');
  await page.locator(`#faults tbody tr[data-fault="${faultId}"]`).getByRole('button', { name: 'remove' }).click();
  await page.locator(`#faults tbody tr[data-fault="${faultId}"]`).waitFor({ state: 'detached' });

  // The clock: freeze, advance by an hour, back to real time.
  await page.click('#clock-freeze');
  await page.locator('#clock-state').getByText('frozen').waitFor();
  const frozenAt = Date.parse(await page.locator('#clock-now').innerText());
  await page.fill('#clock-advance-by', 'PT1H');
  await page.click('#clock-advance');
  await page.waitForFunction((expected) => Date.parse(document.querySelector('#clock-now').textContent) === expected, frozenAt + 3_600_000);
  assert.equal((await control('GET', '/clock')).json.frozen, true);
  await page.click('#clock-real');
  await page.locator('#clock-state').getByText('running').waitFor();
  assert.ok(Math.abs(Date.parse((await control('GET', '/clock')).json.now) - Date.now()) < 5000, 'back to the machine clock');

  // A tenant reset after confirming: the integration it created is gone.
  const tenant = created.tenant;
  await page.click('[data-tab=tenants]');
  await page.locator(`table[data-vendor=botpress] tr[data-tenant="${tenant}"]`).click();
  await page.locator('#collections button[data-collection=integrations]').click();
  await page.locator('#collections button.active[data-collection=integrations]').waitFor();
  await page.fill('#collection-search', integration.id);
  await page.locator('#collection-page').getByText('1–1 of 1').waitFor();
  await page.locator('#collection-page summary', { hasText: integration.id }).click();
  assert.match(await page.locator('#collection-page pre').innerText(), new RegExp(`"name": "${name}"`));
  await page.screenshot({ path: path.join(results, 'dashboard-tenant.png'), fullPage: true });
  const dialog = page.waitForEvent('dialog').then((d) => { assert.match(d.message(), new RegExp(`Reset botpress tenant ${tenant}`)); return d.accept(); });
  await page.click('#tenant-reset');
  await dialog;
  await page.locator('#message').getByText(`Reset botpress tenant ${tenant}.`).waitFor();
  await assert.rejects(client.getIntegration({ id: integration.id }), (error) => error instanceof botpress.ResourceNotFoundError);

  await page.click('[data-tab=requests]');
  const screenshot = path.join(results, 'dashboard.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`dashboard screenshot: ${screenshot}`);
  await page.close();
  assert.deepEqual(offLoopback, [], 'the page loads nothing from outside loopback and raises no script error');
});

test('with --admin-token the browser gets the login form, and the dashboard after logging in', ONLY, async () => {
  const adminToken = `admin-${unique()}`;
  const server = await startEmulator(['--admin-token', adminToken]);
  try {
    const context = await browser.newContext();
    const page = await openPage(`${server.root}/_emulator/`, context);
    assert.equal(await page.locator('script').count(), 0, 'nothing but the login form before the token');
    await page.fill('#token', 'not-the-token');
    await page.click('button[type=submit]');
    await page.locator('.error').getByText("not this emulator's admin token").waitFor();
    await page.fill('#token', adminToken);
    await page.click('button[type=submit]');
    await page.locator('#version').getByText(/^v\d/).waitFor();
    const [cookie] = await context.cookies();
    assert.equal(cookie.name, 'emulator_admin');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.equal(cookie.path, '/_emulator');
    assert.ok(!cookie.value.includes(adminToken), 'the cookie is not the token');
    await page.click('[data-tab=tenants]');
    await page.locator('#tenant-lists h3', { hasText: 'botpress' }).waitFor();
    await context.close();
    assert.deepEqual(offLoopback, []);
  } finally {
    server.stop();
  }
});

/** Starts another emulator (the server build) on a free port; resolves with its root URL once it printed it. */
function startEmulator(args) {
  const dll = process.env.EMULATOR_DLL || path.join(repo, 'src/Emulator.Server/bin/Debug/net10.0/emulator.dll');
  assert.ok(fs.existsSync(dll), `the emulator server is not built at ${dll} (set EMULATOR_DLL)`);
  const child = spawn('dotnet', [dll, '--port', '0', '--log-level', 'Warning', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = () => child.kill('SIGTERM');
  process.on('exit', stop);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => { stop(); reject(new Error(`the emulator did not start within 30 s:\n${output}`)); }, 30_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /^control\s+(http:\/\/\S+)\/_emulator\/health$/m.exec(output);
      if (match) { clearTimeout(timer); resolve({ root: match[1], stop }); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the emulator exited (${code}):\n${output}`)); });
  });
}
