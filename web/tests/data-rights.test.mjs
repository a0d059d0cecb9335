// A member's rights over their data, in real Chromium against real `ledd serve`
// processes (registered with CTest as WebUiDataRights by tests/web/CMakeLists.txt): the
// settings page's "Download my data" saves a ZIP whose files hold the member's profile and
// connections; "Delete my account" wants the password, schedules the erasure, shows it on
// every page after the next sign-in, and is cancelled; asked again through a second
// server with a grace period of two seconds, the member is then gone from search and
// their profile's URL says so, in both processes. The settings page in English and
// Bokmål. With LEDD_SCREENSHOTS=DIR it writes screenshots there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiGet, launchBrowser, openPage } from './browser.mjs';
import { PASSWORD, TestNetwork } from './network.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.LEDD_BINARY || join(here, '..', '..', 'build', 'ledd');
const webRoot = process.env.LEDD_WEB_ROOT || join(here, '..', 'dist');
const shots = process.env.LEDD_SCREENSHOTS || null;
const TIMEOUT = 60000;
// English words that must not appear on a Norwegian page.
const ENGLISH = /\b(the|and|your|download|delete|account|password|settings|cancel|data)\b/i;

let network;
let patient; // A server with a long grace period.
let quick; // A second server on the same database: two seconds.
let browser;
let work;
let ada; // The member who leaves.
let viewer; // One of her contacts, who stays.

async function newPage(base, lang = 'en') {
  const page = await openPage(browser, { lang });
  page.setDefaultTimeout(TIMEOUT);
  page.base = base;
  return page;
}

async function shoot(page, name) {
  if (!shots) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function signInAs(page, who, lang = 'en') {
  const words = lang === 'nb' ? { email: 'E-post', password: 'Passord', submit: 'Logg inn' } : { email: 'Email', password: 'Password', submit: 'Sign in' };
  await page.goto(`${page.base}/#/signin`);
  await page.getByLabel(words.email).fill(who.email);
  await page.getByLabel(words.password).fill(PASSWORD);
  await page.getByRole('button', { name: words.submit, exact: true }).click();
  await page.waitForSelector('#page-title');
}

function unzip(zip, file) {
  const result = spawnSync('unzip', ['-p', zip, file], { encoding: 'utf8' });
  assert.equal(result.status, 0, `unzip ${file}: ${result.stderr}`);
  return result.stdout;
}

before(async () => {
  network = new TestNetwork({ binary, webRoot, members: 300, seed: 23 });
  patient = await network.start(['--web-root', webRoot, '--deletion-grace-seconds', '3600', '--erase-interval', '0.3']);
  quick = await network.start(['--web-root', webRoot, '--deletion-grace-seconds', '2', '--erase-interval', '0.3']);
  const [first] = network.byContacts();
  const member = network.member(first.id);
  ada = { id: first.id, first: member.first_name, last: member.last_name, email: network.createAccount(first.id), contacts: first.count };
  const contact = network.connections.find((c) => Number(c.a) === ada.id || Number(c.b) === ada.id);
  const other = Number(contact.a) === ada.id ? Number(contact.b) : Number(contact.a);
  viewer = { id: other, email: network.createAccount(other) };
  browser = await launchBrowser();
  work = mkdtempSync(join(tmpdir(), 'ledd-data-rights-'));
  if (shots) mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await network?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the settings page downloads a ZIP of the member’s own data', async () => {
  const page = await newPage(patient.base);
  await signInAs(page, ada);
  await page.locator('header').getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await shoot(page, 'data-settings-en');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-link').click()]);
  assert.match(download.suggestedFilename(), /^ledd-.+\.zip$/);
  const zip = join(work, 'export.zip');
  await download.saveAs(zip);
  const members = unzip(zip, 'members.csv');
  assert.match(members, new RegExp(ada.last));
  const connections = unzip(zip, 'connections.csv').trim().split('\n');
  assert.equal(connections.length - 1, ada.contacts, 'a row per connection');
  const exported = JSON.parse(unzip(zip, 'export.json'));
  assert.equal(exported.profile.id, ada.id);
  assert.equal(exported.account.email, ada.email);
  assert.ok(!unzip(zip, 'account.csv').includes('argon2'));

  // The ZIP re-imports into an empty database and yields the same profile.
  const copy = join(work, 'reimported.db');
  const imported = spawnSync(binary, ['import', '--db', copy, zip], { encoding: 'utf8' });
  assert.equal(imported.status, 0, imported.stderr);
  const again = join(work, 'again.zip');
  const reexported = spawnSync(binary, ['export', '--db', copy, '--member', String(ada.id), again], { encoding: 'utf8' });
  assert.equal(reexported.status, 0, reexported.stderr);
  const second = JSON.parse(unzip(again, 'export.json'));
  assert.deepEqual(second.profile, exported.profile);
  assert.deepEqual(second.positions, exported.positions);
  assert.deepEqual(second.educations, exported.educations);
  assert.ok(exported.positions.length > 0, 'the member has a background to compare');
  assert.deepEqual(page.errors, []);
});

test('deleting the account wants the password, is shown after a sign-in, and is cancelled', async () => {
  const page = await newPage(patient.base);
  await signInAs(page, ada);
  await page.goto(`${patient.base}/#/settings`);
  const section = page.getByTestId('settings-data');
  await section.getByLabel('Your password').fill('not my password at all');
  await section.getByRole('button', { name: 'Delete my account' }).click();
  await section.getByText('That is not your password.').waitFor();
  await section.getByLabel('Your password').fill(PASSWORD);
  await section.getByRole('button', { name: 'Delete my account' }).click();
  await section.getByTestId('deletion-scheduled').waitFor();
  await page.getByTestId('deletion-banner').waitFor();
  assert.match(await page.getByTestId('deletion-banner').innerText(), /Your account will be deleted on/);
  await shoot(page, 'data-deletion-scheduled-en');

  // A new sign-in meets the banner on its first page and keeps the account from there.
  await page.locator('header').getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, ada);
  const banner = page.getByTestId('deletion-banner');
  await banner.waitFor();
  await banner.getByRole('link', { name: 'Keep my account' }).click();
  await page.getByTestId('cancel-deletion').click();
  await page.getByTestId('deletion-cancelled').waitFor();
  await banner.waitFor({ state: 'detached' });
  const state = await apiGet(page, '/api/v1/me/deletion');
  assert.equal(state.body.deletion, null);
  assert.deepEqual(page.errors, []);
});

