// Screenshots of the main pages at 1280x800 for the README, against a running demo
// server (make demo): node web/tests/screenshots.mjs [http://127.0.0.1:8080] [docs/screenshots]
// Signs in as the demo accounts it lists; writes signin.png, network.png, ... (connect.png,
// the note dialog on a post by someone not yet a contact, and appearance.png, the page
// of an appearance an invitation came from, when the demo has them) and, when Debian's
// pngquant is there, shrinks them to palette PNGs. Nothing is sent or changed, but
// opening a post counts a view.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openPage, signIn, apiGet } from './browser.mjs';

const base = (process.argv[2] || 'http://127.0.0.1:8080').replace(/\/$/, '');
const out = process.argv[3] || 'docs/screenshots';
mkdirSync(out, { recursive: true });

const browser = await launchBrowser();
try {
  const page = await openPage(browser);
  await page.goto(`${base}/#/signin`);
  await page.waitForSelector('.demo-account');
  await page.screenshot({ path: join(out, 'signin.png') });
  const accounts = (await (await fetch(`${base}/api/v1/demo-accounts`)).json()).accounts;
  const [knut, jakob] = accounts;

  await signIn(page, base, knut.email, knut.password);
  const shoot = async (hash, name, ready, after) => {
    await page.goto(`${base}/${hash}`);
    await page.waitForSelector(ready, { timeout: 60000 });
    if (after) await after();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, `${name}.png`) });
  };
  await shoot('#/network', 'network', '[data-testid=blog]');
  await shoot('#/search?title=ingeni%C3%B8r&city=Oslo&degree=2', 'search', '[data-testid=hit] .headline:not(:empty)');
  const hit = await apiGet(page, '/api/v1/search?title=ingeni%C3%B8r&city=Oslo&degree=2&limit=1');
  await shoot(`#/members/${hit.body.hits[0].member}`, 'profile', '[data-testid=path]');
  await shoot('#/graph', 'graph', '[data-testid=graph] canvas, .empty', () => page.waitForTimeout(1500));
  await shoot('#/posts', 'posts', '[data-testid=post]');
  // Connecting from a post: the dialog with a note, not sent.
  const feed = (await apiGet(page, '/api/v1/feed?limit=50')).body.posts;
  for (const item of feed) {
    if ((await apiGet(page, `/api/v1/members/${item.author}`)).body.degree === 1) continue;
    await shoot(`#/posts/${item.id}`, 'connect', '[data-testid=post-connect] button', async () => {
      await page.getByTestId('post-connect').getByRole('button').click();
      await page.locator('dialog[open] textarea').fill('Thank you for this post: we are working on the same thing at our company, and I would like to compare notes.');
    });
    await page.keyboard.press('Escape');
    break;
  }

  const other = await openPage(browser);
  await signIn(other, base, jakob.email, jakob.password);
  await other.goto(`${base}/#/invitations`);
  await other.waitForSelector('[data-testid=invitation] .headline:not(:empty)');
  await other.waitForTimeout(600);
  await other.screenshot({ path: join(out, 'invitations.png') });
  const received = (await apiGet(other, '/api/v1/invitations?box=received&state=pending&limit=200')).body.invitations;
  const heard = received.find((invitation) => invitation.via?.kind === 'appearance');
  if (heard) {
    await other.goto(`${base}/#/appearances/${heard.via.id}`);
    await other.waitForSelector('.speaker .person-name');
    await other.waitForTimeout(400);
    await other.screenshot({ path: join(out, 'appearance.png') });
  }
  await other.goto(`${base}/#/network`);
  await other.waitForSelector('.chart canvas');
  await other.waitForTimeout(400);
  await other.screenshot({ path: join(out, 'network-curve.png') });
  await other.getByLabel('Language').selectOption('nb');
  await other.goto(`${base}/#/invitations`);
  await other.waitForSelector('[data-testid=invitation] .headline:not(:empty)');
  await other.waitForTimeout(600);
  await other.screenshot({ path: join(out, 'invitations-nb.png') });
  for (const p of [page, other]) if (p.errors.length) console.error('page errors:', p.errors);
} finally {
  await browser.close();
}
for (const file of readdirSync(out).filter((name) => name.endsWith('.png'))) {
  spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality', '70-90', '--ext', '.png', join(out, file)]);
}
console.log(`screenshots in ${out}`);
