// One's account by mail, in real Chromium against a real `ledd serve` that sends mail to
// the real SMTP server (smtp.mjs; registered with CTest as WebUiAccount by
// tests/web/CMakeLists.txt): sign up, the verification mail, its link confirms the
// address, which the settings page shows; forgot password from the sign-in page, the
// mail, a new password through its link, and signing in with it; the settings page and
// the mail in Norwegian Bokmål. With LEDD_SCREENSHOTS=DIR it also writes screenshots of
// its pages there (English and Bokmål).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiGet, launchBrowser, openPage } from './browser.mjs';
import { PASSWORD, TestNetwork } from './network.mjs';
import { findLink, startSmtpServer } from './smtp.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.LEDD_BINARY || join(here, '..', '..', 'build', 'ledd');
const webRoot = process.env.LEDD_WEB_ROOT || join(here, '..', 'dist');
const shots = process.env.LEDD_SCREENSHOTS || null;
const TIMEOUT = 60000;
// English words that must not appear on a Norwegian page.
const ENGLISH = /\b(the|and|your|email|password|settings|account|verified|sign)\b/i;

let network;
let smtp;
let base;
let browser;
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

const WORDS = {
  en: { toSignup: 'New here? Create an account', first: 'First name', last: 'Last name', email: 'Email', password: 'Password', submit: 'Create account', signIn: 'Sign in' },
  nb: { toSignup: 'Ny her? Opprett en konto', first: 'Fornavn', last: 'Etternavn', email: 'E-post', password: 'Passord', submit: 'Opprett konto', signIn: 'Logg inn' },
};

async function signUp(page, first, lang = 'en') {
  const w = WORDS[lang];
  const email = `${first.toLowerCase()}.${stamp}@account.example`;
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: w.toSignup }).click();
  await page.getByLabel(w.first).fill(first);
  await page.getByLabel(w.last).fill('Konto');
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.password).fill(PASSWORD);
  await page.getByRole('button', { name: w.submit }).click();
  await page.waitForSelector('#page-title');
  return email;
}

before(async () => {
  assert.ok(existsSync(binary), `no ledd binary at ${binary}`);
  assert.ok(existsSync(join(webRoot, 'index.html')), `no built web UI at ${webRoot} (npm run build in web/)`);
  if (shots) mkdirSync(shots, { recursive: true });
  network = new TestNetwork({ binary, webRoot, members: 200, seed: 13 });
  smtp = await startSmtpServer();
  ({ base } = await network.start([
    '--web-root', webRoot,
    '--smtp-url', smtp.url,
    '--mail-from', 'ledd <noreply@ledd.test>',
    '--mail-retry-seconds', '1',
    '--signups-per-hour', '100',
  ]));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await network?.stop();
  await smtp?.stop();
});

test('a newcomer signs up, gets the verification mail, and its link confirms the address', async () => {
  const page = await newPage();
  const email = await signUp(page, 'Astrid');

  // Not verified yet: the settings page, reached from the top menu, says so.
  await page.locator('header').getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByTestId('email-unverified').waitFor();
  assert.equal(await page.getByTestId('account-email').textContent(), email);
  await shoot(page, 'settings-unverified-en');

  const mail = await smtp.waitForMail(email);
  assert.equal(mail.subject, 'Confirm your email address for ledd');
  assert.match(mail.text, /Hello Astrid,/);
  const link = findLink(mail.text, `${base}/#/verify?token=`);
  assert.ok(link, mail.text);

  await page.goto(link);
  await page.getByTestId('verify-done').waitFor();
  assert.match(await page.getByTestId('verify-done').textContent(), new RegExp(email.replace('.', '\\.')));
  await shoot(page, 'verify-done-en');
  await page.getByRole('link', { name: 'Continue to ledd' }).click();
  await page.getByTestId('email-verified').waitFor();
  assert.equal((await apiGet(page, '/api/v1/me')).body.email_verified, true);
  await shoot(page, 'settings-verified-en');

  // The link works once.
  await page.goto(link);
  await page.getByTestId('verify-failed').waitFor();
  assert.match(await page.getByTestId('verify-failed').textContent(), /used already/);
  assert.deepEqual(page.errors, []);
});

test('forgot password: the mailed link sets a new password to sign in with', async () => {
  const page = await newPage();
  const email = await signUp(page, 'Bernt');
  await smtp.waitForMail(email); // The verification mail.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();

  await shoot(page, 'signin-forgot-en');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
  await shoot(page, 'reset-request-en');
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Send link' }).click();
  await page.getByTestId('reset-sent').waitFor();

  const mail = await smtp.waitForMail(email);
  assert.equal(mail.subject, 'Reset your ledd password');
  const link = findLink(mail.text, `${base}/#/reset?token=`);
  assert.ok(link, mail.text);
  await page.goto(link);
  await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  // The password rules hold here too.
  await page.getByLabel('New password', { exact: true }).fill('basketball');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /common/);
  await page.getByLabel('New password', { exact: true }).fill('a new and better passphrase');
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await page.getByTestId('reset-done').waitFor();
  await shoot(page, 'reset-done-en');

  await page.getByRole('link', { name: 'Go to sign-in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('alert').waitFor(); // The old password no longer works.
  await page.getByLabel('Password').fill('a new and better passphrase');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForSelector('nav.mainnav');
  assert.equal((await apiGet(page, '/api/v1/me')).body.email, email);
  assert.deepEqual(page.errors, []);
});

test('in Norwegian Bokmål: the mail, the settings page and the reset page', async () => {
  const page = await newPage({ lang: 'nb' });
  const email = await signUp(page, 'Solveig', 'nb');
  const mail = await smtp.waitForMail(email);
  assert.equal(mail.subject, 'Bekreft e-postadressen din på ledd');
  assert.match(mail.text, /Hei, Solveig!/);

  await page.locator('header').getByRole('link', { name: 'Innstillinger', exact: true }).click();
  await page.getByRole('heading', { name: 'Innstillinger', level: 1 }).waitFor();
  await page.getByTestId('email-unverified').waitFor();
  await page.getByTestId('resend-verification').click();
  await page.getByTestId('resend-outcome').waitFor();
  await smtp.waitForMail(email); // The new link.
  const main = (await page.locator('main').innerText()).replaceAll(email, '');
  assert.doesNotMatch(main, ENGLISH);
  await shoot(page, 'settings-unverified-nb');

  // A wrong current password is said in Bokmål.
  await page.getByLabel('Nåværende passord').fill('not my password at all');
  await page.getByLabel('Nytt passord').fill('a new and better passphrase');
  await page.getByRole('button', { name: 'Endre passord' }).click();
  await page.getByTestId('password-outcome-error').waitFor();
  assert.equal(await page.getByTestId('password-outcome-error').textContent(), 'Det nåværende passordet er feil.');
  await shoot(page, 'settings-error-nb');

  const other = await newPage({ lang: 'nb' });
  await other.goto(`${base}/#/reset`);
  await other.getByRole('heading', { name: 'Glemt passordet?' }).waitFor();
  assert.doesNotMatch(await other.locator('main').innerText(), ENGLISH);
  await shoot(other, 'reset-request-nb');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(other.errors, []);
});
