// Screenshots of editing one's profile for the README, desktop (1280x800) and phone
// (390x844), English and Norwegian, on a generated network of its own:
//   node web/tests/profile-screenshots.mjs [build/ledd] [docs/screenshots]
// A member of the generated network with a full background signs in, uploads a photo
// (a picture drawn in the page) and opens the editor; the pictures are shrunk with
// Debian's pngquant when it is there.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser, openPage, signIn } from './browser.mjs';
import { PASSWORD, readTable, TestNetwork } from './network.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binary = resolve(process.argv[2] || join(here, '..', '..', 'build', 'ledd'));
const out = resolve(process.argv[3] || join(here, '..', '..', 'docs', 'screenshots'));
const only = process.argv[4] ? new RegExp(process.argv[4]) : null;
mkdirSync(out, { recursive: true });

const network = new TestNetwork({ binary, webRoot: join(here, '..', 'dist'), members: 2000, seed: 11 });
const written = [];
try {
  // A member with experience and education, in Norway, and some contacts.
  const positions = readTable(join(network.dir, 'net', 'positions.csv'));
  const educations = readTable(join(network.dir, 'net', 'educations.csv'));
  const count = (rows, id) => rows.filter((r) => r.member_id === String(id)).length;
  const chosen = network
    .byContacts()
    .find((m) => count(positions, m.id) >= 2 && count(educations, m.id) >= 1 && network.member(m.id)?.country === 'NO' && !network.member(m.id)?.summary);
  const email = network.createAccount(chosen.id);
  const { base } = await network.start();
  const browser = await launchBrowser();
  try {
    const shoot = async (page, name, fullPage = false) => {
      if (only && !only.test(name)) return;
      await page.waitForTimeout(500);
      const path = join(out, `${name}.png`);
      await page.screenshot({ path, fullPage });
      written.push(path);
    };
    for (const [lang, phone] of [
      ['en', false],
      ['nb', false],
      ['en', true],
      ['nb', true],
    ]) {
      const page = await openPage(browser);
      await signIn(page, base, email, PASSWORD);
      if (phone) await page.setViewportSize({ width: 390, height: 844 });
      if (lang === 'nb') await page.getByLabel('Language').selectOption('nb');
      const suffix = `${lang === 'nb' ? '-nb' : ''}${phone ? '-phone' : ''}`;
      await page.goto(`${base}/#/members/${chosen.id}`);
      await page.getByTestId('completeness').waitFor();
      if (lang === 'en' && !phone) {
        // A photo: drawn in the page, cropped in the dialog.
        const data = await page.evaluate(() => {
          const canvas = document.createElement('canvas');
          canvas.width = 900;
          canvas.height = 700;
          const c = canvas.getContext('2d');
          const sky = c.createLinearGradient(0, 0, 0, 700);
          sky.addColorStop(0, '#9cc8e8');
          sky.addColorStop(1, '#e8f1f8');
          c.fillStyle = sky;
          c.fillRect(0, 0, 900, 700);
          c.fillStyle = '#35506b';
          c.beginPath();
          c.ellipse(450, 700, 260, 190, 0, Math.PI, 0);
          c.fill();
          c.fillStyle = '#e9b996';
          c.beginPath();
          c.ellipse(450, 360, 120, 150, 0, 0, Math.PI * 2);
          c.fill();
          c.fillStyle = '#5a3b22';
          c.beginPath();
          c.ellipse(450, 270, 128, 80, 0, Math.PI, 0);
          c.fill();
          return canvas.toDataURL('image/png').split(',')[1];
        });
        await page.getByTestId('photo-file').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: Buffer.from(data, 'base64') });
        await page.getByRole('dialog').waitFor();
        await page.getByRole('dialog').getByLabel('Zoom').fill('1.4');
        await shoot(page, 'profile-photo-crop');
        await page.getByRole('button', { name: 'Use this photo' }).click();
        // A server without photos refuses it: the shots go on with initials.
        await page.locator('[data-testid=photo-controls] [role=status], dialog [role=alert]').first().waitFor();
        await page.reload();
        await page.getByTestId('completeness').waitFor();
      }
      await shoot(page, `profile-own${suffix}`);
      if (phone) {
        await page.getByRole('button', { name: lang === 'nb' ? 'Meny' : 'Menu' }).click();
        await shoot(page, `menu${suffix}`);
        await page.getByRole('button', { name: lang === 'nb' ? 'Meny' : 'Menu' }).click();
      }
      await page.goto(`${base}/#/members/${chosen.id}?edit=experience`);
      await page.getByTestId('profile-edit').waitFor();
      // The type-ahead open on a new position.
      await page.getByRole('button', { name: lang === 'nb' ? 'Legg til stilling' : 'Add position' }).click();
      const entry = page.getByTestId('position-entry').last();
      await entry.locator('input').first().fill(lang === 'nb' ? 'Prosjektleder' : 'Project manager');
      await entry.getByTestId('company-input').fill('Eq');
      await page.locator('.typeahead-list [role=option]').first().waitFor();
      await entry.getByTestId('company-input').evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await shoot(page, `profile-edit${suffix}`);
    }
    await browser.close();
  } catch (error) {
    await browser.close();
    throw error;
  }
} finally {
  await network.stop();
}
for (const path of written) {
  spawnSync('pngquant', ['--force', '--skip-if-larger', '--quality', '70-90', '--ext', '.png', path]);
}
console.log(`screenshots: ${written.map((p) => p.split('/').pop()).join(', ')}`);
