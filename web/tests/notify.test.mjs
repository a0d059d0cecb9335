// Mail in real Chromium against a real `ledd serve` that sends to the real SMTP test
// server (tests/testing/smtp_server.py, Debian's python3-aiosmtpd), registered with CTest
// as WebUiNotify by tests/web/CMakeLists.txt: a member makes their posts public in the
// settings' email section; a visitor who is not signed in subscribes on the public page,
// confirms through the link of the mail they get, receives the next post by mail and
// unsubscribes with one click on the page its link opens; the pages again in Norwegian
// Bokmål. With LEDD_SCREENSHOTS=DIR it writes screenshots of the pages there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiGet, launchBrowser, openPage, signIn } from './browser.mjs';
import { PASSWORD, TestNetwork } from './network.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.LEDD_BINARY || join(here, '..', '..', 'build', 'ledd');
const webRoot = process.env.LEDD_WEB_ROOT || join(here, '..', 'dist');
// Debian's python3, which has python3-aiosmtpd (not whatever python3 comes first on PATH).
const smtpScript = join(here, '..', '..', 'tests', 'testing', 'smtp_server.py');
const shots = process.env.LEDD_SCREENSHOTS || null;
const TIMEOUT = 60000;
// English words that must not appear on a Norwegian page.
const ENGLISH = /(?<![-\w])(the|and|your|posts?|subscribe|email|confirm|settings|save)\b/i;

let network;
let base;
let browser;
let smtp; // {process, dir}
let author; // {id, email, name}
const visitor = `visitor.${Date.now()}@notify.example`;
let unsubscribeLink; // The page link of the visitor's post mail.

// Starts the SMTP server script on a free port; resolves to its port.
async function startSmtp() {
  const dir = mkdtempSync(join(tmpdir(), 'ledd-smtp-'));
  const child = spawn(process.env.LEDD_PYTHON || '/usr/bin/python3', [smtpScript, '--port', '0', '--out', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the SMTP server did not start')), 20000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/PORT (\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => reject(new Error(`the SMTP server exited with ${code}`)));
  });
  smtp = { process: child, dir, seen: new Set() };
  return port;
}

// The next message to `to` not read before, waiting up to 30 s.
async function mailTo(to, { subject } = {}) {
  const deadline = Date.now() + 30000;
  while (Date.now() < deadline) {
    for (const name of readdirSync(smtp.dir).filter((f) => f.endsWith('.json')).sort()) {
      if (smtp.seen.has(name)) continue;
      const mail = JSON.parse(readFileSync(join(smtp.dir, name), 'utf8'));
      if (!mail.rcpt_tos.map((r) => r.toLowerCase()).includes(to.toLowerCase())) continue;
      if (subject && !subject.test(mail.subject)) continue;
      smtp.seen.add(name);
      return mail;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to}`);
}

function linkIn(text, prefix) {
  const at = text.indexOf(prefix);
  assert.notEqual(at, -1, `no ${prefix} in ${text}`);
  return text.slice(at).split(/\s/)[0];
}

// Signs in through the API in the page's own origin, then opens `path`.
async function apiSignIn(page, email, path) {
  await page.goto(`${base}/#/signin`);
  const csrf = await page.evaluate(async (who) => {
    const response = await fetch('/api/v1/signin', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(who),
    });
    const body = await response.json();
    localStorage.setItem('ledd.csrf', body.csrf_token);
    return body.csrf_token;
  }, { email, password: PASSWORD });
  assert.ok(csrf);
  await page.goto(`${base}/#${path}`);
  await page.reload();
}

