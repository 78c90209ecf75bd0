import { Browser, Page } from 'playwright-core';
import { Role } from '@respire/tenancy';
import { waitFor } from '@respire/testing';
import { axeViolations, launchChromium, newContext } from './browser';
import { startWebSystem, WebSystem } from './web-system';

jest.setTimeout(300_000);

/**
 * A survey built from the Besançon barometer, answered 30 times through its public page in
 * Chromium with JavaScript off, then its results: a profession of three hidden, and hidden with
 * another so that the totals cannot give it away.
 */
describe('public survey pages in Chromium', () => {
  let system: WebSystem;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let surveyUrl: string;
  let surveyId: string;
  let coordinator: string;

  beforeAll(async () => {
    system = await startWebSystem({}, { reporting: true });
    ({ browser, close: closeBrowser } = await launchChromium());
    const besancon = system.demo.tenants.find((t) => t.slug === 'capacites-besancon')!;
    const reporting = system.reporting!;
    coordinator = await reporting.token(Role.Coordinator, besancon.id);
    // Reporting learns the CPTS (its slug) from catalog's events.
    const created = await reporting.request('POST', '/v1/surveys', {
      token: coordinator,
      body: { template: 'barometre-bien-etre', opensOn: '2020-01-01', closesOn: '2099-12-31' },
    });
    surveyId = created.body.surveyId;
    await waitFor(
      () => reporting.request('POST', `/v1/surveys/${surveyId}/publish`, { token: coordinator }),
      (answer) => answer.status === 200,
      { timeoutMs: 90_000, what: 'reporting to know the CPTS and publish the survey' },
    );
    surveyUrl = `${system.baseUrl}/capacites-besancon/enquetes/${surveyId}`;
  });

  afterAll(async () => {
    await closeBrowser?.();
    await system?.close();
  });

  async function answer(page: Page, epuisement: string, profession: string) {
    await page.goto(surveyUrl);
    await page.getByLabel('Tout à fait d’accord').first().check();
    await page.locator(`input[name="q-epuisement"][value="${epuisement}"]`).check();
    await page.locator('input[name="q-isolement"][value="2"]').check();
    await page.locator('input[name="q-detente"][value="4"]').check();
    await page.locator('select[name="profile-profession"]').selectOption(profession);
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
    await page.getByRole('heading', { name: 'Merci pour vos réponses' }).waitFor();
  }

  it('takes 30 answers, 29 of them without JavaScript, names what to correct, and passes axe', async () => {
    const profiles = [
      ...Array(15).fill('infirmier'),
      ...Array(12).fill('medecin'),
      ...Array(3).fill('sage-femme'),
    ];
    // axe-core runs in the page: this first visitor has JavaScript on.
    const checked = await newContext(browser, { bypassCSP: true });
    try {
      const page = await checked.newPage();
      await page.goto(surveyUrl);
      const found: Record<string, unknown> = { form: await axeViolations(page) };
      await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await page.getByRole('heading', { name: 'Il y a un problème' }).waitFor();
      expect(await page.locator('.error-summary__list li').allTextContents()).toEqual([
        'Répondez à cette question',
        'Répondez à cette question',
        'Répondez à cette question',
      ]);
      found.errors = await axeViolations(page);
      await answer(page, '4', profiles[0]);
      found.thanks = await axeViolations(page);
      expect(found).toEqual({ form: [], errors: [], thanks: [] });
    } finally {
      await checked.close();
    }
    const context = await newContext(browser, { javaScript: false });
    try {
      const page = await context.newPage();
      for (let i = 1; i < profiles.length; i++) await answer(page, i < 27 ? '4' : '2', profiles[i]);
      // No cookie ties an answer to anyone.
      expect(await context.cookies()).toEqual([]);
    } finally {
      await context.close();
    }

    const { body } = await system.reporting!.request('GET', `/v1/surveys/${surveyId}/results`, {
      token: coordinator,
    });
    expect(body.results.respondents).toBe(30);
    const epuisement = body.results.questions.find((q: { id: string }) => q.id === 'epuisement');
    const professions = epuisement.breakdowns.find(
      (b: { dimension: string }) => b.dimension === 'profession',
    ).groups;
    expect(professions.find((g: { value: string }) => g.value === 'sage-femme').answered).toBe('<5');
    epuisement.overall.options.forEach((option: { count: unknown }, k: number) => {
      const line = [
        option.count,
        ...professions.map((g: { options: { count: unknown }[] }) => g.options[k].count),
      ];
      expect(line.filter((v) => typeof v === 'string').length).not.toBe(1);
    });
  });
});
