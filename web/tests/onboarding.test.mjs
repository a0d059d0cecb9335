// A newcomer finds people and is found, in real Chromium against a real `ledd serve`
// (registered with CTest as WebUiOnboarding by tests/web/CMakeLists.txt): sign up, a
// photo, a position at a company that exists and an education at a school that does not,
// the directory and people you may know, an invitation with a note that the colleague
// reads with the full profile and advice that is not "decline", an invitation by email and
// the sign-up it leads to, the LinkedIn import with two matched contacts invited; the
// directory and the import again in Norwegian Bokmål, the search at phone width, and the
// directory opt-out. With LEDD_SCREENSHOTS=DIR it also writes screenshots of its pages
// there (desktop and phone, English and Bokmål).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiGet, launchBrowser, openPage } from './browser.mjs';
import { PASSWORD, readTable, TestNetwork } from './network.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.LEDD_BINARY || join(here, '..', '..', 'build', 'ledd');
const webRoot = process.env.LEDD_WEB_ROOT || join(here, '..', 'dist');
const shots = process.env.LEDD_SCREENSHOTS || null;
const TIMEOUT = 60000;
const PHONE = { width: 390, height: 844 };
// English words that must not appear on a Norwegian page.
const ENGLISH = /\b(the|and|your|network|invite|search|connections?|profile|save|keep|import)\b/i;

let network;
let base;
let browser;
let work; // A temporary directory for the ZIPs.
const people = {};
const stamp = Date.now();

function row(table, predicate) {
  return table.find(predicate);
}

async function newPage({ lang = 'en', viewport } = {}) {
  const page = await openPage(browser, { lang });
  if (viewport) await page.setViewportSize(viewport);
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

// A screenshot of the page from its top, or from `target` (a locator) when given.
async function shoot(page, name, target = null) {
  if (!shots) return;
  // (Below the sticky header.)
  if (target) await target.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 72));
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

// Signs in through the form in the page's language.
async function signInAs(page, who, lang = 'en') {
  const words = lang === 'nb' ? { email: 'E-post', password: 'Passord', submit: 'Logg inn' } : { email: 'Email', password: 'Password', submit: 'Sign in' };
  await page.goto(`${base}/#/signin`);
  await page.getByLabel(words.email).fill(who.email);
  await page.getByLabel(words.password).fill(who.password ?? PASSWORD);
  await page.getByRole('button', { name: words.submit, exact: true }).click();
  await page.waitForSelector('#page-title');
}

// A JPEG portrait drawn by the page's canvas, as base64.
async function portrait(page) {
  return page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 320;
    const g = canvas.getContext('2d');
    g.fillStyle = '#2f7d6d';
    g.fillRect(0, 0, 320, 320);
    g.fillStyle = '#f2d0b5';
    g.beginPath();
    g.arc(160, 130, 70, 0, Math.PI * 2);
    g.fill();
    g.fillRect(70, 220, 180, 100);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  });
}

