// Editing one's own profile in real Chromium against a real `ledd serve` (registered
// with CTest as WebUiProfile by tests/web/CMakeLists.txt): a new member fills in their
// profile, crops and uploads a photo, picks an existing company and names a new school,
// saves once, and after a reload sees it all, in English and in Norwegian; and the pages
// fit a phone's width.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiGet, launchBrowser, openPage, signIn } from './browser.mjs';
import { PASSWORD, readTable, TestNetwork } from './network.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.LEDD_BINARY || join(here, '..', '..', 'build', 'ledd');
const webRoot = process.env.LEDD_WEB_ROOT || join(here, '..', 'dist');
const TIMEOUT = 60000;

let network;
let base;
let browser;
let company; // An organization of the generated network that people work at.

before(async () => {
  assert.ok(existsSync(binary), `no ledd binary at ${binary}`);
  assert.ok(existsSync(join(webRoot, 'index.html')), `no built web UI at ${webRoot} (npm run build in web/)`);
  network = new TestNetwork({ binary, webRoot, members: 600, seed: 5 });
  const organizations = readTable(join(network.dir, 'net', 'organizations.csv'));
  const positions = readTable(join(network.dir, 'net', 'positions.csv'));
  const staff = new Map();
  for (const p of positions) staff.set(p.organization_id, (staff.get(p.organization_id) ?? 0) + 1);
  company = organizations
    .filter((o) => o.kind !== 'school' && /^[A-Za-z]/.test(o.name))
    .sort((a, b) => (staff.get(b.id) ?? 0) - (staff.get(a.id) ?? 0))[0];
  assert.ok(company, 'the generated network has a company');
  base = (await network.start(['--web-root', webRoot, '--signups-per-hour', '0'])).base;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await network?.stop();
});

