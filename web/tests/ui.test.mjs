// The web UI in real Chromium against a real `ledd serve` (registered with CTest by
// tests/web/CMakeLists.txt, so `make test` runs it). LEDD_BINARY is the ledd to run and
// LEDD_WEB_ROOT the built UI (web/dist).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiGet, digits, launchBrowser, openPage, signIn } from './browser.mjs';
import { PASSWORD, readTable, TestNetwork } from './network.mjs';
import { pngBytes } from './picture.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binary = process.env.LEDD_BINARY || join(here, '..', '..', 'build', 'ledd');
const webRoot = process.env.LEDD_WEB_ROOT || join(here, '..', 'dist');
const TIMEOUT = 60000;

let network;
let base;
let demoFile;
let browser;
// The members the tests act as.
const people = {};

async function apiSignIn(email) {
  const response = await fetch(`${base}/api/v1/signin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(response.status, 200, `sign-in of ${email}`);
  return (await response.json()).token;
}

async function bearerGet(token, path) {
  const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(response.status, 200, `${path}: ${response.status}`);
  return response.json();
}

// A write with a bearer token (no CSRF token needed); resolves to {status, body}.
async function bearerWrite(token, method, path, body) {
  const withBody = method !== 'DELETE';
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(withBody ? { 'Content-Type': 'application/json' } : {}) },
    body: withBody ? JSON.stringify(body ?? {}) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

// A member signed up now through the API (a brand-new account); `fields` are the sign-up's
// optional ones (headline, city, country, industry). Resolves to {id, email, token, name}.
let signups = 0;
async function signUp(first, last, fields = {}) {
  const email = `signup${++signups}.${Date.now()}@web-test.example`;
  const response = await fetch(`${base}/api/v1/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, first_name: first, last_name: last, ...fields }),
  });
  const body = await response.json();
  assert.equal(response.status, 201, `sign-up of ${first} ${last}: ${JSON.stringify(body)}`);
  return { id: body.member, email, token: body.token, name: `${first} ${last}` };
}

// Gives the member of `token` a profile photo (PUT /api/v1/me/photo with a PNG).
async function uploadPhoto(token) {
  const response = await fetch(`${base}/api/v1/me/photo`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/png' },
    body: pngBytes(),
  });
  assert.equal(response.status, 200, `PUT /api/v1/me/photo: ${response.status} ${await response.text()}`);
}

