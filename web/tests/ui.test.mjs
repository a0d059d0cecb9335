// The web UI in real Chromium against a real `ledd serve` (registered with CTest by
// tests/web/CMakeLists.txt, so `make test` runs it). LEDD_BINARY is the ledd to run and
// LEDD_WEB_ROOT the built UI (web/dist).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiGet, digits, launchBrowser, openPage, signIn } from './browser.mjs';
import { PASSWORD, TestNetwork } from './network.mjs';

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

  const reader = network.member(oslo.id);
  people.reader.name = `${reader.first_name} ${reader.last_name}`;
  demoFile = network.demoAccountsFile([{ email: people.reader.email, password: PASSWORD, name: people.reader.name }]);
  base = (await network.start(['--web-root', webRoot, '--demo-accounts', demoFile])).base;
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
    await page.getByRole('button', { name: `Connect: ${suggestions[0].name}` }).click();
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