async function newPage(options) {
  const page = await openPage(browser, options);
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

// A new member signed up through the API; resolves to {id, email}.
let signups = 0;
async function signUp(first, last, fields = {}) {
  const email = `profile${++signups}.${Date.now()}@web-test.example`;
  const response = await fetch(`${base}/api/v1/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, first_name: first, last_name: last, ...fields }),
  });
  const body = await response.json();
  assert.equal(response.status, 201, JSON.stringify(body));
  return { id: body.member, email };
}

// A PNG of `width` x `height` drawn in the page (a face-like picture: a disc on a
// gradient), as a file for the photo input.
async function testPicture(page, width, height) {
  const data = await page.evaluate(
    ([w, h]) => {
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const context = canvas.getContext('2d');
      const gradient = context.createLinearGradient(0, 0, w, h);
      gradient.addColorStop(0, '#2f7d6d');
      gradient.addColorStop(1, '#1f5f8b');
      context.fillStyle = gradient;
      context.fillRect(0, 0, w, h);
      context.fillStyle = '#f2c9a0';
      context.beginPath();
      context.arc(w / 2, h / 2, Math.min(w, h) / 3, 0, Math.PI * 2);
      context.fill();
      return canvas.toDataURL('image/png').split(',')[1];
    },
    [width, height],
  );
  return { name: 'me.png', mimeType: 'image/png', buffer: Buffer.from(data, 'base64') };
}

// Whether the <img> in `selector` shows a picture the server sent.
async function loadedImage(page, selector) {
  const image = page.locator(selector).first();
  await image.waitFor();
  await page.waitForFunction((element) => element.complete && element.naturalWidth > 0, await image.elementHandle());
  return image.getAttribute('src');
}

async function completeness(page) {
  const card = page.getByTestId('completeness');
  await card.waitFor();
  return Number(await card.getAttribute('data-done'));
}

test('a new member edits the profile, uploads a cropped photo, adds a position and a new school, and sees it all after a reload', async () => {
  const page = await newPage();
  const email = `ola.${Date.now()}@web-test.example`;
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'New here? Create an account' }).click();
  await page.getByLabel('First name').fill('Ola');
  await page.getByLabel('Last name').fill('Testmann');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByLabel('City').fill('Bergen');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForSelector('[data-testid=blog]');
  const me = (await apiGet(page, '/api/v1/me')).body;

  // One's own profile: 1 of 6 sections (the city), no photo, initials in the header.
  await page.locator('.me-link').click();
  assert.equal(await completeness(page), 1);
  assert.match(await page.getByTestId('completeness').innerText(), /1 of 6 sections — add a headline/);
  assert.equal(await page.locator('.me-link img').count(), 0);

  await page.getByTestId('edit-profile').click();
  await page.getByTestId('profile-edit').waitFor();
  await page.getByLabel('First name').fill('Ola Kristian');
  await page.getByLabel('Headline').fill('Prosessingeniør');
  await page.getByLabel('Country').selectOption({ label: 'Norway' });
  await page.getByLabel('Industry').fill('Oil & Energy');

  // A position at an existing company, picked from the type-ahead.
  await page.getByRole('button', { name: 'Add position' }).click();
  const position = page.getByTestId('position-entry').last();
  // The new entry's title has the focus.
  assert.equal(await page.evaluate(() => document.activeElement?.id?.endsWith('-title')), true);
  await page.keyboard.type('Senior Engineer');
  await position.getByTestId('company-input').fill(company.name.slice(0, 4));
  const option = page.getByRole('option', { name: new RegExp(`^${company.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first();
  await option.click();
  assert.equal(await position.getByTestId('company-input').inputValue(), company.name);
  await position.getByLabel('From', { exact: true }).fill('2019-08');

  // An education at a school nobody has heard of: created when saving.
  await page.getByRole('button', { name: 'Add education' }).click();
  const education = page.getByTestId('education-entry').last();
  const school = `Testby fagskole ${Date.now()}`;
  await education.getByTestId('school-input').fill(school);
  await page.getByRole('option', { name: `Create “${school}”` }).click();
  await education.getByText(`“${school}” is added as a new school when you save.`).waitFor();
  await education.getByLabel('Field of study').fill('Prosessteknikk');
  await education.getByLabel('Degree').fill('Fagskole');
  await education.getByLabel('From', { exact: true }).fill('2015');
  // A date that is no date is caught before sending.
  await education.getByLabel('To', { exact: true }).fill('2017-13');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await education.getByText('Write a year, or a year and month, such as 2019 or 2019-08.').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Check the fields marked below/);
  await education.getByLabel('To', { exact: true }).fill('2017');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByTestId('profile-saved').waitFor();
  // The card follows the saved profile once it has been read again.
  await page.getByTestId('completeness').filter({ hasText: /5 of 6 sections — add a summary/ }).waitFor();
  assert.equal(await completeness(page), 5);
  assert.match(await page.getByTestId('completeness').innerText(), /5 of 6 sections — add a summary/);
  // The header follows the new name.
  assert.equal(await page.locator('.me-name').innerText(), 'Ola Kristian');

  // The photo: chosen, cropped (zoomed in), sent; then drawn in the header and on the profile.
  await page.getByTestId('photo-file').setInputFiles(await testPicture(page, 640, 480));
  const dialog = page.getByRole('dialog', { name: 'Crop your photo' });
  await dialog.waitFor();
  await dialog.getByLabel('Zoom').fill('1.5');
  await dialog.getByTestId('crop-canvas').focus();
  await page.keyboard.press('ArrowLeft');
  await dialog.getByRole('button', { name: 'Use this photo' }).click();
  await page.getByText('Your new photo is saved.').waitFor();
  await loadedImage(page, '.me-link img');
  await loadedImage(page, '.profile-head .avatar img');
  assert.equal((await apiGet(page, '/api/v1/me')).body.has_photo, true);

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Ola Kristian Testmann' }).waitFor();
  assert.equal(await loadedImage(page, '.me-link img'), `/api/v1/members/${me.member}/photo?size=96`);
  assert.equal(await loadedImage(page, '.profile-head .avatar img'), `/api/v1/members/${me.member}/photo?size=400`);
  const head = await page.locator('.profile-head').innerText();
  assert.match(head, /Prosessingeniør/);
  assert.match(head, /Bergen · Norway · Oil & Energy/);
  const experience = await page.locator('#experience').innerText();
  assert.match(experience, /Senior Engineer/);
  assert.ok(experience.includes(company.name), experience);
  assert.match(experience, /Aug 2019 – present/);
  const schooling = await page.locator('#education').innerText();
  assert.ok(schooling.includes(school), schooling);
  assert.match(schooling, /Fagskole, Prosessteknikk/);
  assert.equal(await completeness(page), 5);
  assert.equal(await page.locator('[data-testid=completeness] [data-section=photo]').getAttribute('data-done'), 'true');

  // Stored as picked: the existing company by its id, the new school created once.
  const stored = (await apiGet(page, '/api/v1/me')).body;
  assert.equal(stored.first_name, 'Ola Kristian');
  assert.equal(stored.country, 'NO');
  assert.equal(stored.positions[0].organization_id, Number(company.id));
  assert.equal(stored.educations[0].school, school);
  const schools = (await apiGet(page, `/api/v1/organizations?q=${encodeURIComponent(school)}&kind=school`)).body.organizations;
  assert.equal(schools.filter((o) => o.name === school).length, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('experience is reordered with the keyboard, the focus stays on the moved entry, and the order is kept', async () => {
  const who = await signUp('Kari', 'Rekkefølge');
  const page = await newPage();
  await signIn(page, base, who.email, PASSWORD);
  await page.goto(`${base}/#/members/${who.id}?edit=experience`);
  await page.getByTestId('profile-edit').waitFor();
  for (const [title, organization] of [
    ['Trainee', 'Første Bedrift AS'],
    ['Engineer', 'Andre Bedrift AS'],
  ]) {
    await page.getByRole('button', { name: 'Add position' }).click();
    const entry = page.getByTestId('position-entry').last();
    await entry.getByLabel('Title').fill(title);
    await entry.getByTestId('company-input').fill(organization);
    await entry.getByTestId('company-input').press('Escape');
  }
  // The newest job first: "Engineer" moved up by the keyboard.
  const up = page.getByRole('button', { name: 'Move ‘Engineer, Andre Bedrift AS’ up' });
  await up.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=position-entry] input')?.value === 'Engineer');
  // Now first, its up button is disabled: the focus is on its down button.
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Move ‘Engineer, Andre Bedrift AS’ down');
  // And a third, removed again.
  await page.getByRole('button', { name: 'Add position' }).click();
  await page.getByRole('button', { name: 'Remove Position 3' }).click();
  assert.equal(await page.getByTestId('position-entry').count(), 2);
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByTestId('profile-saved').waitFor();
  const stored = (await apiGet(page, '/api/v1/me')).body;
  assert.deepEqual(stored.positions.map((p) => [p.title, p.organization]), [
    ['Engineer', 'Andre Bedrift AS'],
    ['Trainee', 'Første Bedrift AS'],
  ]);
  await page.reload();
  await page.locator('#experience li strong').first().waitFor();
  const titles = await page.locator('#experience li strong').allInnerTexts();
  assert.deepEqual(titles, ['Engineer', 'Trainee']);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in Norwegian: edit the profile, a new company, the photo uploaded and removed, the server\'s refusals in Norwegian', async () => {
  const who = await signUp('Kari', 'Nordmann');
  const page = await newPage();
  await signIn(page, base, who.email, PASSWORD);
  await page.getByLabel('Language').selectOption('nb');
  await page.goto(`${base}/#/members/${who.id}`);
  assert.match(await page.getByTestId('completeness').innerText(), /0 av 6 deler – legg til en overskrift/);
  await page.getByRole('link', { name: 'Rediger profil' }).click();
  await page.getByLabel('Overskrift').fill('Rådgiver i offentlig sektor');
  await page.getByLabel('Sammendrag').fill('Jeg hjelper kommuner med digitalisering.');
  await page.getByLabel('Land').selectOption({ label: 'Sverige' });
  await page.getByRole('button', { name: 'Legg til stilling' }).click();
  const entry = page.getByTestId('position-entry').last();
  await entry.getByLabel('Stillingstittel').fill('Rådgiver');
  const name = `Kommunerådgivning ${Date.now()} AS`;
  await entry.getByTestId('company-input').fill(name);
  await page.getByRole('option', { name: `Opprett «${name}»` }).click();
  await entry.getByLabel('Fra', { exact: true }).fill('2021-03');
  await entry.getByLabel('Til', { exact: true }).fill('2020');
  await page.getByRole('button', { name: 'Lagre profilen' }).click();
  await entry.getByText('Sluttdatoen er før startdatoen.').waitFor();
  await entry.getByLabel('Til', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Lagre profilen' }).click();
  await page.getByText('Profilen din er lagret.').waitFor();
  // The card follows the saved profile once it has been read again.
  await page.getByTestId('completeness').filter({ hasText: /4 av 6 deler – legg til utdanning/ }).waitFor();
  assert.match(await page.getByTestId('completeness').innerText(), /4 av 6 deler – legg til utdanning/);
  assert.match(await page.locator('.profile-head').innerText(), /Sverige/);
  assert.match(await page.locator('#experience').innerText(), /mars 2021 – nå/);

  // A picture too small is refused before it is sent.
  await page.getByTestId('photo-file').setInputFiles(await testPicture(page, 80, 60));
  await page.getByText('Bildet er for lite: den korteste siden må være minst 96 piksler.').waitFor();
  // A good one, then removed again.
  await page.getByTestId('photo-file').setInputFiles(await testPicture(page, 300, 400));
  await page.getByRole('dialog', { name: 'Beskjær bildet' }).getByRole('button', { name: 'Bruk dette bildet' }).click();
  await page.getByText('Det nye profilbildet er lagret.').waitFor();
  await loadedImage(page, '.me-link img');
  await page.getByRole('button', { name: 'Fjern bildet' }).click();
  await page.getByRole('group', { name: 'Fjern bildet' }).getByRole('button', { name: 'Fjern bildet' }).click();
  await page.getByText('Profilbildet er fjernet.').waitFor();
  assert.equal(await page.locator('.me-link img').count(), 0);
  assert.equal((await apiGet(page, '/api/v1/me')).body.has_photo, false);

  // The form stops an empty name itself; the server's refusal (a summary longer than
  // the store allows, past the field's own limit) is said in Norwegian beside the form.
  await page.getByRole('link', { name: 'Rediger profil' }).click();
  await page.getByLabel('Fornavn').fill(' ');
  await page.getByRole('button', { name: 'Lagre profilen' }).click();
  await page.getByText('Skriv inn fornavnet ditt.').waitFor();
  await page.getByLabel('Fornavn').fill('Kari');
  await page.locator('#edit-summary').evaluate((element) => element.removeAttribute('maxlength'));
  await page.getByLabel('Sammendrag').fill('x'.repeat(2601));
  await page.getByRole('button', { name: 'Lagre profilen' }).click();
  await page.getByRole('alert').filter({ hasText: /Teksten er for lang: høyst 2\s600 tegn/ }).waitFor();
  const shown = await page.locator('.profile-edit').innerText();
  assert.doesNotMatch(shown, /Enter|Save|Position|Experience/, 'no English on the Norwegian form');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('at a phone\'s width every page fits without scrolling sideways and the whole menu is reachable', async () => {
  const who = await signUp('Per', 'Mobil', { headline: 'Tester', city: 'Oslo', country: 'NO' });
  const page = await newPage();
  await signIn(page, base, who.email, PASSWORD);
  await page.setViewportSize({ width: 390, height: 844 });
  const pages = ['#/network', '#/invitations', '#/search', '#/graph', '#/posts', '#/notifications', `#/members/${who.id}`, `#/members/${who.id}?edit=profile`];
  for (const lang of ['en', 'nb']) {
    await page.getByLabel('Language').selectOption(lang);
    for (const hash of pages) {
      await page.goto(`${base}/${hash}`);
      await page.locator('#page-title, [data-testid=profile-edit]').first().waitFor();
      await page.waitForTimeout(300);
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(widths.scroll <= widths.client, `${lang} ${hash}: ${widths.scroll} px wide in ${widths.client}`);
      // Every section of the menu is on screen, or one tap away behind the menu button.
      const menu = page.getByRole('button', { name: lang === 'en' ? 'Menu' : 'Meny' });
      if (await menu.isVisible()) await menu.click();
      for (const link of await page.locator('nav.mainnav a').all()) {
        assert.ok(await link.isVisible(), `${lang} ${hash}: ${await link.innerText()} is not reachable`);
        const box = await link.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${lang} ${hash}: ${await link.innerText()} is off screen`);
      }
      if (await menu.isVisible() && (await menu.getAttribute('aria-expanded')) === 'true') await menu.click();
    }
  }
  // The menu takes one to a page.
  const menu = page.getByRole('button', { name: 'Meny' });
  if (await menu.isVisible()) await menu.click();
  await page.locator('nav.mainnav').getByRole('link', { name: 'Innlegg' }).click();
  await page.waitForFunction(() => location.hash === '#/posts');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