// A write that must succeed; resolves to its answer.
async function must(token, method, path, body) {
  const answer = await bearerWrite(token, method, path, body);
  assert.ok(answer.status >= 200 && answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

function name(member) {
  const row = network.member(member);
  return `${row.first_name} ${row.last_name}`;
}

async function newPage(options) {
  const page = await openPage(browser, options);
  page.setDefaultTimeout(TIMEOUT);
  return page;
}

async function signedIn(who) {
  const page = await newPage();
  await signIn(page, base, who.email, PASSWORD);
  return page;
}

// The whole number shown in [data-testid=ID] [data-value] (or the element itself).
async function shown(page, testid) {
  const element = page.locator(`[data-testid=${testid}] [data-value]`).first();
  return digits(await element.innerText());
}

before(async () => {
  assert.ok(existsSync(binary), `no ledd binary at ${binary}`);
  assert.ok(existsSync(join(webRoot, 'index.html')), `no built web UI at ${webRoot} (npm run build in web/)`);
  network = new TestNetwork({ binary, webRoot });

  // Recipients of pending invitations: one of them has one advised "accept".
  const recipients = network.byPendingInvitations().slice(0, 8);
  for (const r of recipients) r.email = network.createAccount(r.id);
  // A well-connected member in Oslo searches, follows and reads.
  const taken = new Set(recipients.map((r) => r.id));
  const oslo = network
    .byContacts()
    .find((m) => !taken.has(m.id) && network.member(m.id)?.city === 'Oslo');
  assert.ok(oslo, 'the generated network has a member in Oslo');
  people.reader = { id: oslo.id, email: network.createAccount(oslo.id) };

  // A seasoned member with a clean record (no invitations sent or received in the
  // generated history, a photo, contacts) who connects from a post.
  const invited = new Set(network.invitations.flatMap((i) => [Number(i.from), Number(i.to)]));
  const connector = network
    .byContacts()
    .find((m) => m.count >= 5 && !taken.has(m.id) && m.id !== oslo.id && !invited.has(m.id) && network.member(m.id)?.has_photo === '1' && network.member(m.id)?.country === 'NO');
  assert.ok(connector, 'the generated network has a member in Norway with no invitations');
  people.connector = { id: connector.id, email: network.createAccount(connector.id), name: name(connector.id) };

  const reader = network.member(oslo.id);
  people.reader.name = `${reader.first_name} ${reader.last_name}`;
  demoFile = network.demoAccountsFile([{ email: people.reader.email, password: PASSWORD, name: people.reader.name }]);
  // The tests sign up more members than one address may in an hour by default.
  base = (await network.start(['--web-root', webRoot, '--demo-accounts', demoFile, '--signups-per-hour', '0'])).base;
  for (const r of recipients) {
    const token = await apiSignIn(r.email);
    const answer = await bearerGet(token, '/api/v1/invitations?box=received&state=pending&limit=200');
    const advised = answer.invitations
      .filter((i) => i.advice?.decision === 'accept')
      .sort((a, b) => (b.marginal_reach ?? 0) - (a.marginal_reach ?? 0));
    // One to accept (the largest gain) and at least one more to turn down.
    if (advised.length === 0 || answer.invitations.length < 2) continue;
    if (!people.recipient || (advised[0].marginal_reach ?? 0) > (people.recipient.invitation.marginal_reach ?? 0)) {
      people.recipient = { id: r.id, email: r.email, invitation: advised[0] };
    }
  }
  assert.ok(people.recipient, 'some member has a pending invitation advised "accept", and another');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await network?.stop();
});

test('signs in through the form (not with a wrong password), signs out, signs in as a demo account', async () => {
  const page = await newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('Email').fill(people.reader.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Sign-in failed/);

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForSelector('nav.mainnav');
  assert.equal(new URL(page.url()).hash, '#/network');
  // Signing out forgets the session: the sign-in page again, and the API says 401.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForSelector('#email');
  assert.equal((await apiGet(page, '/api/v1/me')).status, 401);

  // The demo accounts this server was given, one click each.
  await page.getByRole('button', { name: `Sign in as ${people.reader.name}` }).click();
  await page.waitForSelector('nav.mainnav');
  assert.equal(await page.locator('.me-name').innerText(), network.member(people.reader.id).first_name);
  // The session survives a reload (cookie plus the stored CSRF token).
  await page.reload();
  await page.waitForSelector('nav.mainnav');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('signs up a new member, who starts with an empty network', async () => {
  const page = await newPage();
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'New here? Create an account' }).click();
  await page.getByLabel('First name').fill('Ingrid');
  await page.getByLabel('Last name').fill('Testesen');
  await page.getByLabel('Email').fill(`ingrid.${Date.now()}@web-test.example`);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByLabel('City').fill('Oslo');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForSelector('[data-testid=blog]');
  assert.equal(await page.locator('.me-name').innerText(), 'Ingrid');
  assert.equal(await shown(page, 'contacts'), 0);
  assert.equal(await shown(page, 'exact'), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('in Norwegian, the server\'s refusals of a sign-up and a sign-in read in Norwegian', async () => {
  const page = await newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('Language').selectOption('nb');
  await page.getByRole('button', { name: 'Ny her? Opprett en konto' }).click();
  await page.getByLabel('Fornavn').fill('Kari');
  await page.getByLabel('Etternavn').fill('Nordmann');
  await page.getByLabel('E-post').fill(`kari.${Date.now()}@web-test.example`);
  await page.getByLabel('Passord').fill('Basketball');  // On the list of common passwords.
  await page.getByRole('button', { name: 'Opprett konto' }).click();
  await page.getByText('Det passordet er blant de vanligste. Velg et annet.').waitFor();
  await page.getByRole('button', { name: 'Allerede medlem? Logg inn' }).click();
  await page.getByLabel('E-post').fill(people.reader.email);
  await page.getByLabel('Passord').fill('not the password at all');
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
  await page.getByText('Innloggingen mislyktes: Feil e-postadresse eller passord.').waitFor();
  const shownText = await page.locator('.signin-page').innerText();
  assert.doesNotMatch(shownText, /password|wrong|common/i, 'no English from the server');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the network page shows the numbers the API answers', async () => {
  const page = await signedIn(people.reader);
  await page.goto(`${base}/#/network`);
  await page.waitForSelector('[data-testid=blog]');
  const reach = (await apiGet(page, '/api/v1/reach')).body;
  const report = (await apiGet(page, '/api/v1/contacts-report')).body;
  assert.ok(reach.first > 0);
  assert.equal(await shown(page, 'contacts'), report.contacts);
  assert.equal(await shown(page, 'first'), reach.first);
  assert.equal(await shown(page, 'second'), reach.second);
  assert.equal(await shown(page, 'naive'), reach.naive);
  assert.equal(await shown(page, 'blog'), Math.round(reach.blog_estimate));
  assert.equal(await shown(page, 'exact'), reach.first + reach.second);
  const percentile = await page.getByTestId('percentile').innerText();
  // Rounded down, so that 99.998 does not read as 100 %.
  assert.ok(percentile.includes(`${(Math.floor(report.percentile * 10) / 10).toFixed(1)} %`), `${percentile} vs ${report.percentile}`);
  const overlap = await page.getByTestId('overlap').innerText();
  assert.ok(overlap.includes(`${(reach.overlap * 100).toFixed(1)} %`), `${overlap} vs ${reach.overlap}`);

  // The contacts themselves, a page at a time.
  const contacts = page.locator('#contacts');
  assert.equal(digits(await contacts.locator('h2').innerText()), report.contacts);
  assert.equal(await contacts.locator('.chip').count(), Math.min(30, report.contacts));
  // People I may know, one click from an invitation.
  const suggestions = (await apiGet(page, '/api/v1/pymk?limit=6')).body.suggestions;
  if (suggestions.length > 0) {
    // Connect opens the note dialog; sent without a note.
    await page.getByRole('button', { name: `Connect: ${suggestions[0].name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Invite ${suggestions[0].name} to connect` });
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.locator('#pymk [role=status]').waitFor();
    const sent = (await apiGet(page, '/api/v1/invitations?box=sent&state=pending&limit=200')).body.invitations;
    assert.ok(sent.some((i) => i.to === suggestions[0].member), 'the invitation is in the sent box');
  }

  // The 3rd degree on request.
  await page.getByRole('button', { name: 'Count the 3rd degree' }).click();
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=third] [data-value]')?.textContent ?? ''));
  const third = (await apiGet(page, '/api/v1/reach?third=true')).body.third;
  assert.equal(await shown(page, 'third'), third);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('accepting an invitation advised "accept" adds a contact and the reach it promised', async () => {
  const { invitation } = people.recipient;
  const page = await signedIn(people.recipient);
  await page.goto(`${base}/#/network`);
  await page.waitForSelector('[data-testid=blog]');
  const contactsBefore = await shown(page, 'contacts');
  const reachBefore = await shown(page, 'exact');

  await page.goto(`${base}/#/invitations`);
  const card = page.locator(`[data-testid=invitation][data-id="${invitation.id}"]`);
  await card.waitFor();
  assert.equal(await card.getAttribute('data-advice'), 'accept');
  assert.match(await card.locator('.advice').innerText(), /Accept/);
  // The sender's card, and the reach this invitation adds.
  await card.locator('.person-name', { hasText: name(invitation.from) }).waitFor();
  assert.equal(await card.getByTestId('note').count(), invitation.note ? 1 : 0);
  if (invitation.note) assert.equal(await card.getByTestId('note').innerText(), invitation.note);
  assert.equal(await card.getByTestId('sent-at').getAttribute('datetime'), invitation.created_at);
  const gain = invitation.marginal_reach ?? 0;
  assert.ok(gain > 0, `invitation ${invitation.id} brings no one new: the reach could not change`);
  const gainText = await card.getByTestId('gain').innerText();
  if (gain > 0) assert.equal(digits(gainText), gain, gainText);
  // Sorting by reach puts the largest gain first.
  await page.getByTestId('sort').selectOption('reach');
  await page.waitForFunction(() => location.hash.includes('sort=reach'));
  const reaches = await page.locator('[data-testid=invitation]').evaluateAll((cards) => cards.map((c) => Number(c.dataset.reach || -1)));
  assert.deepEqual(reaches, [...reaches].sort((a, b) => b - a));

  await card.getByRole('button', { name: 'Accept', exact: true }).click();
  await card.locator('.state-accepted').waitFor();
  assert.match(await page.getByTestId('notice').innerText(), /Accepted/);

  // Another one turned down: reported if advised "decline", else ignored.
  const others = page.locator(`[data-testid=invitation]:not([data-id="${invitation.id}"])`);
  const declined = page.locator('[data-testid=invitation][data-advice=decline]');
  const other = (await declined.count()) > 0 ? declined.first() : others.first();
  const otherId = Number(await other.getAttribute('data-id'));
  const report = (await other.getAttribute('data-advice')) === 'decline';
  await other.getByRole('button', { name: report ? 'I don’t know this person' : 'Ignore' }).click();
  // A report is confirmed first.
  if (report) await other.getByTestId('report-confirm').getByRole('button', { name: 'Yes, report' }).click();
  await other.locator(report ? '.state-reported' : '.state-ignored').waitFor();
  const received = (await apiGet(page, '/api/v1/invitations?box=received&limit=200')).body.invitations;
  assert.equal(received.find((i) => i.id === otherId)?.state, report ? 'reported' : 'ignored');

  await page.goto(`${base}/#/network`);
  await page.waitForSelector('[data-testid=blog]');
  assert.equal(await shown(page, 'contacts'), contactsBefore + 1);
  assert.equal(await shown(page, 'exact'), reachBefore + gain);
  const connections = (await apiGet(page, '/api/v1/me/connections?limit=1')).body;
  assert.equal(connections.total, contactsBefore + 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an invitation card shows the note as written and when it was sent, in both boxes', async () => {
  // A new member, invited by the reader with a note that looks like markup.
  const email = `note.${Date.now()}@web-test.example`;
  const signup = await fetch(`${base}/api/v1/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, first_name: 'Nora', last_name: 'Notesen', city: 'Bergen' }),
  });
  assert.ok(signup.ok, `signup: ${signup.status}`);
  const invitee = (await signup.json()).member;
  const note = 'We met at <b>the meetup</b> & talked about "degrees".\nLet us keep in touch!';
  const sent = await bearerWrite(await apiSignIn(people.reader.email), 'POST', '/api/v1/invitations', { to: invitee, note });
  assert.equal(sent.status, 201, JSON.stringify(sent.body));

  const page = await newPage();
  await signIn(page, base, email, PASSWORD);
  await page.goto(`${base}/#/invitations`);
  const card = page.locator(`[data-testid=invitation][data-id="${sent.body.id}"]`);
  await card.locator('.person-name', { hasText: people.reader.name }).waitFor();
  const received = (await apiGet(page, '/api/v1/invitations?box=received&limit=200')).body.invitations.find((i) => i.id === sent.body.id);
  assert.equal(received.note, note);
  // Text, not markup; its line break kept.
  assert.equal(await card.getByTestId('note').innerText(), note);
  assert.equal(await card.locator('[data-testid=note] b').count(), 0);
  const sentAt = card.getByTestId('sent-at');
  assert.equal(await sentAt.getAttribute('datetime'), received.created_at);
  assert.equal(await sentAt.innerText(), 'Sent just now');
  await page.getByLabel('Language').selectOption('nb');
  await sentAt.filter({ hasText: 'Sendt nå nettopp' }).waitFor();
  await page.getByLabel('Språk').selectOption('en');
  await page.context().close();

  // The reader's sent box shows the same.
  const reader = await signedIn(people.reader);
  await reader.goto(`${base}/#/invitations?box=sent`);
  const mine = reader.locator(`[data-testid=invitation][data-id="${sent.body.id}"]`);
  await mine.locator('.person-name', { hasText: 'Nora Notesen' }).waitFor();
  assert.equal(await mine.getByTestId('note').innerText(), note);
  assert.equal(await mine.getByTestId('sent-at').innerText(), 'Sent just now');
  // Older ones, in the generated network, carry their dates too.
  const older = reader.locator('[data-testid=invitation]:not([data-id="' + sent.body.id + '"]) [data-testid=sent-at]');
  if ((await older.count()) > 0) assert.match(await older.first().innerText(), /^Sent \S/);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(reader.errors, []);
  await reader.context().close();
});

test('searches engineers in Oslo within 2 degrees and opens a result', async () => {
  const page = await signedIn(people.reader);
  await page.goto(`${base}/#/search`);
  await page.getByTestId('article-example').click();
  await page.waitForSelector('[data-testid=hit]');
  const hash = decodeURIComponent(new URL(page.url()).hash);
  assert.match(hash, /title=ingeniør/);
  assert.match(hash, /city=Oslo/);
  const api = (await apiGet(page, `/api/v1/search?title=${encodeURIComponent('ingeniør')}&city=Oslo&degree=1,2&limit=20`)).body;
  assert.ok(api.total > 0, 'engineers in Oslo within 2 degrees');
  assert.equal(digits(await page.getByTestId('total').innerText()), api.total);
  const hits = page.locator('[data-testid=hit]');
  assert.equal(await hits.count(), api.hits.length);
  for (let i = 0; i < api.hits.length; i++) {
    const hit = hits.nth(i);
    assert.equal(await hit.locator('.person-name').innerText(), api.hits[i].name);
    assert.equal(await hit.locator('.degree').innerText(), api.hits[i].degree === 1 ? '1st' : '2nd');
  }
  // A 2nd-degree hit names who can introduce.
  const second = api.hits.findIndex((h) => h.degree === 2 && h.introducers.length > 0);
  if (second >= 0) {
    assert.match(await hits.nth(second).locator('.intro').innerText(), new RegExp(`Ask .*${api.hits[second].introducers[0].name}`));
  }
  // Facet counts come from the answer.
  const facet = api.facets.title?.[0];
  if (facet) {
    const button = page.locator('.facet-value', { hasText: facet.display }).first();
    assert.equal(digits(await button.locator('.count').innerText()), facet.count);
  }
  // Countries by name, as on profiles (the answer has their codes).
  const country = api.facets.country?.find((c) => c.value === 'no');
  assert.ok(country, 'engineers in Oslo are counted under NO');
  const norway = page.locator('#facets .facet-value', { hasText: 'Norway' }).first();
  assert.equal(digits(await norway.locator('.count').innerText()), country.count);

  // Saved under a name, listed, and deleted again.
  await page.getByLabel('Save this search as').fill('Engineers in Oslo');
  await page.locator('#saved').getByRole('button', { name: 'Save' }).click();
  await page.locator('#saved .saved-list a', { hasText: 'Engineers in Oslo' }).waitFor();
  const saved = (await apiGet(page, '/api/v1/saved-searches')).body.saved_searches;
  assert.deepEqual(saved.find((s) => s.name === 'Engineers in Oslo')?.filters, { title: 'ingeniør', city: 'Oslo' });
  await page.getByRole('button', { name: 'Delete the saved search “Engineers in Oslo”' }).click();
  await page.locator('#saved .saved-list a', { hasText: 'Engineers in Oslo' }).waitFor({ state: 'detached' });
  assert.equal((await apiGet(page, '/api/v1/saved-searches')).body.saved_searches.length, saved.length - 1);

  // The next page starts where this one ended.
  if (api.total > api.hits.length) {
    await page.getByRole('link', { name: /Next/ }).click();
    await page.waitForFunction(() => location.hash.includes('offset=20'));
    const next = (await apiGet(page, `/api/v1/search?title=${encodeURIComponent('ingeniør')}&city=Oslo&degree=1,2&limit=20&offset=20`)).body;
    await page.locator('[data-testid=hit] .person-name', { hasText: next.hits[0].name }).first().waitFor();
    assert.equal(await page.locator('[data-testid=hit] .person-name').first().innerText(), next.hits[0].name);
    assert.equal(await page.locator('ol.hit-list').getAttribute('start'), '21');
    await page.getByRole('link', { name: /Previous/ }).click();
    await page.waitForFunction(() => !location.hash.includes('offset='));
    await page.locator('[data-testid=hit] .person-name', { hasText: api.hits[0].name }).first().waitFor();
  }

  const target = api.hits[second >= 0 ? second : 0];
  await hits.nth(second >= 0 ? second : 0).locator('.person-name').click();
  await page.waitForFunction((id) => location.hash === `#/members/${id}`, target.member);
  await page.locator('h1', { hasText: target.name }).waitFor();
  assert.equal(await page.locator('.profile-head .degree').innerText(), target.degree === 1 ? '1st' : '2nd');
  await page.getByTestId('path').waitFor();
  const path = (await apiGet(page, `/api/v1/members/${target.member}/path`)).body;
  assert.equal(await page.locator('[data-testid=path] li').count(), path.path.length);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a profile says who follows whom, and its follow button starts as it stands', async () => {
  const author = people.recipient;
  const authorToken = await apiSignIn(author.email);
  const readerToken = await apiSignIn(people.reader.email);
  // Neither follows the other to begin with (a 404: there was nothing to undo).
  for (const [token, followee] of [[authorToken, people.reader.id], [readerToken, author.id]]) {
    const undone = await bearerWrite(token, 'DELETE', `/api/v1/members/${followee}/follow`);
    assert.ok([200, 404].includes(undone.status), `unfollow: ${undone.status}`);
  }

  const reader = await signedIn(people.reader);
  await reader.goto(`${base}/#/members/${author.id}`);
  const button = reader.locator('.profile-actions button[aria-pressed]');
  await reader.locator('h1', { hasText: name(author.id) }).waitFor();
  assert.equal(await button.innerText(), 'Follow');
  assert.equal(await button.getAttribute('aria-pressed'), 'false');
  assert.equal(await reader.getByTestId('follows-you').count(), 0);

  // Followed here; after a reload the button still says so.
  await button.click();
  await reader.locator('button[aria-pressed=true]', { hasText: 'Following' }).waitFor();
  assert.equal((await bearerGet(readerToken, `/api/v1/members/${author.id}`)).following, true);
  await reader.reload();
  await reader.locator('h1', { hasText: name(author.id) }).waitFor();
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  assert.equal(await button.innerText(), '✓ Following');

  // Once the author follows the reader, the profile says so, in both languages.
  assert.equal((await bearerWrite(authorToken, 'POST', `/api/v1/members/${people.reader.id}/follow`)).status, 200);
  await reader.reload();
  assert.equal(await reader.getByTestId('follows-you').innerText(), 'Follows you');
  await reader.getByLabel('Language').selectOption('nb');
  await reader.getByTestId('follows-you').filter({ hasText: 'Følger deg' }).waitFor();
  assert.equal(await button.innerText(), '✓ Følger');
  await reader.getByLabel('Språk').selectOption('en');
  await reader.getByTestId('follows-you').filter({ hasText: 'Follows you' }).waitFor();
  // And from the author's side, the other way round.
  const seenByAuthor = await bearerGet(authorToken, `/api/v1/members/${people.reader.id}`);
  assert.deepEqual([seenByAuthor.following, seenByAuthor.follows_you], [true, true]);
  assert.deepEqual(reader.errors, []);
  await reader.context().close();
});

test('a new post notifies a follower, who reads and comments on it', async () => {
  const author = people.recipient;
  const reader = await signedIn(people.reader);
  // The reader follows the author (the test before followed from the profile).
  await reader.goto(`${base}/#/members/${author.id}`);
  const follow = reader.locator('.profile-actions button[aria-pressed]');
  await reader.locator('h1', { hasText: name(author.id) }).waitFor();
  if ((await follow.getAttribute('aria-pressed')) === 'false') await follow.click();
  await reader.locator('button[aria-pressed=true]', { hasText: 'Following' }).waitFor();
  const unreadBefore = (await apiGet(reader, '/api/v1/me/unread-count')).body.unread;

  const page = await signedIn(author);
  await page.goto(`${base}/#/posts`);
  const title = `Notes from the web test ${Date.now()}`;
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Text').fill('Two degrees of separation, counted exactly.');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByTestId('published').waitFor();
  await page.locator('[data-testid=post] .post-title', { hasText: title }).waitFor();

  // The reader's badge counts it once the page looks again (on navigation).
  await reader.goto(`${base}/#/notifications`);
  await reader.waitForFunction((count) => Number(document.querySelector('[data-testid=unread-count]')?.textContent ?? 0) === count, unreadBefore + 1);
  const first = reader.locator('[data-testid=notification]').first();
  assert.equal(await first.getAttribute('data-kind'), 'new_post');
  // It names the author and the post, found in the reader's feed.
  await first.getByRole('link', { name: `${name(author.id)} published “${title}”` }).waitFor();
  await first.getByRole('link').click();
  await reader.locator('.post-title', { hasText: title }).waitFor();
  // Reading it counted a view.
  assert.match(await reader.getByTestId('views').innerText(), /^1 views?$/);
  // Opening the notification marked it read.
  await reader.waitForFunction((count) => Number(document.querySelector('[data-testid=unread-count]')?.textContent ?? 0) === count, unreadBefore);

  await reader.getByRole('button', { name: /Comments/ }).click();
  await reader.getByLabel('Write a comment').fill('Counted, not estimated.');
  await reader.getByRole('button', { name: 'Comment', exact: true }).click();
  await reader.locator('.comment', { hasText: 'Counted, not estimated.' }).waitFor();
  assert.deepEqual(reader.errors, []);
  assert.deepEqual(page.errors, []);
  await reader.context().close();
  await page.context().close();
});

// ---- Invitations from visibility: provenance, the note, gamed and honest senders ----

// English words that must not appear in the Norwegian parts checked below.
const ENGLISH = /\b(the|your|you|and|from|with|invited|invite|read|post|talk|heard|connect|invitation|characters|note|report|undo|markets|home|countries|international|decline|consider|accept|speaker|link|date|place|title|edit|delete|add)\b/i;

// A date `days` before today, YYYY-MM-DD.
function daysAgo(days) {
  return new Date(Date.now() - days * 86400000).toISOString().slice(0, 10);
}

// The invitation card of `id` on a page showing the invitations box.
function invitationCard(page, id) {
  return page.locator(`[data-testid=invitation][data-id="${id}"]`);
}

// The codes of the reasons a card shows.
async function reasonCodes(card) {
  return card.locator('.reasons li').evaluateAll((items) => items.map((item) => item.dataset.code));
}

test('connecting from a post: a note of at most 300 characters, and the author sees "read your post", advised accept', async () => {
  const author = await signUp('Astrid', 'Postmo', { headline: 'Rådgiver i bærekraft', city: 'Oslo', country: 'NO' });
  people.author = author;
  const title = 'Bærekraft i leverandørkjeden';
  const published = await must(author.token, 'POST', '/api/v1/posts', { title, body: 'Hva vi lærte av å kartlegge 300 leverandører.' });
  people.authorPost = { id: published.id, title };

  // The connector reads the post (a counted view) and connects from it with a note.
  const page = await signedIn(people.connector);
  await page.goto(`${base}/#/posts/${published.id}`);
  await page.locator('.post-title', { hasText: title }).waitFor();
  const bar = page.getByTestId('post-connect');
  await bar.getByText(`Enjoyed the post? Invite ${author.name} to connect`).waitFor();
  await bar.getByRole('button', { name: 'Connect' }).click();
  const dialog = page.getByRole('dialog', { name: `Invite ${author.name} to connect` });
  assert.equal(await dialog.getByTestId('connect-context').innerText(), `The invitation will say you read ‘${title}’.`);
  const note = dialog.getByLabel('Add a note (optional)');
  const counter = dialog.getByTestId('note-count');
  assert.equal(await counter.innerText(), '0 / 300 characters');
  // The counter counts characters as the server does (code points: an emoji is one),
  // and the field takes no more than 300.
  await note.fill('é'.repeat(150) + '😀'.repeat(170));
  assert.equal(await counter.innerText(), '300 / 300 characters');
  assert.equal(await note.evaluate((field) => [...field.value].length), 300);
  await note.press('x');
  assert.equal(await note.evaluate((field) => [...field.value].length), 300);
  const written = 'Jeg leste innlegget ditt om leverandørkjeden — vi kartlegger våre nå.';
  await note.fill(written);
  assert.equal(await counter.innerText(), `${[...written].length} / 300 characters`);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await bar.getByTestId('connect-state').filter({ hasText: 'Invitation sent' }).waitFor();
  const sent = (await apiGet(page, '/api/v1/invitations?box=sent&state=pending&limit=1000')).body.invitations.find((i) => i.to === author.id);
  assert.ok(sent, 'the invitation is in the sent box');
  assert.equal(sent.note, written);
  assert.deepEqual([sent.via?.kind, sent.via?.id, sent.via?.title], ['post', published.id, title]);
  // The sender's box says where it was sent from.
  await page.goto(`${base}/#/invitations?box=sent`);
  const mine = invitationCard(page, sent.id);
  assert.match(await mine.getByTestId('via').innerText(), new RegExp(`^✓?\\s*Sent from their post ‘${title}’, which you read on \\d{1,2} \\w{3}( \\d{4})?$`));
  // Opened again, the post shows the invitation, not a second Connect.
  await page.goto(`${base}/#/posts/${published.id}`);
  await page.getByTestId('post-connect').getByTestId('connect-state').filter({ hasText: 'Invitation sent' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // The author: "Read your post ‘…’ on <day> and invited you from it", advised accept.
  const mail = await signedIn(author);
  await mail.goto(`${base}/#/invitations`);
  const card = invitationCard(mail, sent.id);
  await card.locator('.person-name', { hasText: people.connector.name }).waitFor();
  assert.equal(await card.getAttribute('data-advice'), 'accept');
  const via = card.getByTestId('via');
  assert.equal(await via.getAttribute('data-counted'), 'yes');
  assert.match(await via.innerText(), new RegExp(`Read your post ‘${title}’ on \\d{1,2} \\w{3}( \\d{4})? and invited you from it$`));
  assert.equal(await via.getByRole('link').getAttribute('href'), `#/posts/${published.id}`);
  assert.equal(await card.getByTestId('note').innerText(), written);
  // In Norwegian: «…» and the Norwegian day, no English.
  await mail.getByLabel('Language').selectOption('nb');
  await via.filter({ hasText: `Leste innlegget ditt «${title}»` }).waitFor();
  const norwegian = await via.innerText();
  assert.match(norwegian, new RegExp(`Leste innlegget ditt «${title}» \\d{1,2}\\. \\S+( \\d{4})? og inviterte deg derfra$`));
  assert.doesNotMatch(norwegian, ENGLISH);
  await mail.getByLabel('Språk').selectOption('en');
  // The box is drawn again in English: click Accept on the new card, not the old one.
  await via.filter({ hasText: `Read your post ‘${title}’` }).waitFor();
  await card.getByRole('button', { name: 'Accept', exact: true }).click();
  await card.locator('.state-accepted').waitFor();
  const received = (await apiGet(mail, '/api/v1/invitations?box=received&limit=200')).body.invitations;
  assert.equal(received.find((i) => i.id === sent.id)?.state, 'accepted');
  assert.deepEqual(mail.errors, []);
  await mail.context().close();
});

test('a fresh account that follows, comments and reads before inviting is not advised accept; reporting it is confirmed and can be undone', async () => {
  const author = people.author;
  const gamer = await signUp('Geir', 'Glad', { headline: 'Gründer og investor', city: 'Oslo', country: 'NO', industry: 'Venture Capital' });
  // Everything that used to count as visibility, done in three calls a minute ago.
  await uploadPhoto(gamer.token);
  await must(gamer.token, 'PUT', '/api/v1/me', { summary: 'Bygger selskaper som betyr noe.' });
  await must(gamer.token, 'POST', `/api/v1/members/${author.id}/follow`);
  await bearerGet(gamer.token, `/api/v1/posts/${people.authorPost.id}`);
  await must(gamer.token, 'POST', `/api/v1/posts/${people.authorPost.id}/comments`, { body: 'Sterkt innlegg!' });

  const page = await signedIn(gamer);
  await page.goto(`${base}/#/members/${author.id}`);
  await page.locator('h1', { hasText: author.name }).waitFor();
  await page.locator('.profile-actions').getByRole('button', { name: 'Connect' }).click();
  const dialog = page.getByRole('dialog', { name: `Invite ${author.name} to connect` });
  await dialog.getByLabel('Add a note (optional)').fill('Jeg leste innlegget ditt om bærekraft, la oss koble oss!');
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await page.locator('.profile-actions [data-testid=connect-state]', { hasText: 'Invitation sent' }).waitFor();
  const sent = (await apiGet(page, '/api/v1/invitations?box=sent&state=pending&limit=100')).body.invitations.find((i) => i.to === author.id);
  assert.ok(sent);

  const mail = await signedIn(author);
  await mail.goto(`${base}/#/invitations`);
  const card = invitationCard(mail, sent.id);
  await card.locator('.person-name', { hasText: gamer.name }).waitFor();
  const advice = await card.getAttribute('data-advice');
  assert.notEqual(advice, 'accept', 'a ten-minute-old account is not advised accept');
  assert.ok(['consider', 'decline'].includes(advice), advice);
  const codes = await reasonCodes(card);
  assert.ok(codes.includes('new_account'), `reasons: ${codes}`);
  assert.ok(codes.includes('fresh_attention'), `reasons: ${codes}`);
  assert.ok(!codes.includes('follows_you') && !codes.includes('commented_on_your_posts'), `fresh attention counted: ${codes}`);
  assert.match(await card.locator('[data-code=new_account]').innerText(), /Account created .* before the invitation/);

  // "I don't know this person": asked first; cancelled, nothing happens.
  await card.getByRole('button', { name: 'I don’t know this person' }).click();
  const confirm = card.getByTestId('report-confirm');
  assert.match(await confirm.innerText(), new RegExp(`Report ${gamer.name} as someone you don’t know\\?`));
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'detached' });
  assert.equal((await apiGet(mail, '/api/v1/invitations?box=received&limit=200')).body.invitations.find((i) => i.id === sent.id).state, 'pending');
  // Confirmed: reported, with Undo.
  await card.getByRole('button', { name: 'I don’t know this person' }).click();
  await confirm.getByRole('button', { name: 'Yes, report' }).click();
  await card.locator('.state-reported').waitFor();
  assert.equal((await apiGet(mail, '/api/v1/invitations?box=received&limit=200')).body.invitations.find((i) => i.id === sent.id).state, 'reported');
  await card.getByText('You can undo this within 10 minutes.').waitFor();
  await card.getByRole('button', { name: 'Undo' }).click();
  await card.locator('.state-ignored').waitFor();
  assert.equal(await card.getByRole('button', { name: 'Undo' }).count(), 0);
  assert.match(await mail.getByTestId('notice').innerText(), /ignored, not reported/);
  assert.equal((await apiGet(mail, '/api/v1/invitations?box=received&limit=200')).body.invitations.find((i) => i.id === sent.id).state, 'ignored');
  assert.deepEqual(mail.errors, []);
  await mail.context().close();

  // Ignored: the same sender cannot invite again for three weeks, and is told when, in
  // their language.
  await page.reload();
  await page.locator('h1', { hasText: author.name }).waitFor();
  await page.locator('.profile-actions').getByRole('button', { name: 'Connect' }).click();
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  const refusal = dialog.getByTestId('connect-error');
  await refusal.waitFor();
  const again = new Date(Date.now() + 21 * 86400000);
  const expected = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(again);
  assert.equal(await refusal.innerText(), `You can invite them again on ${expected}.`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByLabel('Language').selectOption('nb');
  await page.locator('.profile-actions').getByRole('button', { name: 'Koble til' }).click();
  const nbDialog = page.getByRole('dialog', { name: `Inviter ${author.name} til nettverket ditt` });
  await nbDialog.getByRole('button', { name: 'Send invitasjon' }).click();
  const nbExpected = new Intl.DateTimeFormat('nb-NO', { dateStyle: 'medium', timeZone: 'UTC' }).format(again);
  await nbDialog.getByTestId('connect-error').filter({ hasText: `Du kan invitere denne personen igjen ${nbExpected}.` }).waitFor();
  assert.doesNotMatch(await nbDialog.innerText(), ENGLISH);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// Provenance from a new account counts for nothing: reading a post and inviting from it
// a minute after signing up must not earn "accept".
test('a fresh account that reads a post and invites from it is not advised accept', async () => {
  const author = people.author;
  const gamer = await signUp('Gunnar', 'Gjest', { headline: 'Gründer', city: 'Oslo', country: 'NO', industry: 'Venture Capital' });
  await uploadPhoto(gamer.token);
  await must(gamer.token, 'PUT', '/api/v1/me', { summary: 'Bygger selskaper.' });
  await bearerGet(gamer.token, `/api/v1/posts/${people.authorPost.id}`);
  const sent = await must(gamer.token, 'POST', '/api/v1/invitations', { to: author.id, via: { post: people.authorPost.id } });
  assert.equal(sent.via?.kind, 'post');
  const page = await signedIn(author);
  await page.goto(`${base}/#/invitations`);
  const card = invitationCard(page, sent.id);
  await card.getByTestId('via').waitFor();
  const advice = await card.getAttribute('data-advice');
  // The origin is shown, and said not to count, not drawn as the verified accept.
  assert.equal(await card.getByTestId('via').getAttribute('data-counted'), 'no');
  assert.match(await card.getByTestId('via').innerText(), /from a new account: not counted/);
  await page.context().close();
  assert.notEqual(advice, 'accept', 'a minutes-old account is advised accept for reading one post');
});

test('a colleague without a photo is advised consider, and the card states the conflict', async () => {
  const organizations = readTable(join(network.dir, 'net', 'organizations.csv'));
  const employer = organizations.find((o) => o.kind !== 'school');
  const school = organizations.find((o) => o.kind === 'school');
  assert.ok(employer && school, 'the generated network has a company and a school');
  // The sender: a full profile, the same employer at the same time, no photo.
  const sender = await signUp('Sindre', 'Solberg', { headline: 'Senioringeniør', city: 'Bergen', country: 'NO', industry: 'Computer Software' });
  // A new member has no photo.
  await must(sender.token, 'PUT', '/api/v1/me', { summary: 'Ingeniør med femten år i bransjen.' });
  await must(sender.token, 'PUT', '/api/v1/me/background', {
    positions: [{ organization: Number(employer.id), title: 'Ingeniør', start: '2015-01', end: '2020-06' }],
    educations: [{ school: Number(school.id), field: 'Informatikk', degree: 'Master', start: '2009-08', end: '2014-06' }],
  });
  const recipient = await signUp('Ragnhild', 'Berg', { headline: 'Prosjektleder', city: 'Oslo', country: 'NO', industry: 'Construction' });
  await uploadPhoto(recipient.token);
  await must(recipient.token, 'PUT', '/api/v1/me', { summary: 'Leder store prosjekter.' });
  await must(recipient.token, 'PUT', '/api/v1/me/background', {
    positions: [{ organization: Number(employer.id), title: 'Prosjektleder', start: '2017-03', end: '2022-12' }],
    educations: [{ school: Number(school.id), field: 'Bygg', degree: 'Master', start: '2008-08', end: '2013-06' }],
  });
  const sent = await must(sender.token, 'POST', '/api/v1/invitations', { to: recipient.id, note: 'Hei! Vi jobbet sammen i ' + employer.name + '.' });

  const page = await signedIn(recipient);
  await page.goto(`${base}/#/invitations`);
  const card = invitationCard(page, sent.id);
  await card.locator('.person-name', { hasText: sender.name }).waitFor();
  assert.equal(await card.getAttribute('data-advice'), 'consider');
  await card.locator('.badge', { hasText: 'No photo' }).waitFor();
  const codes = await reasonCodes(card);
  for (const code of ['no_photo', 'same_employer_same_time', 'spam_signs_but_common_ground']) {
    assert.ok(codes.includes(code), `${code} in ${codes}`);
  }
  assert.match(await card.locator('[data-code=same_employer_same_time]').innerText(), new RegExp(`worked at ${employer.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} at the same time`));
  assert.match(await card.locator('[data-code=spam_signs_but_common_ground]').innerText(), /No photo .* but you share verified common ground/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('appearances: added, checked, edited and deleted on one\'s own profile; their page connects from them', async () => {
  const author = people.author;
  const page = await signedIn(author);
  await page.goto(`${base}/#/members/${author.id}`);
  const section = page.locator('#appearances');
  await section.getByText('Add the talks you have given').waitFor();
  await section.getByTestId('add-appearance').click();
  const form = section.getByTestId('appearance-form');
  await form.getByLabel('Kind').selectOption('talk');
  await form.getByLabel('Title').fill('Grønn IT i praksis');
  await form.getByLabel('Event, outlet or organizer').fill('JavaZone');
  await form.getByLabel('Date').fill(daysAgo(30));
  await form.getByLabel('Place').fill('Oslo Spektrum');
  // Only a web address is a link: the server refuses, the form says why.
  await form.getByLabel('Link (optional)').fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Save' }).click();
  assert.equal(await form.getByTestId('appearance-error').innerText(), 'The link must be a web address that starts with http:// or https://.');
  await form.getByLabel('Link (optional)').fill('https://2025.javazone.no/program/gronn-it');
  await form.getByRole('button', { name: 'Save' }).click();
  await section.locator('[data-testid=appearance] .appearance-title', { hasText: 'Grønn IT i praksis' }).waitFor();
  // Two more through the API: the list is newest first.
  await must(author.token, 'POST', '/api/v1/appearances', { kind: 'media', title: 'Dagsnytt 18 om grønn IT', event: 'NRK', date: daysAgo(200), place: 'Oslo', link: '' });
  await must(author.token, 'POST', '/api/v1/appearances', { kind: 'course', title: 'Klimaregnskap for utviklere', event: 'Kodeverket', date: daysAgo(5), place: 'Bergen', link: '' });
  await page.reload();
  const titles = section.locator('[data-testid=appearance] .appearance-title');
  await titles.nth(2).waitFor();
  assert.deepEqual(await titles.allInnerTexts(), ['Klimaregnskap for utviklere', 'Grønn IT i praksis', 'Dagsnytt 18 om grønn IT']);
  // Edited in place; deleted after a confirmation.
  await section.getByRole('button', { name: 'Edit ‘Dagsnytt 18 om grønn IT’' }).click();
  await form.getByLabel('Place').fill('Marienlyst');
  await form.getByRole('button', { name: 'Save' }).click();
  await section.getByText('NRK · ', { exact: false }).filter({ hasText: 'Marienlyst' }).waitFor();
  await section.getByRole('button', { name: 'Delete ‘Klimaregnskap for utviklere’' }).click();
  await section.getByText('Delete ‘Klimaregnskap for utviklere’?').waitFor();
  await section.locator('.confirm').getByRole('button', { name: 'Delete' }).click();
  await titles.filter({ hasText: 'Klimaregnskap' }).waitFor({ state: 'detached' });
  const listed = (await apiGet(page, `/api/v1/members/${author.id}/appearances`)).body.appearances;
  assert.deepEqual(listed.map((a) => a.title).sort(), ['Dagsnytt 18 om grønn IT', 'Grønn IT i praksis']);
  assert.equal(listed.find((a) => a.kind === 'media').place, 'Marienlyst');
  const talk = listed.find((a) => a.kind === 'talk');
  // In Norwegian, the section has no English.
  await page.getByLabel('Language').selectOption('nb');
  await section.locator('h2', { hasText: 'Foredrag, medier og kurs' }).waitFor();
  assert.doesNotMatch(await section.innerText(), ENGLISH);
  await page.getByLabel('Språk').selectOption('en');
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // Someone who heard the talk opens its page and connects from it.
  const listener = await signedIn(people.reader);
  await listener.goto(`${base}/#/appearances/${talk.id}`);
  await listener.locator('h1', { hasText: 'Grønn IT i praksis' }).waitFor();
  assert.equal(await listener.getByTestId('appearance-event').innerText(), 'JavaZone');
  const link = listener.getByTestId('appearance-link');
  assert.equal(await link.getAttribute('href'), 'https://2025.javazone.no/program/gronn-it');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  assert.equal(await link.innerText(), 'More at 2025.javazone.no');
  await listener.locator('.speaker .person-name', { hasText: author.name }).waitFor();
  await listener.getByTestId('appearance-connect').getByRole('button', { name: 'Connect' }).click();
  const dialog = listener.getByRole('dialog', { name: `Invite ${author.name} to connect` });
  assert.equal(await dialog.getByTestId('connect-context').innerText(), `The invitation will say you know ${author.name} from ‘Grønn IT i praksis’.`);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await listener.getByTestId('appearance-connect').getByTestId('connect-state').waitFor();
  const sent = (await apiGet(listener, '/api/v1/invitations?box=sent&state=pending&limit=1000')).body.invitations.find((i) => i.to === author.id);
  assert.deepEqual([sent?.via?.kind, sent?.via?.id], ['appearance', talk.id]);
  // The Norwegian page of the talk.
  await listener.getByLabel('Language').selectOption('nb');
  await listener.locator('.speaker h2', { hasText: 'Foredragsholder' }).waitFor();
  assert.doesNotMatch(await listener.locator('main').innerText().then((text) => text.replace(/Grønn IT i praksis|JavaZone|Oslo Spektrum|2025\.javazone\.no/g, '')), ENGLISH);
  assert.deepEqual(listener.errors, []);
  await listener.context().close();

  // The speaker's card: "Heard your talk ‘…’ at JavaZone", linking to its page.
  const mail = await signedIn(author);
  await mail.goto(`${base}/#/invitations`);
  const card = invitationCard(mail, sent.id);
  await card.locator('.person-name', { hasText: people.reader.name }).waitFor();
  const via = card.getByTestId('via');
  assert.match(await via.innerText(), /Heard your talk ‘Grønn IT i praksis’ at JavaZone$/);
  assert.equal(await via.getByRole('link').getAttribute('href'), `#/appearances/${talk.id}`);
  assert.equal(await card.getAttribute('data-advice'), 'accept');
  await mail.getByLabel('Language').selectOption('nb');
  await via.filter({ hasText: 'Hørte foredraget ditt «Grønn IT i praksis» på JavaZone' }).waitFor();
  await mail.getByLabel('Språk').selectOption('en');
  assert.deepEqual(mail.errors, []);
  await mail.context().close();
});

test('triage settings: the geography rule as written, markets as "NO, SE" or "NO;SE", unknown codes refused, and the advice refreshed on saving', async () => {
  const author = people.author;
  // A sender from Sweden with nothing in common with the author, who does business at home.
  const foreign = await signUp('Johan', 'Lindqvist', { headline: 'Säljchef', city: 'Stockholm', country: 'SE', industry: 'Retail' });
  await uploadPhoto(foreign.token);
  await must(foreign.token, 'PUT', '/api/v1/me', { summary: 'Säljer till hela Norden.' });
  const sent = await must(foreign.token, 'POST', '/api/v1/invitations', { to: author.id });
  await must(author.token, 'PUT', '/api/v1/me/settings', { markets: 'home' });

  const page = await signedIn(author);
  await page.goto(`${base}/#/invitations`);
  const card = invitationCard(page, sent.id);
  await card.locator('.person-name', { hasText: foreign.name }).waitFor();
  assert.equal(await card.getAttribute('data-advice'), 'decline');
  const settings = page.locator('#settings');
  assert.equal(
    await settings.getByTestId('markets-rule').innerText(),
    'Decline foreigners only if you do business at home only. Home only: a sender from abroad with nothing in common with you is advised “decline”; with common ground, “consider”. International: where the sender lives counts neither for nor against. These countries: as home only, with the listed countries as home.',
  );
  assert.ok(await settings.getByLabel('Home country only').isChecked());

  // Sweden among the markets: saved, and the card's advice changes without a reload.
  await settings.getByLabel('These countries').check();
  await settings.getByLabel('Country codes').fill('NO, SE');
  await settings.getByRole('button', { name: 'Save' }).click();
  await settings.getByTestId('settings-status').filter({ hasText: 'Saved' }).waitFor();
  await page.waitForFunction((id) => document.querySelector(`[data-testid=invitation][data-id="${id}"]`)?.dataset.advice !== 'decline', sent.id);
  assert.notEqual(await card.getAttribute('data-advice'), 'decline');
  assert.equal(await settings.getByLabel('Country codes').inputValue(), 'NO, SE');
  assert.deepEqual((await apiGet(page, '/api/v1/me/settings')).body.markets.split(/[,;]/).sort(), ['NO', 'SE']);
  await settings.getByLabel('Country codes').fill('NO;SE');
  await settings.getByRole('button', { name: 'Save' }).click();
  await page.waitForFunction(() => document.getElementById('markets')?.value === 'NO, SE');
  // An unknown code: the server's refusal, said in the reader's language.
  await settings.getByLabel('Country codes').fill('NO, XX');
  await settings.getByRole('button', { name: 'Save' }).click();
  assert.equal(await settings.getByTestId('settings-error').innerText(), '“XX” is not a country code. Use two-letter codes such as NO, SE.');
  await page.getByLabel('Language').selectOption('nb');
  await settings.getByRole('button', { name: 'Lagre' }).click();
  await settings.getByTestId('settings-error').filter({ hasText: '«XX» er ikke en landkode. Bruk tobokstavskoder som NO, SE.' }).waitFor();
  assert.equal(
    await settings.getByTestId('markets-rule').innerText(),
    'Avslå utlendinger bare hvis du bare gjør forretninger i hjemlandet. Bare hjemlandet: en avsender fra utlandet som ikke har noe felles med deg, får rådet «avslå»; med noe felles, «vurder». Internasjonalt: hvor avsenderen bor, teller verken for eller mot. Disse landene: som bare hjemlandet, med de oppførte landene som hjemland.',
  );
  assert.doesNotMatch((await settings.innerText()).replace(/NO, XX|NO, SE|XX/g, ''), ENGLISH);
  await page.getByLabel('Språk').selectOption('en');
  // International: the country counts for nothing. Home again: declined again.
  await settings.getByLabel('International').check();
  await settings.getByRole('button', { name: 'Save' }).click();
  await settings.getByTestId('settings-status').filter({ hasText: 'Saved' }).waitFor();
  assert.equal((await apiGet(page, '/api/v1/me/settings')).body.markets, 'international');
  await settings.getByLabel('Home country only').check();
  await settings.getByRole('button', { name: 'Save' }).click();
  await page.waitForFunction((id) => document.querySelector(`[data-testid=invitation][data-id="${id}"]`)?.dataset.advice === 'decline', sent.id);
  assert.equal((await apiGet(page, '/api/v1/me/settings')).body.markets, 'home');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the network view draws the graph the API answers, and lists its people', async () => {
  const page = await signedIn(people.reader);
  await page.goto(`${base}/#/graph`);
  await page.waitForSelector('[data-testid=graph] canvas');
  const graph = (await apiGet(page, '/api/v1/me/network-graph')).body;
  assert.ok(graph.nodes.length > 1);
  const summary = await page.getByTestId('graph-summary').innerText();
  assert.equal(summary, `${graph.nodes.length} people, ${graph.edges.length.toLocaleString('en-GB')} links`);
  await page.locator('.graph-list summary').click();
  assert.equal(await page.locator('.graph-list tbody tr').count(), graph.nodes.filter((n) => n.degree > 0).length);
  // Contacts first, each with its degree's badge.
  assert.equal(await page.locator('.graph-list tbody tr').first().locator('.degree').innerText(), '1st');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// Tab from the top of the page: every stop is a control with a visible focus ring.
async function tabThrough(page, stops) {
  const seen = [];
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      return {
        tag: element.tagName.toLowerCase(),
        text: (element.getAttribute('aria-label') || element.textContent || element.id || '').trim().slice(0, 40),
        visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        labelled:
          !['input', 'select', 'textarea'].includes(element.tagName.toLowerCase()) ||
          !!(element.labels?.length || element.getAttribute('aria-label')),
      };
    });
    if (!info) continue;
    seen.push(info);
    assert.ok(['a', 'button', 'input', 'select', 'textarea', 'summary'].includes(info.tag), `focus on a ${info.tag}`);
    assert.ok(info.visible, `no visible focus on ${info.tag} "${info.text}"`);
    assert.ok(info.labelled, `${info.tag} "${info.text}" has no label`);
  }
  return seen;
}

test('keyboard only: sign in, reach every page, see where the focus is', async () => {
  const page = await newPage();
  await page.goto(`${base}/`);
  await page.waitForSelector('#email');
  // The sign-in form: Tab to the fields, type, Enter submits.
  for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.id)) !== 'email'; i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'email');
  await page.keyboard.type(people.reader.email);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'password');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForSelector('nav.mainnav');

  for (const hash of ['#/network', '#/invitations', '#/search', '#/graph', '#/posts', '#/notifications']) {
    // Loaded afresh, so that Tab starts at the top of the document.
    await page.goto(`${base}/${hash}`);
    await page.reload();
    await page.waitForSelector('#page-title');
    await page.waitForLoadState('networkidle');
    const seen = await tabThrough(page, 14);
    assert.ok(seen.length >= 10, `${hash}: only ${seen.length} focus stops`);
    assert.equal(seen[0].text, 'Skip to content', `${hash}: the first stop skips the navigation`);
  }

  // Enter on a navigation link opens its page; Enter in a search field searches.
  await page.goto(`${base}/#/network`);
  await page.reload();
  await page.waitForSelector('[data-testid=blog]');
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Search') break;
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#/search'));
  // The new page's heading takes the focus, so the next Tab starts in the page.
  await page.waitForFunction(() => document.activeElement?.id === 'page-title');
  await page.waitForSelector('#f-title');
  for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement?.id)) !== 'f-title'; i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-title');
  await page.keyboard.type('ingeniør');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=hit]');
  assert.match(decodeURIComponent(new URL(page.url()).hash), /title=ingeniør/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('switches to Norwegian Bokmål and remembers it', async () => {
  const page = await signedIn(people.reader);
  await page.goto(`${base}/#/network`);
  await page.waitForSelector('[data-testid=blog]');
  const second = await shown(page, 'second');
  await page.getByLabel('Language').selectOption('nb');
  await page.locator('nav.mainnav a', { hasText: 'Mitt nettverk' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'nb');
  await page.reload();
  await page.locator('h1', { hasText: 'Mitt nettverk' }).waitFor();
  assert.equal(await shown(page, 'second'), second);
  await page.getByLabel('Språk').selectOption('en');
  await page.locator('h1', { hasText: 'My network' }).waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('serves the UI with the right types and caching beside the API, or says it is missing', async () => {
  const index = await fetch(`${base}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const html = await index.text();
  const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
  assert.ok(script, 'index.html loads a hashed script');
  const asset = await fetch(`${base}${script}`);
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('content-type'), /^text\/javascript/);
  assert.match(asset.headers.get('cache-control'), /max-age=31536000/);
  const health = await fetch(`${base}/healthz`);
  assert.equal(health.status, 200);
  assert.equal((await health.json()).status, 'ok');
  const demo = await fetch(`${base}/api/v1/demo-accounts`);
  assert.deepEqual(await demo.json(), { accounts: [{ email: people.reader.email, password: PASSWORD, name: people.reader.name }] });
  const missing = await fetch(`${base}/no-such-file.js`);
  assert.equal(missing.status, 404);

  // Without the UI's directory: the API as before, and "/" says what is missing.
  const bare = await network.start(['--web-root', join(network.dir, 'no-such-dir')]);
  const page = await fetch(`${bare.base}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /the web UI\s+is not/);
  assert.equal((await fetch(`${bare.base}/healthz`)).status, 200);
  assert.deepEqual(await (await fetch(`${bare.base}/api/v1/demo-accounts`)).json(), { accounts: [] });
  await bare.stop();

  // A web root that would hide a route is refused.
  const shadowing = join(network.dir, 'shadowing');
  mkdirSync(join(shadowing, 'api'), { recursive: true });
  await assert.rejects(network.start(['--web-root', shadowing]), /would hide the API's routes/);
});
