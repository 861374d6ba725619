// The dashboard's script: everything it shows or changes goes through the /_emulator JSON routes (the same ones
// scripts and the control-plane client use), with the browser's cookie when the emulator has an admin token.
// Values are always set as text (never as HTML).

const api = '/_emulator';
const origin = window.location.origin;
const MaxRows = 500;
const state = { vendors: [], newestId: 0, oldestId: null, tenant: null, shown: 0 };

// ---------------------------------------------------------------- helpers

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'onclick') node.addEventListener('click', value);
    else if (name === 'class') node.className = value;
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? '')));
  return node;
}

const $ = (selector) => document.querySelector(selector);

function say(text, error = false) {
  const message = $('#message');
  message.textContent = text;
  message.className = error ? 'error' : '';
  message.hidden = !text;
}

async function call(method, path, body) {
  const response = await fetch(api + path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) { window.location.reload(); throw new Error('not logged in'); }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(json?.error?.message ?? `${method} ${path}: ${response.status}`);
  return json;
}

async function act(what, work) {
  try {
    await work();
    say(what);
  } catch (error) {
    say(error.message, true);
  }
}

function pretty(text) {
  if (text === null || text === undefined) return '';
  try { return JSON.stringify(JSON.parse(text), null, 2); } catch { return text; }
}

function copyButton(text) {
  return el('button', { type: 'button', class: 'link', onclick: () => navigator.clipboard?.writeText(text).then(() => say('Copied.')) }, 'copy');
}