// A CSV field as LinkedIn writes it.
function csvField(value) {
  const text = String(value ?? '');
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csv(header, rows) {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

// A LinkedIn data export as a ZIP (made by Debian's zip): the member's profile, two
// positions, an education and `connections` ({first, last, company, position, email}).
function linkedinExport(name, { first, last, connections, brokenConnections = false }) {
  const dir = mkdtempSync(join(work, 'export-'));
  writeFileSync(
    join(dir, 'Profile.csv'),
    csv(
      ['First Name', 'Last Name', 'Maiden Name', 'Address', 'Birth Date', 'Headline', 'Summary', 'Industry', 'Zip Code', 'Geo Location', 'Twitter Handles', 'Websites', 'Instant Messengers'],
      [[first, last, '', '', '', 'Senior engineer, energy systems', 'Twenty years of building control systems for the energy industry.', 'Oil & Energy', '', 'Oslo, Oslo, Norway', '', '', '']],
    ),
  );
  writeFileSync(
    join(dir, 'Positions.csv'),
    csv(['Company Name', 'Title', 'Description', 'Location', 'Started On', 'Finished On'], [
      ['Nordlys Kontrollsystemer AS', 'Senior Engineer', 'Control systems.', 'Oslo, Norway', 'Jan 2021', ''],
      ['Fjordkraft Test AS', 'Engineer', '', 'Bergen, Norway', 'Aug 2012', 'Dec 2020'],
    ]),
  );
  writeFileSync(
    join(dir, 'Education.csv'),
    csv(['School Name', 'Start Date', 'End Date', 'Notes', 'Degree Name', 'Activities'], [['Universitetet i Bergen', '2007', '2012', '', 'Master', '']]),
  );
  const header = ['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On'];
  const rows = connections.map((c) => [c.first, c.last, `https://www.linkedin.com/in/${c.first.toLowerCase()}`, c.email ?? '', c.company ?? '', c.position ?? '', '14 Mar 2022']);
  if (brokenConnections) rows.push(['Broken', 'Date', '', '', 'Somewhere', 'Someone', 'not a date']);
  const notes = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n';
  writeFileSync(join(dir, 'Connections.csv'), notes + csv(header, rows));
  const zip = join(work, `${name}.zip`);
  const made = spawnSync('zip', ['-j', '-q', '-X', zip, ...['Profile.csv', 'Positions.csv', 'Education.csv', 'Connections.csv'].map((f) => join(dir, f))]);
  assert.equal(made.status, 0, `zip: ${made.stderr}`);
  return zip;
}

// Signs up through the form; resolves to {id, email, name}.
async function signUpThroughForm(page, first, last, { lang = 'en', city = 'Oslo', country = 'NO' } = {}) {
  const email = `${first.toLowerCase()}.${stamp}@onboarding.example`;
  const w =
    lang === 'nb'
      ? { toSignup: 'Ny her? Opprett en konto', first: 'Fornavn', last: 'Etternavn', email: 'E-post', password: 'Passord', city: 'By', country: 'Land (f.eks. NO)', submit: 'Opprett konto' }
      : { toSignup: 'New here? Create an account', first: 'First name', last: 'Last name', email: 'Email', password: 'Password', city: 'City', country: 'Country (e.g. NO)', submit: 'Create account' };
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: w.toSignup }).click();
  await page.getByLabel(w.first).fill(first);
  await page.getByLabel(w.last).fill(last);
  await page.getByLabel(w.email).fill(email);
  await page.getByLabel(w.password).fill(PASSWORD);
  await page.getByLabel(w.city).fill(city);
  await page.getByLabel(w.country).fill(country);
  await page.getByRole('button', { name: w.submit }).click();
  await page.waitForSelector('#page-title');
  const me = (await apiGet(page, '/api/v1/me')).body;
  return { id: me.member, email, name: `${first} ${last}`, first, last };
}

