import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { mintToken, Role } from '@respire/tenancy';
import { TEST_JWT_SECRET, waitFor } from '@respire/testing';
import { axeViolations, launchChromium, newContext } from '../web/browser';
import { BackofficeSystem, signInByMail, startBackofficeSystem } from './backoffice-system';

jest.setTimeout(240_000);

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
const FUNDER = 'ars-bfc@ars.sante.fr';

/**
 * A funder (an ARS) signs in through the real sign-in screen with an account identity created for
 * their region, and sees the CPTS of their region side by side, none of another region, and no
 * CPTS screen.
 */
describe('the regional view in a browser', () => {
  let system: BackofficeSystem;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    system = await startBackofficeSystem();
    ({ browser, close: closeBrowser } = await launchChromium());
  });

  afterAll(async () => {
    await closeBrowser?.();
    await system?.close();
  });

  it('a funder of Bourgogne-Franche-Comté sees its two CPTS and none of Nouvelle-Aquitaine', async () => {
    const admin = await system.token(Role.PlatformAdmin);
    for (const [slug, name, region] of [
      ['cpts-besancon-r', 'CPTS du Grand Besançon', 'bourgogne-franche-comte'],
      ['cpts-dijon-r', 'CPTS de Dijon', 'bourgogne-franche-comte'],
      ['cpts-adour-r', 'CPTS Adour', 'nouvelle-aquitaine'],
    ]) {
      await system.api('POST', '/v1/tenants', { token: admin, body: { slug, name, region } });
    }
    await system.api('POST', '/v1/regions/bourgogne-franche-comte/funders', {
      token: admin,
      body: { email: FUNDER, name: 'ARS Bourgogne-Franche-Comté' },
    });
    // Reporting learns the CPTS and their regions from catalog's events.
    const own = await mintToken({
      secret: TEST_JWT_SECRET,
      subject: 'wait',
      roles: [Role.Funder],
      region: 'bourgogne-franche-comte',
    });
    await waitFor(
      () => system.api('GET', '/v1/funder/cpts', { token: own }),
      (cpts: unknown[]) => cpts.length === 2,
      { what: 'reporting to know both CPTS of the region', timeoutMs: 90_000 },
    );

    const context = await newContext(browser, { bypassCSP: true });
    const page = await context.newPage();
    const { mail } = await signInByMail(system, page, FUNDER);
    expect(mail.subject).toBe('Votre lien de connexion — Respire (Bourgogne-Franche-Comté)');

    await page.getByRole('heading', { level: 1, name: 'Vue régionale — Bourgogne-Franche-Comté' }).waitFor();
    const table = page.getByRole('table', { name: 'Indicateurs par CPTS et pour la région' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Indicateur',
      'CPTS de Dijon',
      'CPTS du Grand Besançon',
      'Région',
    ]);
    expect(await page.getByText('CPTS Adour').count()).toBe(0);
    const menu = page.getByRole('navigation', { name: 'Menu principal' });
    expect(await menu.getByRole('link').allTextContents()).toEqual(['Vue régionale']);
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'backoffice-region.png'), fullPage: false });
    }

    // A CPTS screen typed in the address bar leads back to the regional view.
    await page.goto(`${system.baseUrl}/app/seances`);
    await page.getByRole('heading', { level: 1, name: 'Vue régionale — Bourgogne-Franche-Comté' }).waitFor();
    await context.close();
  });
});
