// Moderation in real Chromium against a real `ledd serve` (registered with CTest as
// WebUiModeration by tests/web/CMakeLists.txt): member A reports B's invitation ("I don't
// know this person") and B's post; a moderator, made with `ledd accounts role`, finds both
// in the administration's queue with what they need to judge them, and suspends B; B
// cannot sign in and is told until when (in English and in Bokmål); the moderator lifts
// the suspension from the member list, and B signs in again. The audit log shows both
// actions. In Bokmål: the queue and the log, a warning that reaches B as a notification,
// and B editing (shown as edited) and deleting the post. With LEDD_SCREENSHOTS=DIR it also writes screenshots of the pages there, in
// English and Bokmål.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
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
const ENGLISH = /\b(the|and|your|report|reports|suspend|suspended|member|invitation|days)\b/i;

let network;
let base;
let browser;
const people = {};
const stamp = Date.now();

async function newPage({ lang = 'en' } = {}) {
  const page = await openPage(browser, { lang });
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

async function shoot(page, name) {
  if (!shots) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

// The API as a client with a bearer token (set-up only; the test's steps use the page).
async function api(method, path, { token, body } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await response.json();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

async function signUp(first, last) {
  const email = `${first.toLowerCase()}.${stamp}@moderation.example`;
  const session = await api('POST', '/api/v1/signup', {
    body: { email, password: PASSWORD, first_name: first, last_name: last, city: 'Oslo', country: 'NO' },
  });
  return { id: session.member, token: session.token, email, name: `${first} ${last}` };
}

// Fills the sign-in form in the page's language and submits it.
async function submitSignIn(page, who, lang = 'en') {
  const words = lang === 'nb' ? { email: 'E-post', password: 'Passord', submit: 'Logg inn' } : { email: 'Email', password: 'Password', submit: 'Sign in' };
  await page.goto(`${base}/#/signin`);
  await page.getByLabel(words.email).fill(who.email);
  await page.getByLabel(words.password).fill(PASSWORD);
  await page.getByRole('button', { name: words.submit, exact: true }).click();
}

async function signInAs(page, who, lang = 'en') {
  await submitSignIn(page, who, lang);
  await page.waitForSelector('nav.mainnav');
}

function setRole(who, role) {
  const result = spawnSync(binary, ['accounts', 'role', '--db', network.db, who.email, role], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, new RegExp(`is now ${role}`));
}

before(async () => {
  assert.ok(existsSync(binary), `no ledd binary at ${binary}`);
  assert.ok(existsSync(join(webRoot, 'index.html')), `no built web UI at ${webRoot} (npm run build in web/)`);
  if (shots) mkdirSync(shots, { recursive: true });
  network = new TestNetwork({ binary, webRoot, members: 200, seed: 13 });
  ({ base } = await network.start());
  browser = await launchBrowser();
  people.a = await signUp('Astrid', 'Reporter');
  people.b = await signUp('Bjarne', 'Spammer');
  people.m = await signUp('Mona', 'Moderator');
  // B invites A with a sales pitch and publishes an advertisement.
  const invitation = await api('POST', '/api/v1/invitations', { token: people.b.token, body: { to: people.a.id, note: 'Buy my course on growth hacking!' } });
  people.invitation = invitation.id;
  const post = await api('POST', '/api/v1/posts', { token: people.b.token, body: { title: 'Cheap followers, 500 for 5 kroner', body: 'Message me now.' } });
  people.post = post.id;
  setRole(people.m, 'moderator');
});

after(async () => {
  await browser?.close();
  await network?.stop();
});

test('a member reports an invitation and a post; a moderator sees both with context and suspends the sender, who cannot sign in until the suspension is lifted', async () => {
  const { a, b, m } = people;

  // A: "I don't know this person" on B's invitation.
  const reporter = await newPage();
  await signInAs(reporter, a);
  assert.equal(await reporter.getByRole('link', { name: 'Administration' }).count(), 0, 'members have no administration');
  await reporter.goto(`${base}/#/invitations`);
  await reporter.getByRole('button', { name: 'I don’t know this person' }).first().click();
  await reporter.getByTestId('report-confirm').getByRole('button', { name: 'Yes, report' }).click();
  await reporter.getByRole('button', { name: 'Undo' }).waitFor();

  // A reports B's post, with a reason from the list and words of their own.
  await reporter.goto(`${base}/#/posts/${people.post}`);
  await reporter.getByTestId('report-post').click();
  const form = reporter.getByTestId('report-form');
  await form.getByLabel('What is wrong?').selectOption('spam');
  await form.getByLabel('Anything the moderators should know (optional)').fill('Sells fake followers.');
  await shoot(reporter, 'moderation-report-post-en');
  await form.getByRole('button', { name: 'Send report' }).click();
  await reporter.getByTestId('report-sent').waitFor();
  assert.deepEqual(reporter.errors, []);

  // The moderator's queue: both reports, with the context.
  const moderator = await newPage();
  await signInAs(moderator, m);
  await moderator.getByRole('link', { name: 'Administration' }).click();
  await moderator.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
  const invitationReport = moderator.locator('[data-testid="report"][data-subject="invitation"]');
  const postReport = moderator.locator('[data-testid="report"][data-subject="post"]');
  await invitationReport.waitFor();
  await postReport.waitFor();
  assert.match(await invitationReport.innerText(), /I don’t know this person/);
  assert.match(await invitationReport.innerText(), /Reported by Astrid Reporter/);
  assert.match(await invitationReport.getByTestId('report-content').innerText(), /Buy my course on growth hacking!/);
  const context = await invitationReport.getByTestId('report-member').innerText();
  assert.match(context, /Bjarne Spammer/);
  assert.match(context, /account 0 days old/);
  assert.match(context, /Invitations in the last 30 days: 1 sent, 0 accepted, 0 ignored, 1 reported/);
  assert.match(await postReport.innerText(), /Spam or advertising/);
  assert.match(await postReport.innerText(), /Sells fake followers\./);
  assert.match(await postReport.getByTestId('report-content').innerText(), /Cheap followers, 500 for 5 kroner/);
  await shoot(moderator, 'moderation-queue-en');

  // Suspend B for a week from the post's report; a reason is required.
  await postReport.getByRole('button', { name: 'Suspend' }).click();
  await postReport.getByText('Write a reason first.').waitFor();
  await postReport.getByLabel(/^Reason/).fill('Selling fake followers');
  await postReport.getByRole('spinbutton').fill('7');
  await postReport.getByRole('button', { name: 'Suspend' }).click();
  await moderator.getByTestId('admin-done').filter({ hasText: 'The member is suspended.' }).waitFor();
  await moderator.locator('[data-testid="report"][data-subject="post"]').waitFor({ state: 'detached' });

  // B cannot sign in, and is told until when.
  const suspended = await newPage();
  await submitSignIn(suspended, b);
  const refusal = suspended.getByRole('alert').filter({ hasText: 'Your account is suspended until' });
  await refusal.waitFor();
  const until = new Date(Date.now() + 7 * 86400 * 1000).getFullYear();
  assert.match(await refusal.innerText(), new RegExp(String(until)));
  await shoot(suspended, 'moderation-suspended-signin-en');
  const suspendedNb = await newPage({ lang: 'nb' });
  await submitSignIn(suspendedNb, b, 'nb');
  const refusalNb = suspendedNb.getByRole('alert').filter({ hasText: 'Kontoen din er utestengt til' });
  await refusalNb.waitFor();
  await shoot(suspendedNb, 'moderation-suspended-signin-nb');

  // The moderator lifts it from the member list; the audit has both actions.
  await moderator.goto(`${base}/#/admin/members`);
  await moderator.getByLabel('Find a member by name or email').fill('Bjarne');
  await moderator.getByRole('button', { name: 'Search' }).click();
  const row = moderator.locator(`[data-testid="admin-member"][data-member="${b.id}"]`);
  await row.getByTestId('suspended').waitFor();
  await shoot(moderator, 'moderation-members-en');
  await row.getByRole('button', { name: 'Lift suspension' }).click();
  await moderator.getByTestId('admin-done').filter({ hasText: 'Suspension lifted.' }).waitFor();
  await moderator.goto(`${base}/#/admin/audit`);
  const entries = moderator.getByTestId('audit-entry');
  await entries.first().waitFor();
  const log = await moderator.locator('.audit-list').innerText();
  assert.match(log, /Mona Moderator lifted the suspension of Bjarne Spammer/);
  assert.match(log, /Mona Moderator suspended Bjarne Spammer for 7 days/);
  assert.match(log, /Selling fake followers/);
  assert.match(log, /The operator set the role of Mona Moderator to moderator/);
  await shoot(moderator, 'moderation-audit-en');
  assert.deepEqual(moderator.errors, []);

  // B signs in again.
  const back = await newPage();
  await signInAs(back, b);
  const me = await apiGet(back, '/api/v1/me');
  assert.equal(me.status, 200);
  assert.equal(me.body.member, b.id);
});

test('the administration in Bokmål: the queue with the invitation report still open, and the log', async () => {
  const page = await newPage({ lang: 'nb' });
  await signInAs(page, people.m, 'nb');
  await page.getByRole('link', { name: 'Administrasjon' }).click();
  const report = page.locator('[data-testid="report"][data-subject="invitation"]');
  await report.waitFor();
  const text = await report.innerText();
  assert.match(text, /Invitasjon rapportert/);
  assert.match(text, /Jeg kjenner ikke denne personen/);
  assert.match(text, /Invitasjoner siste 30 dager: 1 sendt, 0 godtatt, 0 ignorert, 1 rapportert/);
  const words = (await page.locator('main').innerText()).replace(/Buy my course on growth hacking!|Astrid Reporter|Bjarne Spammer|Mona Moderator/g, '');
  assert.doesNotMatch(words, ENGLISH);
  await shoot(page, 'moderation-queue-nb');
  await page.goto(`${base}/#/admin/audit`);
  await page.getByTestId('audit-entry').first().waitFor();
  const log = await page.locator('.audit-list').innerText();
  assert.match(log, /Mona Moderator opphevet utestengelsen av Bjarne Spammer/);
  assert.match(log, /stengte ute Bjarne Spammer i 7 dager/);
  assert.match(log, /Driftsansvarlig satte rollen til Mona Moderator til moderator/);
  await shoot(page, 'moderation-audit-nb');

  // A warning from the invitation's report reaches B as a notification, in Bokmål.
  await page.goto(`${base}/#/admin/reports`);
  await report.getByLabel(/^Begrunnelse/).fill('Ikke send reklame i invitasjoner.');
  await report.getByRole('button', { name: 'Advar' }).click();
  await page.getByTestId('admin-done').filter({ hasText: 'Medlemmet har fått en advarsel.' }).waitFor();
  assert.deepEqual(page.errors, []);

  const warned = await newPage({ lang: 'nb' });
  await signInAs(warned, people.b, 'nb');
  await warned.goto(`${base}/#/notifications`);
  const warning = warned.locator('[data-testid="notification"][data-kind="warning"]');
  await warning.waitFor();
  assert.match(await warning.innerText(), /En advarsel fra moderatorene: Ikke send reklame i invitasjoner\./);
  await shoot(warned, 'moderation-warning-nb');

  // B edits the post (shown as edited), then deletes it.
  await warned.goto(`${base}/#/posts/${people.post}`);
  await warned.getByRole('button', { name: 'Rediger' }).click();
  await warned.getByLabel('Tittel').fill('Vi selger ikke følgere lenger');
  await warned.getByRole('button', { name: 'Lagre' }).click();
  await warned.getByTestId('edited').filter({ hasText: 'redigert' }).waitFor();
  assert.equal(await warned.locator('.post-title').innerText(), 'Vi selger ikke følgere lenger');
  warned.once('dialog', (dialog) => dialog.accept());
  await warned.getByRole('button', { name: 'Slett' }).click();
  await warned.getByTestId('post-deleted').waitFor();
  const gone = await apiGet(warned, `/api/v1/posts/${people.post}`);
  assert.equal(gone.status, 404);
  assert.deepEqual(warned.errors, []);
});