before(async () => {
  assert.ok(existsSync(binary), `no ledd binary at ${binary}`);
  assert.ok(existsSync(join(webRoot, 'index.html')), `no built web UI at ${webRoot} (npm run build in web/)`);
  if (shots) mkdirSync(shots, { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'ledd-onboarding-'));
  network = new TestNetwork({ binary, webRoot });
  const net = join(network.dir, 'net');
  const organizations = readTable(join(net, 'organizations.csv'));
  const positions = readTable(join(net, 'positions.csv'));
  const pendingTo = new Set(network.invitations.filter((i) => i.state === 'pending').map((i) => i.to));

  // A company in Norway with at least three people working there now: the newcomer's
  // employer. The colleague is one of them, in Norway, who does business at home and has
  // no pending invitations of their own to sort through.
  const current = new Map();
  for (const p of positions) {
    if (p.end) continue;
    if (!current.has(p.organization_id)) current.set(p.organization_id, []);
    current.get(p.organization_id).push(Number(p.member_id));
  }
  let company = null;
  let colleague = null;
  for (const [id, members] of [...current.entries()].sort((a, b) => b[1].length - a[1].length)) {
    const organization = row(organizations, (o) => o.id === id);
    if (organization?.kind !== 'company' || members.length < 3 || members.length > 40) continue;
    const candidate = members.map((m) => network.member(m)).find((m) => m.country === 'NO' && m.has_photo === '1' && !pendingTo.has(m.id));
    if (candidate) {
      company = organization;
      colleague = candidate;
      break;
    }
  }
  assert.ok(company && colleague, 'the generated network has a company in Norway with three people working there');
  people.company = company;
  people.colleagues = current.get(company.id);
  people.colleague = {
    id: Number(colleague.id),
    name: `${colleague.first_name} ${colleague.last_name}`,
    first: colleague.first_name,
    last: colleague.last_name,
    email: network.createAccount(colleague.id),
  };
  // Three LinkedIn connections who are members (matched by name and company), not the
  // colleague's coworkers, each with an account; and the colleague again.
  const taken = new Set(people.colleagues);
  const contacts = [];
  for (const [id, members] of current.entries()) {
    if (id === company.id) continue;
    const organization = row(organizations, (o) => o.id === id);
    if (organization?.kind !== 'company') continue;
    const member = network.member(members[0]);
    if (taken.has(Number(member.id))) continue;
    const sameName = network.members.filter((m) => m.first_name === member.first_name && m.last_name === member.last_name);
    if (sameName.length !== 1) continue;
    network.createAccount(member.id);
    contacts.push({ id: Number(member.id), first: member.first_name, last: member.last_name, company: organization.name, position: 'Colleague' });
    taken.add(Number(member.id));
    if (contacts.length === 3) break;
  }
  assert.equal(contacts.length, 3, 'three members to find in the LinkedIn connections');
  people.contacts = contacts;
  base = (await network.start(['--web-root', webRoot, '--signups-per-hour', '0'])).base;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await network?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('a newcomer signs up, completes the profile, finds and invites a colleague, who sees the full profile and is not advised to decline', async () => {
  const { company, colleague } = people;
  const page = await newPage();
  const newcomer = await signUpThroughForm(page, 'Sigrid', 'Nykommer');
  people.newcomer = newcomer;

  // An empty network: the welcome points to the four ways to start.
  const welcome = page.locator('#welcome');
  await welcome.getByRole('heading', { name: 'Welcome to ledd, Sigrid' }).waitFor();
  for (const [step, text, target] of [
    ['profile', 'Complete your profile', `#/members/${newcomer.id}?edit=profile`],
    ['search', 'Find people', '#/search?degree=all'],
    ['import', 'Import from LinkedIn', '#/import'],
    ['invite', 'Invite by email', '#/invite'],
  ]) {
    const link = welcome.getByTestId(`welcome-${step}`).getByRole('link');
    assert.equal(await link.innerText(), text);
    assert.equal(await link.getAttribute('href'), target);
  }

  // "Complete your profile": a headline, a summary, the industry, a position at the
  // colleague's company since 2015 picked from the type-ahead and an education at a school
  // that does not exist yet; then a photo, cropped and uploaded.
  await welcome.getByTestId('welcome-profile').getByRole('link').click();
  await page.getByTestId('profile-edit').waitFor();
  await page.getByLabel('Headline').fill(`Engineer at ${company.name}`);
  await page.getByLabel('Summary').fill('Control systems and the people who run them.');
  await page.getByLabel('Industry').fill('Oil & Energy');
  await page.getByRole('button', { name: 'Add position' }).click();
  const position = page.getByTestId('position-entry').last();
  await page.keyboard.type('Engineer');
  await position.getByTestId('company-input').fill(company.name.slice(0, 4));
  const escaped = company.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('option', { name: new RegExp(`^${escaped}`) }).first().click();
  assert.equal(await position.getByTestId('company-input').inputValue(), company.name);
  await position.getByLabel('From', { exact: true }).fill('2015-01');
  const school = `Høgskolen i Testdal ${stamp}`;
  await page.getByRole('button', { name: 'Add education' }).click();
  const education = page.getByTestId('education-entry').last();
  await education.getByTestId('school-input').fill(school);
  await page.getByRole('option', { name: `Create “${school}”` }).click();
  await education.getByLabel('Field of study').fill('Informatikk');
  await education.getByLabel('Degree').fill('Master');
  await education.getByLabel('From', { exact: true }).fill('2009');
  await education.getByLabel('To', { exact: true }).fill('2014');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByTestId('profile-saved').waitFor();
  await page.getByTestId('photo-file').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(await portrait(page), 'base64') });
  const crop = page.getByRole('dialog', { name: 'Crop your photo' });
  await crop.getByRole('button', { name: 'Use this photo' }).click();
  await page.getByText('Your new photo is saved.').waitFor();
  const me = (await apiGet(page, '/api/v1/me')).body;
  assert.equal(me.has_photo, true);
  assert.equal(me.positions.length, 1);
  assert.equal(me.educations.length, 1);

  // The directory finds the colleague by name, outside the newcomer's network.
  await page.goto(`${base}/#/search`);
  await page.getByLabel('Everyone').check();
  await page.getByLabel('Name', { exact: true }).fill(colleague.name);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const hit = page.locator('[data-testid=hit]', { has: page.locator('.person-name', { hasText: colleague.name }) }).first();
  await hit.waitFor();
  assert.match(decodeURIComponent(page.url()), /degree=all/);
  assert.equal(await hit.getAttribute('data-in-network'), 'false');
  assert.equal(await hit.getByTestId('not-in-network').innerText(), 'Not in your network');

  // Type-ahead: the company from its first letters, Norway from "Norge".
  const companyField = page.getByRole('combobox', { name: 'Company' });
  await companyField.fill(company.name.slice(0, 4));
  await page.locator('#f-company-options [role=option]', { hasText: company.name }).first().waitFor();
  await page.locator('#f-company-options [role=option]', { hasText: company.name }).first().click();
  assert.equal(await companyField.inputValue(), company.name);
  const countryField = page.getByRole('combobox', { name: 'Country' });
  await countryField.fill('Norge');
  await page.locator('#f-country-options [role=option]', { hasText: 'Norway' }).first().waitFor();
  await countryField.press('ArrowDown');
  await countryField.press('Enter');
  assert.equal(await countryField.inputValue(), 'Norway');
  await page.getByLabel('Name', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL((url) => !decodeURIComponent(url.hash).includes('name='));
  await page.locator('[data-testid=hit]').first().waitFor();
  await shoot(page, 'search-everyone');
  // Everyone who ever worked there can fill more than a page: the search the page made,
  // narrowed by the colleague's name, finds the colleague.
  const filtered = new URL(page.url().replace('#/search', 'api/v1/search'));
  assert.equal(filtered.searchParams.get('country'), 'Norway');
  filtered.searchParams.set('name', colleague.name);
  const narrowed = (await apiGet(page, filtered.pathname + filtered.search)).body;
  assert.ok(narrowed.hits.some((hit) => hit.member === colleague.id), JSON.stringify(narrowed));

  // People you may know: colleagues at the same company, said why.
  // (Loaded again until the network has followed the profile's change.)
  const pymk = page.locator('#pymk');
  const reason = `Worked at ${company.name} at the same time`;
  for (let i = 0; i < 10; i++) {
    await page.goto(`${base}/#/network`);
    await page.reload();
    await pymk.waitFor();
    if (await pymk.locator('.suggestion-reasons li', { hasText: reason }).first().isVisible()) break;
    await page.waitForTimeout(500);
  }
  await pymk.locator('.suggestion-reasons li', { hasText: reason }).first().waitFor({ timeout: 5000 });
  const suggested = await pymk.locator('[data-testid=suggestion]').evaluateAll((tiles) => tiles.map((tile) => Number(tile.dataset.member)));
  const colleaguesSuggested = suggested.filter((id) => people.colleagues.includes(id));
  assert.ok(colleaguesSuggested.length >= 2, `colleagues among the suggestions: ${suggested}`);
  assert.ok(!suggested.includes(newcomer.id), 'never oneself');
  await shoot(page, 'network-welcome');

  // The invitation, with a note, from the colleague's suggestion (or their profile).
  const note = `Hei ${colleague.first}! We both work at ${company.name}; I just started in the control systems team.`;
  let tile = pymk.locator(`[data-testid=suggestion][data-member="${colleague.id}"]`);
  if ((await tile.count()) === 0) {
    await page.goto(`${base}/#/members/${colleague.id}`);
    tile = page.locator('.profile-head');
  }
  await tile.getByRole('button', { name: /Connect/ }).click();
  const dialog = page.getByRole('dialog', { name: `Invite ${colleague.name} to connect` });
  await dialog.getByLabel('Add a note (optional)').fill(note);
  assert.equal(await dialog.getByTestId('note-count').innerText(), `${[...note].length} / 300 characters`);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await tile.getByTestId('connect-state').filter({ hasText: 'Invitation sent' }).waitFor();
  const sent = (await apiGet(page, '/api/v1/invitations?box=sent&state=pending&limit=100')).body.invitations.find((i) => i.to === colleague.id);
  assert.ok(sent, 'the invitation is sent');
  assert.equal(sent.note, note);
  people.invitation = sent;
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // The colleague: the invitation with its note, advice that is not "decline", and the
  // newcomer's full profile (experience and education).
  const other = await newPage();
  await signInAs(other, colleague);
  await other.goto(`${base}/#/invitations`);
  const card = other.locator(`[data-testid=invitation][data-id="${sent.id}"]`);
  await card.locator('.person-name', { hasText: newcomer.name }).waitFor();
  await card.getByTestId('note').filter({ hasText: note }).waitFor();
  const advice = await card.getAttribute('data-advice');
  assert.ok(advice === 'accept' || advice === 'consider', `advice ${advice}`);
  await shoot(other, 'invitation-received');
  await other.goto(`${base}/#/members/${newcomer.id}`);
  await other.locator('h1', { hasText: newcomer.name }).waitFor();
  const profile = (await apiGet(other, `/api/v1/members/${newcomer.id}`)).body;
  assert.equal(profile.profile, 'full');
  await other.getByText(company.name).first().waitFor();
  await other.getByText(school).first().waitFor();
  assert.deepEqual(other.errors, []);
  await other.context().close();
});

test('an invitation by email: the link to share, the sign-up it opens, the invitation waiting, and a withdrawal', async () => {
  const page = await newPage();
  await signInAs(page, people.newcomer);
  await page.goto(`${base}/#/invite`);
  const friend = `venn.${stamp}@onboarding.example`;
  const note = 'Bli med på ledd, så holder vi kontakten!';
  await page.getByLabel('Email address').fill(friend);
  await page.getByLabel('Add a note (optional)').fill(note);
  assert.equal(await page.getByTestId('note-count').innerText(), `${[...note].length} / 300 characters`);
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const share = page.getByTestId('share-link');
  await share.getByText('Email is not sent yet: share this link').waitFor();
  const link = await share.getByTestId('signup-link').inputValue();
  assert.match(link, /#\/signup\?invite=[^&]+$/);
  await page.locator('[data-testid=email-invitation]', { hasText: friend }).waitFor();
  await shoot(page, 'invite');

  // A second address, withdrawn again.
  const other = `kollega.${stamp}@onboarding.example`;
  await page.getByLabel('Email address').fill(other);
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const row = page.locator('[data-testid=email-invitation]', { hasText: other });
  await row.waitFor();
  await row.getByRole('button', { name: `Withdraw the invitation to ${other}` }).click();
  await page.waitForFunction(
    (email) => [...document.querySelectorAll('[data-testid=email-invitation]')].every((li) => !li.textContent.includes(email) || li.dataset.state !== 'pending'),
    other,
  );
  const listed = (await apiGet(page, '/api/v1/email-invitations')).body.email_invitations;
  assert.equal(listed.find((i) => i.email === other)?.state ?? 'gone', listed.some((i) => i.email === other) ? 'withdrawn' : 'gone');
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // The friend opens the link: who invited them, the note; signs up; the invitation waits.
  const fresh = await newPage();
  await fresh.goto(link.replace(/^https?:\/\/[^/]+/, base));
  const invited = fresh.getByTestId('signup-invitation');
  await invited.getByText(`${people.newcomer.name} invited you to ledd`).waitFor();
  await invited.getByText(note).waitFor();
  assert.equal(await fresh.getByLabel('Email').inputValue(), friend);
  await shoot(fresh, 'signup-invited');
  await fresh.getByLabel('First name').fill('Vilde');
  await fresh.getByLabel('Last name').fill('Venn');
  await fresh.getByLabel('Password').fill(PASSWORD);
  await fresh.getByRole('button', { name: 'Create account' }).click();
  await fresh.waitForFunction(() => location.hash.startsWith('#/invitations'));
  await fresh.locator('[data-testid=invitation] .person-name', { hasText: people.newcomer.name }).waitFor();
  assert.deepEqual(fresh.errors, []);
  await fresh.context().close();
});

test('a LinkedIn export: the proposal reviewed and saved in one go, two matched contacts invited', async () => {
  const { newcomer, contacts, colleague, company } = people;
  const page = await newPage();
  await signInAs(page, newcomer);
  await page.goto(`${base}/#/import`);
  await page.getByRole('heading', { name: 'Import from LinkedIn' }).waitFor();

  // A broken row: the file and line, nothing saved.
  const broken = linkedinExport('broken', { first: newcomer.first, last: newcomer.last, connections: contacts, brokenConnections: true });
  await page.getByLabel('LinkedIn data export (ZIP)').setInputFiles(broken);
  await page.getByRole('button', { name: 'Read the export' }).click();
  const error = page.getByTestId('import-error');
  await error.waitFor();
  assert.match(await error.innerText(), /Connections\.csv, line \d+/);

  const zip = linkedinExport('export', {
    first: newcomer.first,
    last: newcomer.last,
    connections: [
      ...contacts,
      { first: colleague.first, last: colleague.last, company: company.name, position: 'Engineer' },
      { first: 'Ola', last: `Utenfor${stamp}`, company: 'Ingen AS', email: `ola.${stamp}@onboarding.example` },
    ],
  });
  await page.getByLabel('LinkedIn data export (ZIP)').setInputFiles(zip);
  await page.getByRole('button', { name: 'Read the export' }).click();
  const review = page.locator('#import-review');
  await review.waitFor();
  // Each entry has its checkbox; what the profile already says is not kept.
  const positions = review.getByTestId('import-positions');
  assert.equal(await positions.locator('input[type=checkbox]').count(), 2);
  assert.ok(await positions.getByRole('checkbox', { name: /Nordlys Kontrollsystemer AS/ }).isChecked());
  await positions.getByRole('checkbox', { name: /Fjordkraft Test AS/ }).uncheck();
  const educations = review.getByTestId('import-educations');
  assert.ok(await educations.getByRole('checkbox', { name: /Universitetet i Bergen/ }).isChecked());
  const profileFields = review.getByTestId('import-profile');
  assert.ok(await profileFields.getByRole('checkbox', { name: /Senior engineer, energy systems/ }).count());
  await profileFields.getByRole('checkbox', { name: /Senior engineer, energy systems/ }).check();
  await shoot(page, 'import', review);
  await review.getByRole('button', { name: 'Save to my profile' }).click();
  await review.getByTestId('import-saved').waitFor();
  const me = (await apiGet(page, '/api/v1/me')).body;
  assert.equal(me.headline, 'Senior engineer, energy systems');
  const companies = me.positions.map((p) => JSON.stringify(p));
  assert.equal(me.positions.length, 2, companies.join('; '));
  assert.ok(companies.some((p) => p.includes(company.name)), 'the position entered before is kept');
  assert.ok(companies.some((p) => p.includes('Nordlys Kontrollsystemer AS')));
  assert.ok(!companies.some((p) => p.includes('Fjordkraft Test AS')), 'what was not kept is not saved');
  assert.equal(me.educations.length, 2);

  // The connections: the colleague already invited, three to invite; two are invited.
  const list = page.locator('#import-connections');
  await list.getByTestId('import-found').filter({ hasText: '4 of your 5 connections are on ledd.' }).waitFor();
  assert.equal(await list.locator(`[data-testid=import-connection][data-member="${colleague.id}"]`).getAttribute('data-state'), 'pending');
  for (const contact of contacts.slice(0, 2)) {
    const item = list.locator(`[data-testid=import-connection][data-member="${contact.id}"]`);
    assert.equal(await item.getAttribute('data-state'), 'invitable');
    await item.getByRole('button', { name: `Invite ${contact.first} ${contact.last}` }).click();
    await item.locator('.state-pending').waitFor();
  }
  const sent = (await apiGet(page, '/api/v1/invitations?box=sent&state=pending&limit=100')).body.invitations.map((i) => i.to);
  for (const contact of contacts.slice(0, 2)) assert.ok(sent.includes(contact.id), `invited ${contact.id}`);
  assert.ok(!sent.includes(contacts[2].id), 'the third is not invited');
  await list.getByText('1 is not on ledd yet').click();
  assert.equal(await list.getByRole('link', { name: 'Invite by email' }).getAttribute('href'), `#/invite?email=${encodeURIComponent(`ola.${stamp}@onboarding.example`)}`);
  await shoot(page, 'import-connections', list);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in Norwegian Bokmål: everyone in the directory, "Norge" in the country filter, and the import', async () => {
  const page = await newPage({ lang: 'nb' });
  const member = await signUpThroughForm(page, 'Kari', 'Katalogsen', { lang: 'nb' });
  await page.locator('#welcome').getByRole('heading', { name: 'Velkommen til ledd, Kari' }).waitFor();
  assert.doesNotMatch(await page.locator('#welcome').innerText(), ENGLISH);

  await page.goto(`${base}/#/search`);
  await page.getByLabel('Alle', { exact: true }).check();
  const country = page.getByRole('combobox', { name: 'Land' });
  await country.fill('Norge');
  await page.locator('#f-country-options [role=option]', { hasText: 'Norge' }).first().click();
  assert.equal(await country.inputValue(), 'Norge');
  await page.getByRole('combobox', { name: 'Selskap' }).fill(people.company.name);
  await page.getByRole('button', { name: 'Søk', exact: true }).click();
  const outside = page.locator('[data-testid=hit][data-in-network=false]').first();
  await outside.waitFor();
  assert.equal(await outside.getByTestId('not-in-network').innerText(), 'Ikke i nettverket ditt');
  assert.doesNotMatch(await page.locator('main').innerText(), ENGLISH);
  await shoot(page, 'search-everyone-nb');

  await page.goto(`${base}/#/import`);
  await page.getByRole('heading', { name: 'Importer fra LinkedIn' }).waitFor();
  const broken = linkedinExport('broken-nb', { first: 'Kari', last: 'Katalogsen', connections: people.contacts, brokenConnections: true });
  await page.getByLabel('LinkedIn-dataeksport (ZIP)').setInputFiles(broken);
  await page.getByRole('button', { name: 'Les eksporten' }).click();
  const error = page.getByTestId('import-error');
  await error.waitFor();
  assert.match(await error.innerText(), /^Noe gikk galt: |Connections\.csv, linje \d+/);
  assert.match(await error.innerText(), /Connections\.csv, linje \d+/);
  const zip = linkedinExport('export-nb', { first: 'Kari', last: 'Katalogsen', connections: people.contacts });
  await page.getByLabel('LinkedIn-dataeksport (ZIP)').setInputFiles(zip);
  await page.getByRole('button', { name: 'Les eksporten' }).click();
  await page.locator('#import-review').waitFor();
  await page.getByRole('button', { name: 'Lagre i profilen min' }).waitFor();
  await page.getByTestId('import-found').filter({ hasText: '3 av de 3 kontaktene dine er på ledd.' }).waitFor();
  const shown = (await page.locator('main').innerText()).replace(/Nordlys Kontrollsystemer AS|Fjordkraft Test AS|Senior engineer, energy systems|Twenty years[^\n]*|Senior Engineer|Engineer|Oil & Energy|Colleague|Profile, Positions, Education (og|and) Connections|\S+\.csv/g, '');
  assert.doesNotMatch(shown, ENGLISH);
  await shoot(page, 'import-nb');
  await page.getByRole('button', { name: 'Lagre i profilen min' }).click();
  await page.getByTestId('import-saved').filter({ hasText: 'Lagret i profilen din.' }).waitFor();
  assert.equal((await apiGet(page, '/api/v1/me')).body.positions.length, 2);
  assert.ok(member.id > 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('at phone width the first hit shows without scrolling, the filters fold behind a button and the menu is reachable', async () => {
  const page = await newPage({ viewport: PHONE });
  await signInAs(page, people.newcomer);
  const name = people.colleague.name;
  await page.goto(`${base}/#/search?${new URLSearchParams({ name, country: 'Norway', degree: 'all' })}`);
  const first = page.locator('[data-testid=hit]').first();
  await first.waitFor();
  const box = await first.boundingBox();
  assert.ok(box && box.y >= 0 && box.y + Math.min(box.height, 80) <= PHONE.height, `the first hit at ${JSON.stringify(box)}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling');
  const toggle = page.getByTestId('filters-toggle');
  assert.equal(await toggle.innerText(), 'Filters (2)');
  assert.equal(await page.locator('#filters').isVisible(), false);
  await shoot(page, 'search-phone');
  await toggle.click();
  await page.locator('#filters').waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Country' }).inputValue(), 'Norway');
  await shoot(page, 'search-phone-filters');

  // The menu: the Invitations link is there, or behind the menu button.
  const invitations = page.locator('header').getByRole('link', { name: 'Invitations', exact: true });
  if (!(await invitations.isVisible())) {
    await page.locator('header').getByRole('button', { name: /menu/i }).click();
  }
  await invitations.click();
  await page.waitForFunction(() => location.hash.startsWith('#/invitations'));
  // The settings there, with "Show me in the member directory", fit too.
  await page.locator('#settings form').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'the invitations page: no sideways scrolling');
  for (const hash of ['#/invite', '#/network']) {
    await page.goto(`${base}/${hash}`);
    await page.locator('#page-title').waitFor();
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `${hash}: no sideways scrolling`);
  }

  await page.goto(`${base}/#/import`);
  await page.getByRole('heading', { name: 'Import from LinkedIn' }).waitFor();
  await shoot(page, 'import-phone');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('"Show me in the member directory": off, a stranger no longer finds the member; on, again', async () => {
  const page = await newPage();
  const hidden = await signUpThroughForm(page, 'Hedda', `Skjult${stamp}`);
  await page.goto(`${base}/#/invitations`);
  const settings = page.locator('#settings');
  const toggle = settings.getByLabel('Show me in the member directory');
  assert.ok(await toggle.isChecked(), 'in the directory by default');
  const stranger = await newPage();
  await signInAs(stranger, people.newcomer);
  const find = async () => {
    // Loaded afresh: going to the same hash again would not search again.
    await stranger.goto(`${base}/#/search?${new URLSearchParams({ name: hidden.last, degree: 'all' })}`);
    await stranger.reload();
    await stranger.getByTestId('total').waitFor();
    return stranger.locator('[data-testid=hit] .person-name', { hasText: hidden.name }).count();
  };
  // The network follows the store a moment later (--follow-seconds): asked again until then.
  const findUntil = async (expected) => {
    let found = await find();
    for (let i = 0; i < 20 && found !== expected; i++) {
      await stranger.waitForTimeout(250);
      found = await find();
    }
    return found;
  };
  assert.equal(await findUntil(1), 1, 'a new member is in the directory');
  await toggle.uncheck();
  await settings.getByRole('button', { name: 'Save' }).click();
  await settings.getByTestId('settings-status').filter({ hasText: 'Saved' }).waitFor();
  assert.equal((await apiGet(page, '/api/v1/me/settings')).body.in_directory, false);

  assert.equal(await findUntil(0), 0, 'an opted-out member is not found out of network');
  await toggle.check();
  await settings.getByRole('button', { name: 'Save' }).click();
  for (let i = 0; i < 40 && !(await apiGet(page, '/api/v1/me/settings')).body.in_directory; i++) await page.waitForTimeout(100);
  assert.equal((await apiGet(page, '/api/v1/me/settings')).body.in_directory, true);
  assert.equal(await findUntil(1), 1, 'found again');
  assert.deepEqual([...page.errors, ...stranger.errors], []);
  await page.context().close();
  await stranger.context().close();
});