function randomToken(prefix) {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------- tabs

function showTab(name) {
  const tab = ['start', 'tenants', 'requests', 'steer'].includes(name) ? name : 'start';
  for (const panel of document.querySelectorAll('[data-panel]')) panel.hidden = panel.dataset.panel !== tab;
  for (const link of document.querySelectorAll('[data-tab]')) link.classList.toggle('active', link.dataset.tab === tab);
  if (tab === 'tenants') loadTenants();
  if (tab === 'steer') loadSteer();
}

// ---------------------------------------------------------------- start here

function renderStart() {
  const tokens = { botpress: randomToken('bp_pat_'), gitbook: randomToken('gb_'), membrane: randomToken('pat-') };
  const tbody = $('#base-urls tbody');
  tbody.replaceChildren(...state.vendors.map((vendor) => {
    const url = `${origin}/${vendor}`;
    return el('tr', {}, el('td', {}, vendor), el('td', {}, el('code', {}, url)), el('td', {}, copyButton(url)));
  }));
  const snippets = [
    ['@botpress/client', `import { Client } from '@botpress/client'
const client = new Client({
  apiUrl: '${origin}/botpress',
  token: '${tokens.botpress}',
  workspaceId: 'wkspace_01JEMULATEDEFAULTWORKSPACE', // the seeded workspace; any id works
})
const { integrations } = await client.listPublicIntegrations({})`],
    ['@gitbook/api', `import { GitBookAPI } from '@gitbook/api'
const gitbook = new GitBookAPI({ endpoint: '${origin}/gitbook', authToken: '${tokens.gitbook}' })
const { data } = await gitbook.integrations.listIntegrations()`],
    ['@membranehq/sdk', `import { MembraneClient } from '@membranehq/sdk'
const membrane = new MembraneClient({ apiUri: '${origin}/membrane', token: '${tokens.membrane}' })
const integrations = await membrane.integrations.findAll()`],
    ['.NET (in process, package IntegrationsApiEmulator)', `using IntegrationsApiEmulator;

await using var emulator = await IntegrationsEmulator.StartAsync();
using var botpress = emulator.CreateBotpressClient();   // a fresh tenant
var hub = await botpress.GetStringAsync("v1/admin/hub/integrations");`],
    ['curl', `curl -H 'Authorization: Bearer ${tokens.botpress}' -H 'x-workspace-id: wkspace_01JEMULATEDEFAULTWORKSPACE' \\
  '${origin}/botpress/v1/admin/hub/integrations?limit=5'`],
  ];
  $('#snippets').replaceChildren(...snippets.map(([title, code]) =>
    el('div', { class: 'snippet' }, el('h3', {}, title, ' ', copyButton(code)), el('pre', {}, code))));
}

// ---------------------------------------------------------------- tenants

async function loadTenants() {
  try {
    const tenants = await call('GET', '/tenants');
    $('#tenant-lists').replaceChildren(...Object.entries(tenants).map(([vendor, list]) => {
      const kinds = [...new Set(list.flatMap((t) => Object.keys(t.counts)))];
      const rows = list.map((t) => el('tr', { class: 'clickable', 'data-tenant': t.tenant, onclick: () => openTenant(vendor, t.tenant) },
        el('td', {}, el('code', {}, t.tenant)), ...kinds.map((k) => el('td', {}, t.counts[k] ?? ''))));
      return el('div', {}, el('h3', {}, `${vendor} (${list.length})`),
        list.length === 0 ? el('p', { class: 'muted' }, 'No tenant yet.')
          : el('table', { 'data-vendor': vendor }, el('thead', {}, el('tr', {}, el('th', {}, 'tenant'), ...kinds.map((k) => el('th', {}, k)))), el('tbody', {}, rows)));
    }));
  } catch (error) { say(error.message, true); }
}

async function openTenant(vendor, tenant) {
  state.tenant = { vendor, tenant };
  const base = `/tenants/${encodeURIComponent(vendor)}/${encodeURIComponent(tenant)}`;
  try {
    const described = await call('GET', base);
    $('#tenant-detail').hidden = false;
    $('#tenant-title').textContent = `${vendor} tenant ${tenant}`;
    $('#tenant-export').href = api + base + '/export';
    $('#tenant-export').download = `${vendor}-${tenant}.json`;
    $('#collections').replaceChildren(...described.collections.map((c) =>
      el('button', { type: 'button', 'data-collection': c.name, onclick: () => openCollection(c.name, 0) }, `${c.name} (${c.size})`)));
    $('#collection-search').value = '';
    const first = described.collections.find((c) => c.size > 0 && c.kind !== 'value') ?? described.collections[0];
    if (first) await openCollection(first.name, 0);
    else $('#collection-page').replaceChildren();
  } catch (error) { say(error.message, true); }
}

async function openCollection(name, offset) {
  const { vendor, tenant } = state.tenant;
  const shown = ++state.shown;
  const query = new URLSearchParams({ offset, limit: 25 });
  if ($('#collection-search').value) query.set('q', $('#collection-search').value);
  const page = await call('GET', `/tenants/${encodeURIComponent(vendor)}/${encodeURIComponent(tenant)}/collections/${encodeURIComponent(name)}?${query}`);
  if (shown !== state.shown) return; // a later click won
  state.tenant.collection = name;
  for (const chip of document.querySelectorAll('#collections button')) chip.classList.toggle('active', chip.dataset.collection === name);
  const last = Math.min(page.offset + page.items.length, page.total);
  $('#collection-page').replaceChildren(
    el('p', { class: 'row' },
      el('span', {}, page.total === 0 ? 'empty' : `${page.offset + 1}–${last} of ${page.total}`),
      el('button', { type: 'button', disabled: page.offset === 0, onclick: () => openCollection(name, Math.max(0, page.offset - page.limit)) }, 'previous'),
      el('button', { type: 'button', disabled: last >= page.total, onclick: () => openCollection(name, page.offset + page.limit) }, 'next')),
    ...page.items.map((item) => el('details', { class: 'entity' }, el('summary', {}, item.key), el('pre', {}, JSON.stringify(item.value, null, 2)))));
}

async function resetTenant() {
  const { vendor, tenant } = state.tenant;
  if (!window.confirm(`Reset ${vendor} tenant ${tenant} to the seeded data? Everything it created is lost.`)) return;
  await act(`Reset ${vendor} tenant ${tenant}.`, async () => {
    await call('POST', '/reset', { vendor, tenant });
    // The tenant is back to the seeded data; it is listed again once its credential is used.
    $('#tenant-detail').hidden = true;
    state.tenant = null;
    await loadTenants();
  });
}

// ---------------------------------------------------------------- requests

function journalFilter() {
  const form = new FormData($('#journal-filter'));
  const query = new URLSearchParams();
  for (const name of ['vendor', 'tenant', 'status', 'path']) if (form.get(name)) query.set(name, form.get(name));
  return query;
}

function journalRow(entry) {
  const marks = [entry.fault && el('span', { class: 'badge fault', title: 'answered by a fault rule' }, `fault ${entry.fault}`),
    entry.override && el('span', { class: 'badge override', title: 'answered by an override' }, 'override')].filter(Boolean);
  return el('tr', { class: 'clickable', 'data-id': entry.id, onclick: () => openRequest(entry.id) },
    el('td', {}, entry.id), el('td', {}, entry.time.slice(11, 23)), el('td', {}, entry.vendor), el('td', {}, entry.tenant ?? ''),
    el('td', {}, entry.method), el('td', {}, el('code', {}, entry.path + (entry.query ?? ''))),
    el('td', { class: `status-${String(entry.status)[0]}` }, entry.status), el('td', {}, entry.durationMs.toFixed(1)), el('td', {}, marks));
}

async function loadJournal(reset) {
  const query = journalFilter();
  if (reset) {
    query.set('limit', '50');
  } else {
    query.set('after', String(state.newestId));
    query.set('limit', '200');
  }
  const page = await call('GET', `/requests?${query}`);
  const tbody = $('#journal tbody');
  if (reset) {
    tbody.replaceChildren(...page.requests.map(journalRow));
    state.oldestId = page.requests.at(-1)?.id ?? null;
  } else if (page.requests.length > 0) {
    tbody.prepend(...page.requests.map(journalRow));
    // A long session keeps the newest rows only; older ones stay reachable through "Older requests".
    while (tbody.rows.length > MaxRows) tbody.lastElementChild.remove();
    state.oldestId = Number(tbody.lastElementChild?.dataset.id ?? state.oldestId);
  }
  if (page.requests.length > 0) state.newestId = Math.max(state.newestId, page.requests[0].id);
  if (reset && page.requests.length === 0) state.newestId = 0;
  $('#journal-older').hidden = state.oldestId === null;
  $('#live').textContent = `live · ${page.capacity === 0 ? 'journal off' : `keeps ${page.capacity}`}`;
}

async function loadOlder() {
  if (state.oldestId === null) return;
  const query = journalFilter();
  query.set('before', String(state.oldestId));
  query.set('limit', '50');
  const page = await call('GET', `/requests?${query}`);
  $('#journal tbody').append(...page.requests.map(journalRow));
  state.oldestId = page.requests.at(-1)?.id ?? null;
  $('#journal-older').hidden = state.oldestId === null;
}

async function openRequest(id) {
  try {
    const entry = await call('GET', `/requests/${id}`);
    for (const row of document.querySelectorAll('#journal tbody tr')) row.classList.toggle('selected', row.dataset.id === String(id));
    const headers = Object.entries(entry.requestHeaders ?? {});
    const detail = $('#request-detail');
    detail.hidden = false;
    detail.replaceChildren(
      el('h3', {}, `#${entry.id} ${entry.method} ${entry.path}${entry.query ?? ''} → ${entry.status}`),
      el('p', { class: 'row' }, `${entry.vendor} · tenant ${entry.tenant ?? '(none)'} · ${entry.time} · ${entry.durationMs.toFixed(1)} ms`,
        entry.fault ? el('span', { class: 'badge fault' }, `fault ${entry.fault}`) : '',
        entry.override ? el('span', { class: 'badge override' }, `override ${entry.override}`) : ''),
      el('h4', {}, 'Request headers'),
      el('table', { class: 'headers' }, el('tbody', {}, headers.map(([name, value]) => el('tr', {}, el('th', {}, name), el('td', {}, value))))),
      el('h4', {}, 'Request body', entry.requestBodyTruncated ? ' (truncated)' : ''),
      el('pre', { class: 'request-body' }, pretty(entry.requestBody) || '(empty)'),
      el('h4', {}, 'Response body', entry.responseBodyTruncated ? ' (truncated)' : ''),
      el('pre', { class: 'response-body' }, pretty(entry.responseBody) || '(empty)'));
  } catch (error) { say(error.message, true); }
}

// ---------------------------------------------------------------- steer

async function loadClock() {
  try {
    const clock = await call('GET', '/clock');
    $('#clock-now').textContent = clock.now;
    $('#clock-state').textContent = clock.frozen ? 'frozen' : 'running';
    const badge = $('#clock-badge');
    badge.textContent = clock.frozen ? `clock frozen at ${clock.now}` : `clock ${clock.now.slice(0, 19)}Z`;
    badge.classList.toggle('frozen', clock.frozen);
  } catch (error) {
    $('#clock-state').textContent = error.message;
  }
}

function changeClock(what, body) {
  return act(what, async () => { await call('POST', '/clock', body); await loadClock(); });
}

async function loadFaults() {
  const { faults } = await call('GET', '/faults');
  $('#faults tbody').replaceChildren(...faults.map((f) => {
    const effect = [f.status && `status ${f.status}`, f.delayMs && `delay ${f.delayMs} ms`, f.abort && 'abort'].filter(Boolean).join(', ');
    return el('tr', { 'data-fault': f.id }, el('td', {}, f.id), el('td', {}, f.vendor ?? 'any'), el('td', {}, f.method ?? 'any'),
      el('td', {}, el('code', {}, f.path ?? '*')), el('td', {}, effect), el('td', {}, f.probability), el('td', {}, f.remaining ?? '∞'), el('td', {}, f.hits),
      el('td', {}, el('button', { type: 'button', onclick: () => act(`Removed ${f.id}.`, async () => { await call('DELETE', `/faults/${f.id}`); await loadFaults(); }) }, 'remove')));
  }));
}

async function addFault(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const number = (name) => (form.get(name) ? Number(form.get(name)) : undefined);
  const rule = {
    vendor: form.get('vendor') || undefined,
    method: form.get('method') || undefined,
    path: form.get('path') || undefined,
    status: form.get('abort') ? undefined : number('status'),
    delayMs: number('delayMs'),
    abort: form.get('abort') ? true : undefined,
    probability: number('probability'),
    times: number('times'),
  };
  await act('Fault added.', async () => { const added = await call('POST', '/faults', rule); say(`Added ${added.id}.`); await loadFaults(); });
}

async function loadOverrides() {
  const { overrides } = await call('GET', '/overrides');
  $('#overrides tbody').replaceChildren(...overrides.map((o) => el('tr', {}, el('td', {}, el('code', {}, o.guid)), el('td', {}, o.title ?? ''),
    el('td', {}, o.priority), el('td', {}, o.hits),
    el('td', {}, el('button', { type: 'button', onclick: () => act('Override removed.', async () => { await call('DELETE', `/overrides/${o.guid}`); await loadOverrides(); }) }, 'remove')))));
}

async function reset(vendor) {
  const what = vendor ? `every ${vendor} tenant` : 'every vendor and tenant';
  if (!window.confirm(`Reset ${what} to the seeded data? Everything created since is lost.`)) return;
  await act(`Reset ${what}.`, () => call('POST', '/reset', vendor ? { vendor } : {}));
}

function loadSteer() {
  loadClock();
  loadFaults().catch((error) => say(error.message, true));
  loadOverrides().catch((error) => say(error.message, true));
}

// ---------------------------------------------------------------- start

async function start() {
  const health = await call('GET', '/health');
  state.vendors = health.vendors;
  $('#version').textContent = `v${health.version}`;
  for (const select of [$('#journal-filter select[name=vendor]'), $('#fault-form select[name=vendor]')]) {
    select.append(...state.vendors.map((v) => el('option', { value: v }, v)));
  }
  $('#reset-buttons').append(...state.vendors.map((v) => el('button', { type: 'button', class: 'danger', 'data-reset': v, onclick: () => reset(v) }, `Reset ${v}`)));
  $('#reset-buttons [data-reset=""]').addEventListener('click', () => reset(null));
  renderStart();

  window.addEventListener('hashchange', () => showTab(window.location.hash.slice(1)));
  showTab(window.location.hash.slice(1));
  $('#tenant-reset').addEventListener('click', resetTenant);
  $('#collection-search').addEventListener('input', () => state.tenant?.collection && openCollection(state.tenant.collection, 0).catch((error) => say(error.message, true)));
  $('#journal-filter').addEventListener('input', () => loadJournal(true).catch((error) => say(error.message, true)));
  $('#journal-filter').addEventListener('submit', (event) => event.preventDefault());
  $('#journal-older').addEventListener('click', () => loadOlder().catch((error) => say(error.message, true)));
  $('#journal-clear').addEventListener('click', () => act('Journal cleared.', async () => { await call('DELETE', '/requests'); await loadJournal(true); }));
  $('#clock-freeze').addEventListener('click', () => changeClock('Clock frozen.', { freeze: true }));
  $('#clock-unfreeze').addEventListener('click', () => changeClock('Clock running.', { freeze: false }));
  $('#clock-advance').addEventListener('click', () => changeClock('Clock advanced.', { advance: $('#clock-advance-by').value }));
  $('#clock-set').addEventListener('click', () => changeClock('Clock set.', { set: $('#clock-set-to').value }));
  $('#clock-real').addEventListener('click', () => changeClock('Clock back to real time.', { real: true }));
  $('#fault-form').addEventListener('submit', addFault);
  $('#state-save').addEventListener('click', () => act('State saved to the state file.', () => call('POST', '/state/save')));

  await loadJournal(true);
  await loadClock();
  // Live: new requests (and the clock) within a second, without reloading the page.
  setInterval(() => loadJournal(false).catch(() => {}), 1000);
  setInterval(loadClock, 2000);
}

start().catch((error) => say(error.message, true));