test('the settings page in Bokmål', async () => {
  const page = await newPage(patient.base, 'nb');
  await signInAs(page, ada, 'nb');
  await page.locator('header').getByRole('link', { name: 'Innstillinger', exact: true }).click();
  const section = page.getByTestId('settings-data');
  await section.getByRole('link', { name: 'Last ned dataene mine (ZIP)' }).waitFor();
  await section.getByLabel('Passordet ditt').fill('feil passord her');
  await section.getByRole('button', { name: 'Slett kontoen min' }).click();
  await section.getByText('Det er ikke passordet ditt.').waitFor();
  const text = (await section.innerText()).replace(/export\.json|ZIP|CSV|ledd/g, '');
  assert.doesNotMatch(text, ENGLISH);
  await shoot(page, 'data-settings-nb');
  assert.deepEqual(page.errors, []);
});

test('after the grace period the member is gone from search and their profile says so', async () => {
  const page = await newPage(quick.base);
  await signInAs(page, ada);
  await page.goto(`${quick.base}/#/settings`);
  const section = page.getByTestId('settings-data');
  await section.getByText(/erased for good shortly after you ask/).waitFor();
  await section.getByLabel('Your password').fill(PASSWORD);
  await section.getByRole('button', { name: 'Delete my account' }).click();
  await section.getByTestId('deletion-scheduled').waitFor();

  // Her contact, on the other process, searches for her by name until she is gone.
  const watcher = await newPage(patient.base);
  await signInAs(watcher, viewer);
  const deadline = Date.now() + 30000;
  let found = true;
  let profile = 200;
  while (Date.now() < deadline) {
    const search = await apiGet(watcher, `/api/v1/search?name=${encodeURIComponent(ada.last)}&degree=everyone&limit=100`);
    found = search.status !== 200 || search.body.hits.some((hit) => hit.member === ada.id);
    profile = (await apiGet(watcher, `/api/v1/members/${ada.id}`)).status;
    if (!found && profile === 404) break;
    await watcher.waitForTimeout(300);
  }
  assert.equal(found, false, 'she is found by search');
  assert.equal(profile, 404);
  // The search page, and her profile's URL.
  await watcher.goto(`${patient.base}/#/search?name=${encodeURIComponent(ada.last)}`);
  await watcher.waitForSelector('#page-title');
  await watcher.waitForTimeout(1000);
  assert.equal(await watcher.locator(`a[href="#/members/${ada.id}"]`).count(), 0);
  await watcher.goto(`${patient.base}/#/members/${ada.id}`);
  await watcher.getByText('This member is not on ledd (any longer).').waitFor();
  await shoot(watcher, 'data-erased-profile-en');
  // In Bokmål too.
  const norwegian = await newPage(quick.base, 'nb');
  await signInAs(norwegian, viewer, 'nb');
  await norwegian.goto(`${quick.base}/#/members/${ada.id}`);
  await norwegian.getByText('Dette medlemmet er ikke (lenger) på ledd.').waitFor();
  await shoot(norwegian, 'data-erased-profile-nb');
  // Her own page finds her signed out, and she cannot sign in again.
  await page.reload();
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
  const signin = await page.evaluate(
    async ({ email, password }) =>
      (await fetch('/api/v1/signin', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) })).status,
    { email: ada.email, password: PASSWORD },
  );
  assert.equal(signin, 401);
  assert.deepEqual(watcher.errors, []);
});