async function newPage(lang = 'en') {
  const page = await openPage(browser, { lang });
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

async function shoot(page, name) {
  if (!shots) return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

// Publishes a post as the signed-in member of `page`.
async function publish(page, title, body) {
  const answer = await page.evaluate(
    async ([title, body]) => {
      const response = await fetch('/api/v1/posts', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': localStorage.getItem('ledd.csrf') },
        body: JSON.stringify({ title, body }),
      });
      return response.status;
    },
    [title, body],
  );
  assert.equal(answer, 201);
}

before(async () => {
  if (shots) mkdirSync(shots, { recursive: true });
  const port = await startSmtp();
  network = new TestNetwork({ binary, webRoot, members: 200, seed: 13 });
  const member = network.member(1);
  author = { id: 1, email: network.createAccount(1), name: `${member.first_name} ${member.last_name}` };
  await network.start([
    '--web-root', webRoot,
    '--smtp-url', `smtp://127.0.0.1:${port}`,
    '--mail-from', 'ledd <noreply@ledd.example.org>',
    '--notify-interval', '1',
  ]);
  base = network.base;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await network?.stop();
  smtp?.process.kill('SIGTERM');
  if (smtp) rmSync(smtp.dir, { recursive: true, force: true });
});

test('a member makes their posts public in the email settings', async () => {
  const page = await newPage();
  await signIn(page, base, author.email, PASSWORD);
  await page.getByRole('link', { name: 'Settings' }).click();
  const form = page.getByTestId('email-settings');
  await form.waitFor();
  assert.equal(await form.getByLabel('someone sends me an invitation').isChecked(), true);
  assert.equal(await form.getByLabel('someone I follow publishes a post').isChecked(), false);
  assert.equal(await form.getByLabel('Weekly').isChecked(), true);
  await form.getByLabel('Make my posts public').check();
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByTestId('email-settings-status').waitFor();
  const settings = await apiGet(page, '/api/v1/me/settings');
  assert.equal(settings.body.public_posts, true);
  await publish(page, 'Why we meet in Bergen', 'The association meets in Bergen this spring.');
  await shoot(page, 'notify-settings-en');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a visitor subscribes, confirms by mail, gets the next post and unsubscribes', async () => {
  const page = await newPage();
  await page.goto(`${base}/#/public/${author.id}`);
  await page.getByRole('heading', { name: `Posts by ${author.name}` }).waitFor();
  await page.getByTestId('public-posts').getByText('Why we meet in Bergen').waitFor();
  await page.getByLabel('Your email address').fill(visitor);
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.getByTestId('subscribe-sent').waitFor();
  await shoot(page, 'notify-public-en');

  const confirm = await mailTo(visitor);
  assert.match(confirm.subject, /^Confirm your subscription to /);
  await page.goto(linkIn(confirm.text, `${base}/#/subscribe/confirm?token=`));
  await page.getByTestId('confirm-done').waitFor();
  assert.match(await page.getByTestId('confirm-done').innerText(), new RegExp(author.name));

  const writer = await newPage();
  await signIn(writer, base, author.email, PASSWORD);
  await publish(writer, 'Minutes of the spring meeting', 'What we decided.');
  const news = await mailTo(visitor, { subject: /Minutes of the spring meeting/ });
  assert.match(news.text, /What we decided\./);
  const header = news.headers.find(([name]) => name.toLowerCase() === 'list-unsubscribe');
  assert.ok(header && header[1].includes('/api/v1/unsubscribe?token='), JSON.stringify(news.headers));

  const unsubscribe = linkIn(news.text, `${base}/#/unsubscribe?token=`);
  unsubscribeLink = unsubscribe;
  await page.goto(unsubscribe);
  await page.getByTestId('unsubscribe-question').waitFor();
  assert.match(await page.getByTestId('unsubscribe-question').innerText(), new RegExp(`${author.name}.*${visitor.replace(/\./g, '\\.')}`));
  await shoot(page, 'notify-unsubscribe-en');
  await page.getByTestId('unsubscribe-confirm').click();
  await page.getByTestId('unsubscribe-done').waitFor();
  const token = new URL(unsubscribe.replace('#/unsubscribe', 'x')).searchParams.get('token');
  const what = await apiGet(page, `/api/v1/unsubscribe?token=${token}`);
  assert.equal(what.status, 200);
  // A forged link is refused on the page.
  await page.goto(`${base}/#/unsubscribe?token=${token.slice(0, -2)}xx`);
  await page.getByTestId('unsubscribe-error').waitFor();
  assert.deepEqual(page.errors, []);
  await writer.context().close();
  await page.context().close();
});

test('the pages in Norwegian Bokmål', async () => {
  const page = await newPage('nb');
  await page.goto(`${base}/#/public/${author.id}`);
  await page.getByRole('heading', { name: `Innlegg fra ${author.name}` }).waitFor();
  await page.getByRole('button', { name: 'Abonner' }).waitFor();
  const text = (await page.locator('main').innerText()).replace(/Why we meet in Bergen|The association meets in Bergen this spring\.|Minutes of the spring meeting|What we decided\./g, '');
  assert.doesNotMatch(text, ENGLISH);
  await shoot(page, 'notify-public-nb');

  await page.goto(unsubscribeLink);
  await page.getByRole('button', { name: 'Meld meg av' }).waitFor();
  assert.match(await page.getByTestId('unsubscribe-question').innerText(), /^Slutte å få nye innlegg fra /);
  await shoot(page, 'notify-unsubscribe-nb');

  await page.goto(`${base}/#/subscribe/confirm?token=unknown`);
  await page.getByTestId('confirm-error').waitFor();
  assert.match(await page.getByTestId('confirm-error').innerText(), /ikke gyldig/);

  const signedIn = await newPage('nb');
  await apiSignIn(signedIn, author.email, '/settings');
  await signedIn.getByTestId('email-settings').waitFor();
  assert.doesNotMatch(await signedIn.locator('main').innerText(), ENGLISH);
  await signedIn.getByLabel('Daglig').check();
  await signedIn.getByRole('button', { name: 'Lagre' }).click();
  await signedIn.getByTestId('email-settings-status').waitFor();
  await shoot(signedIn, 'notify-settings-nb');
  const settings = await apiGet(signedIn, '/api/v1/me/settings');
  assert.equal(settings.body.email.digest, 'daily');
  assert.deepEqual(page.errors, []);
  await signedIn.context().close();
  await page.context().close();
});
