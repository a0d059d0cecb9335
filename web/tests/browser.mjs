// Debian's Chromium driven by playwright-core: no browser is ever downloaded. Playwright
// gives each launch a fresh, temporary --user-data-dir of its own.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.LEDD_CHROMIUM || '/usr/bin/chromium';

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

// A new browser context (its own cookies and storage) with a page at 1280x800 whose
// script errors fail the test that reads `errors`.
export async function openPage(browser, { lang = 'en' } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang === 'nb' ? 'nb-NO' : 'en-GB' });
  await context.addInitScript((chosen) => {
    if (!localStorage.getItem('ledd.lang')) localStorage.setItem('ledd.lang', chosen);
  }, lang);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  return page;
}

// Signs in through the form.
export async function signIn(page, base, email, password) {
  await page.goto(`${base}/#/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForSelector('nav.mainnav');
}

// GET an API route with the page's session cookie.
export async function apiGet(page, path) {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    return { status: response.status, body: await response.json() };
  }, path);
}

// The whole number in an element's text ("41,853", "41 853" -> 41853).
export function digits(text) {
  const only = String(text).replace(/[^0-9]/g, '');
  return only === '' ? NaN : Number(only);
}
