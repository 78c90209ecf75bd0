/**
 * Screenshots of the public pages for the README (docs/screenshots/), at phone and desktop widths:
 *
 *   node -r @swc-node/register tests/e2e/web/screenshots.ts
 *
 * Boots the same system as the browser tests (real services, demo data) and closes it after.
 */
import { join } from 'node:path';
import { launchChromium, newContext } from './browser';
import { startWebSystem } from './web-system';

const OUT = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

async function main(): Promise<void> {
  const system = await startWebSystem();
  const { browser, close } = await launchChromium();
  try {
    for (const [device, width] of [
      ['phone', 390],
      ['desktop', 1280],
    ] as const) {
      const context = await newContext(browser, { width });
      const page = await context.newPage();
      await page.goto(`${system.baseUrl}/capacites-besancon`);
      await page.screenshot({ path: join(OUT, `programme-${device}.png`) });
      await page
        .locator('article', { has: page.getByRole('heading', { name: 'Cardio boxing', exact: true }) })
        .getByRole('link', { name: /S’inscrire à plusieurs dates/ })
        .click();
      const boxes = page.locator('input[name="sessionIds"]');
      for (let i = 0; i < 3; i++) await boxes.nth(i).check();
      await page.getByLabel('Adresse e-mail').fill(`claire.${device}@example.org`);
      await page.getByLabel('Code postal d’exercice').fill('2500');
      await page.getByRole('button', { name: 'Envoyer mon inscription' }).click();
      await page.locator('.error-summary').waitFor();
      await page.screenshot({ path: join(OUT, `form-errors-${device}.png`) });
      await page.getByLabel('Prénom', { exact: true }).fill('Claire');
      await page.getByLabel('Nom', { exact: true }).fill('Martin');
      await page.locator('#field-profession').selectOption('infirmier');
      await page.getByLabel('Libéral', { exact: true }).check();
      await page.getByLabel('Code postal d’exercice').fill('25000');
      await page.locator('#field-dataProcessing').check();
      await page.getByRole('button', { name: 'Envoyer mon inscription' }).click();
      await page.getByRole('heading', { name: 'Demande d’inscription reçue' }).waitFor();
      await page.screenshot({ path: join(OUT, `answer-${device}.png`) });
      await page.getByRole('link', { name: 'Mes inscriptions' }).first().click();
      await page.getByLabel('Adresse e-mail').fill(`claire.${device}@example.org`);
      await page.getByRole('button', { name: 'Recevoir le lien' }).click();
      const [mail] = await system.smtp.waitFor(
        (m) => m.envelope.to.includes(`claire.${device}@example.org`) && /^Vos inscriptions/.test(m.subject),
        { timeoutMs: 45_000 },
      );
      await page.goto(new RegExp(`${system.baseUrl}/mes-inscriptions\\?token=[\\w.-]+`).exec(mail.text)![0]);
      await page.screenshot({ path: join(OUT, `my-registrations-${device}.png`), fullPage: true });
      await context.close();
    }
  } finally {
    await close();
    await system.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
