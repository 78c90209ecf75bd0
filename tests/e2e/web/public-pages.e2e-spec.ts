import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { createServer, Server } from 'node:http';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort, readPdf, waitFor } from '@respire/testing';
import { ReceivedMail } from '@respire/testing/smtp';
import { linkSecretOf, RegistrationEnv } from '../../../apps/registration/src/config/env.schema';
import { LinkTokens } from '../../../apps/registration/src/links/link-token';
import { longDate } from '../../../apps/web/src/programme/domain/french';
import { parisIn } from '../../support/paris-time';
import { axeViolations, launchChromium, newContext } from './browser';
import { startWebSystem, WebSystem } from './web-system';

jest.setTimeout(180_000);

/**
 * The public pages in a real browser (Debian's Chromium through playwright-core), against the
 * real catalog, registration and notifications on PostgreSQL, Kafka, Redis and the SMTP test
 * server, with the Besançon demo programme.
 */
describe('public pages in a browser', () => {
  let system: WebSystem;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const besancon = () => system.demo.tenants.find((t) => t.slug === 'capacites-besancon')!;
  let counter = 0;
  const someone = (firstName: string) => ({
    firstName,
    lastName: 'Martin',
    email: `${firstName
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase()}.${Date.now().toString(36)}${++counter}@example.org`,
  });

  /** Besançon's coordinator calling catalog; an answer of 300 or more fails the test, with its body. */
  const besanconCatalog = async (method: string, path: string, body?: unknown) => {
    const answer = await system.catalog.request(method, path, { token: besancon().coordinatorToken, body });
    if (answer.status >= 300)
      throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  /** A new activity of Besançon's 2027 programme, at its first venue. */
  const besanconActivity = async (fields: { title: string; category: string; capacity: number }) => {
    const api = besanconCatalog;
    const [venue] = await api('GET', '/v1/venues');
    const { programmeId } = await api(
      'GET',
      `/v1/sessions/${besancon().sessions.find((s) => s.localDate.startsWith('2027'))!.id}`,
    );
    const activity = await api('POST', '/v1/activities', { programmeId, ...fields, venueId: venue.id });
    return { api, activity, venue };
  };

  beforeAll(async () => {
    system = await startWebSystem();
    ({ browser, close: closeBrowser } = await launchChromium());
  });

  afterAll(async () => {
    await closeBrowser?.();
    await system?.close();
  });

  async function withPage<T>(
    options: Parameters<typeof newContext>[1],
    work: (page: Page, context: BrowserContext) => Promise<T>,
  ): Promise<T> {
    const context = await newContext(browser, options);
    try {
      return await work(await context.newPage(), context);
    } finally {
      await context.close();
    }
  }

  function mailsTo(email: string, subject: RegExp, count = 1): Promise<ReceivedMail[]> {
    return system.smtp.waitFor((mail) => mail.envelope.to.includes(email) && subject.test(mail.subject), {
      count,
      timeoutMs: 45_000,
    });
  }

  function linkIn(mail: ReceivedMail, page: string): string {
    const match = new RegExp(`${system.baseUrl}/inscriptions/[0-9a-f-]+/${page}\\?token=[\\w.-]+`).exec(
      mail.text,
    );
    if (!match) throw new Error(`no ${page} link in « ${mail.subject} »:\n${mail.text}`);
    return match[0];
  }

  async function fillForm(page: Page, who: { firstName: string; lastName: string; email: string }) {
    await page.getByLabel('Adresse e-mail').fill(who.email);
    await page.getByLabel('Prénom', { exact: true }).fill(who.firstName);
    await page.getByLabel('Nom', { exact: true }).fill(who.lastName);
    await page.locator('#field-profession').selectOption('infirmier');
    await page.getByLabel('Libéral', { exact: true }).check();
    await page.getByLabel('Code postal d’exercice').fill('25000');
    await page.locator('#field-dataProcessing').check();
  }

  /** Registers `who` through the form for the first `dates` dates of an activity; returns the answer page's outcomes. */
  async function registerThroughForm(
    page: Page,
    activity: string,
    who: { firstName: string; lastName: string; email: string },
    dates: number,
  ) {
    await page.goto(`${system.baseUrl}/capacites-besancon`);
    const block = page.locator('article', {
      has: page.getByRole('heading', { name: activity, exact: true }),
    });
    await block.getByRole('link', { name: /S’inscrire à plusieurs dates/ }).click();
    const boxes = page.locator('input[name="sessionIds"]');
    for (let i = 0; i < dates; i++) await boxes.nth(i).check();
    await fillForm(page, who);
    await page.getByRole('button', { name: 'Envoyer mon inscription' }).click();
    await page
      .getByRole('heading', { name: 'Demande d’inscription reçue' })
      .waitFor({ timeout: 15_000 })
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\npage shown instead:\n${await page.locator('body').innerText()}`);
      });
    return page.locator('.outcome__status').allTextContents();
  }

  it('shows the Besançon demo programme: the 2027 sessions with their French dates and local times', async () => {
    const sessions2027 = besancon().sessions.filter(
      (s) => s.status === 'published' && s.localDate.startsWith('2027'),
    );
    await withPage({}, async (page) => {
      const response = await page.goto(`${system.baseUrl}/capacites-besancon`);
      expect(response?.status()).toBe(200);
      await expect(page.title()).resolves.toContain('CPTS CaPaciTéS Besançon & Métropole');
      const text = await page.locator('main').innerText();
      expect(text).toContain(`${sessions2027.length} séances à venir`);
      for (const session of sessions2027) expect(text).toContain(longDate(session.localDate));
      const cardio = page.locator('article', {
        has: page.getByRole('heading', { name: 'Cardio boxing', exact: true }),
      });
      await expect(cardio.locator('.session').first().innerText()).resolves.toMatch(
        /^jeudi 28 janvier 2027, 18h30 – 19h30/,
      );
      expect(text).toContain('Mieux comprendre, accueillir et réguler ses émotions');
      expect(await page.locator('.listening').innerText()).toContain('0805 23 23 36');
    });
  });

  it('registers for three dates of one activity in one form with JavaScript off, then on; confirmations arrive by mail', async () => {
    const first = someone('Claire');
    const second = someone('Bruno');
    const withoutScript = await withPage({ javaScript: false }, (page) =>
      registerThroughForm(page, 'Cardio boxing', first, 3),
    );
    expect(withoutScript).toEqual([
      'Inscription confirmée',
      'Inscription confirmée',
      'Inscription confirmée',
    ]);
    const withScript = await withPage({ javaScript: true }, async (page) => {
      const outcomes = await registerThroughForm(page, 'Pilates & respiration', second, 3);
      return outcomes;
    });
    expect(withScript).toEqual(['Inscription confirmée', 'Inscription confirmée', 'Inscription confirmée']);

    const mails = await mailsTo(first.email, /^Inscription confirmée : Cardio boxing/, 3);
    expect(mails.map((m) => m.calendars.length)).toEqual([1, 1, 1]);
    expect(linkIn(mails[0], 'annuler')).toContain(system.baseUrl);
    await mailsTo(second.email, /^Inscription confirmée : Pilates & respiration/, 3);
  });

  it('shows errors next to the fields, linked from a summary, and keeps what was typed', async () => {
    await withPage({ javaScript: false }, async (page) => {
      await page.goto(`${system.baseUrl}/capacites-besancon`);
      await page
        .locator('article', { has: page.getByRole('heading', { name: 'Stretching', exact: true }) })
        .getByRole('link', { name: /S’inscrire à plusieurs dates/ })
        .click();
      await page.locator('input[name="sessionIds"]').nth(1).check();
      await page.getByLabel('Adresse e-mail').fill('claire.martin@exemple');
      await page.getByLabel('Nom', { exact: true }).fill('Martin');
      await page.getByLabel('Code postal d’exercice').fill('2500');
      await page.getByRole('button', { name: 'Envoyer mon inscription' }).click();

      await expect(page.title()).resolves.toMatch(/^Erreur : /);
      const summary = page.locator('.error-summary');
      expect(await summary.getByRole('link').allTextContents()).toEqual([
        'Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr',
        'Saisissez votre prénom',
        'Choisissez votre profession',
        'Choisissez votre mode d’exercice',
        'Le code postal doit comporter 5 chiffres, par exemple 25000',
        'Cochez la case pour accepter le traitement de vos données, nécessaire à l’inscription',
      ]);
      expect(await page.locator('#email-error').innerText()).toContain('Saisissez une adresse e-mail valide');
      expect(await page.getByLabel('Adresse e-mail').getAttribute('aria-describedby')).toContain(
        'email-error',
      );
      await expect(page.getByLabel('Adresse e-mail').inputValue()).resolves.toBe('claire.martin@exemple');
      await expect(page.getByLabel('Nom', { exact: true }).inputValue()).resolves.toBe('Martin');
      await expect(page.getByLabel('Code postal d’exercice').inputValue()).resolves.toBe('2500');
      await expect(page.locator('input[name="sessionIds"]').nth(1).isChecked()).resolves.toBe(true);
      await summary.getByRole('link', { name: 'Saisissez votre prénom' }).click();
      expect(new URL(page.url()).hash).toBe('#field-firstName');
    });
  });

  describe('a one-seat session', () => {
    const people = ['Alice', 'Bastien', 'Chloé'].map(someone);
    let activityTitle: string;

    beforeAll(async () => {
      activityTitle = `Atelier découverte ${Date.now().toString(36)}`;
      const { api, activity } = await besanconActivity({
        title: activityTitle,
        category: 'Découverte',
        capacity: 1,
      });
      const session = await api('POST', '/v1/sessions', {
        activityId: activity.id,
        date: '2027-09-16',
        startTime: '18:30',
        endTime: '19:30',
        capacity: 1,
        publish: true,
      });
      const known = await system.registration.db.dataSource('owner');
      await waitFor(
        async () =>
          (await known.query('SELECT count(*)::int AS n FROM session WHERE id = $1', [session.id]))[0].n,
        (n) => n === 1,
        {
          what: 'registration to know the one-seat session',
        },
      );
    });

    it('tells the third person "liste d’attente, position 2"', async () => {
      const answers: string[][] = [];
      for (const who of people)
        answers.push(
          await withPage({ javaScript: false }, (page) => registerThroughForm(page, activityTitle, who, 1)),
        );
      expect(answers).toEqual([
        ['Inscription confirmée'],
        ['Complet : vous êtes sur liste d’attente, position 1'],
        ['Complet : vous êtes sur liste d’attente, position 2'],
      ]);
    });

    it('lets the first cancel through the link page from the mail without JavaScript; the next gets an offer and accepts through its page', async () => {
      const [confirmation] = await mailsTo(people[0].email, /^Inscription confirmée/);
      await withPage({ javaScript: false }, async (page) => {
        const response = await page.goto(linkIn(confirmation, 'annuler'));
        expect(response?.headers()['cache-control']).toBe('no-store');
        expect(await page.locator('main').innerText()).toContain('Jeudi 16 septembre 2027 à 18h30');
        await page.getByRole('button', { name: 'Annuler mon inscription' }).click();
        await page.getByRole('heading', { name: 'C’est fait' }).waitFor();
        expect(await page.locator('main').innerText()).toContain('Votre inscription est annulée');
      });

      const [offer] = await mailsTo(people[1].email, /^Une place s’est libérée/);
      await withPage({ javaScript: false }, async (page) => {
        await page.goto(linkIn(offer, 'accepter'));
        await page.getByRole('button', { name: 'J’accepte la place' }).click();
        await page.getByRole('heading', { name: 'C’est fait' }).waitFor();
        expect(await page.locator('main').innerText()).toContain('la place est à vous');
      });
      await mailsTo(people[1].email, /^Votre place est confirmée/);
    });
  });

  it('says "Lien expiré" (410) on a mailed link past its time, when it is opened and when its button is pressed, without JavaScript', async () => {
    const who = someone('Edith');
    const cardio = besancon().sessions.find(
      (s) => s.status === 'published' && s.localDate.startsWith('2027'),
    )!;
    const registered = await system.registration.request(
      'POST',
      '/v1/public/tenants/capacites-besancon/registrations',
      {
        body: {
          ...who,
          sessionIds: [cardio.id],
          profession: 'infirmier',
          practiceMode: 'liberal',
          postcode: '25000',
          consents: { dataProcessing: true },
        },
      },
    );
    expect(registered.status).toBe(201);
    const [{ id: registrationId }] = registered.body.registrations;
    // The link the confirmation carried, signed by registration's own secret, but its time is over.
    const tokens = new LinkTokens(linkSecretOf(system.registration.config as RegistrationEnv));
    const token = tokens.sign({
      tenantId: besancon().id,
      registrationId,
      action: 'cancel',
      expiresAt: new Date(Date.now() - 60_000),
    });
    const expiredLink = `${system.baseUrl}/inscriptions/${registrationId}/annuler?token=${token}`;

    await withPage({ javaScript: false }, async (page) => {
      const response = await page.goto(expiredLink);
      expect(response?.status()).toBe(410);
      expect(response?.headers()['cache-control']).toBe('no-store');
      await expect(page.title()).resolves.toMatch(/^Lien expiré/);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Lien expiré');
      expect(await page.locator('main').innerText()).toContain('Ce lien d’annulation a expiré');
      await expect(page.getByRole('button').count()).resolves.toBe(0);
    });
    // A form posted with that token (a page kept open past the link's time) answers the same.
    const posted = await fetch(`${system.baseUrl}/inscriptions/${registrationId}/annuler`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, _csrf: 'x' }).toString(),
    });
    expect(posted.status).toBe(410);
    expect(await posted.text()).toContain('Lien expiré');
    const list = await system.registration.request('GET', `/v1/sessions/${cardio.id}/registrations`, {
      token: besancon().coordinatorToken,
    });
    expect(list.body.find((r: { id: string }) => r.id === registrationId)).toMatchObject({
      status: 'confirmed',
    });
  });

  it('finds no WCAG 2.1 A or AA violation (axe-core) on the programme, form, errors, answer and link pages', async () => {
    const who = someone('Axel');
    const found: Record<string, unknown[]> = {};
    await withPage({ bypassCSP: true }, async (page) => {
      await page.goto(`${system.baseUrl}/capacites-besancon`);
      found.programme = await axeViolations(page);
      await page
        .locator('article', { has: page.getByRole('heading', { name: 'Danse fitness', exact: true }) })
        .getByRole('link', { name: /S’inscrire à plusieurs dates/ })
        .click();
      found.form = await axeViolations(page);
      await page.getByRole('button', { name: 'Envoyer mon inscription' }).click();
      await page.locator('.error-summary').waitFor();
      found.errors = await axeViolations(page);
      await page.locator('input[name="sessionIds"]').first().check();
      await fillForm(page, who);
      await page.getByRole('button', { name: 'Envoyer mon inscription' }).click();
      await page.getByRole('heading', { name: 'Demande d’inscription reçue' }).waitFor();
      found.answer = await axeViolations(page);
      const [mail] = await mailsTo(who.email, /^Inscription confirmée/);
      await page.goto(linkIn(mail, 'annuler'));
      found.cancelPage = await axeViolations(page);
      const preferences = /(http:\/\/127\.0\.0\.1:\d+\/preferences\?t=[\w.-]+)/.exec(mail.text)![1];
      await page.goto(preferences);
      found.preferences = await axeViolations(page);
    });
    expect(found).toEqual({
      programme: [],
      form: [],
      errors: [],
      answer: [],
      cancelPage: [],
      preferences: [],
    });
  });

  describe('my registrations', () => {
    const who = someone('Inès');
    const stranger = someone('Personne');

    async function askForLink(page: Page, email: string) {
      await page.goto(`${system.baseUrl}/capacites-besancon`);
      await page.getByRole('link', { name: 'Retrouver mes inscriptions' }).click();
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByRole('button', { name: 'Recevoir le lien' }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      return {
        status: await page.getByRole('heading', { level: 1 }).innerText(),
        text: (await page.locator('main').innerText()).replace(email, 'ADRESSE'),
      };
    }

    function accessLinkIn(mail: ReceivedMail): string {
      const match = new RegExp(`${system.baseUrl}/mes-inscriptions\\?token=[\\w.-]+`).exec(mail.text);
      if (!match) throw new Error(`no access link in « ${mail.subject} »:\n${mail.text}`);
      return match[0];
    }

    it('mails a link to a known address only, answering any address alike; the link lists the registrations, cancels one and corrects the details, without JavaScript', async () => {
      await withPage({ javaScript: false }, (page) => registerThroughForm(page, 'Danse fitness', who, 2));

      const answers = await withPage({ javaScript: false }, async (page) => [
        await askForLink(page, stranger.email),
        await askForLink(page, who.email),
      ]);
      expect(answers[0]).toEqual(answers[1]);
      expect(answers[0].status).toBe('Vérifiez votre messagerie');
      const [mail] = await mailsTo(who.email, /^Vos inscriptions auprès de CPTS CaPaciTéS Besançon/);
      const outbox = await system.registration.db.dataSource('owner');
      const requested: { email: string }[] = (
        await outbox.query(
          `SELECT payload->'data' AS data FROM outbox WHERE type = 'registration.access-link-requested'`,
        )
      ).map((row: { data: { email: string } }) => row.data);
      expect(requested.map((data) => data.email)).toContain(who.email);
      expect(requested.map((data) => data.email)).not.toContain(stranger.email);

      await withPage({ javaScript: false }, async (page) => {
        const response = await page.goto(accessLinkIn(mail));
        expect(response?.status()).toBe(200);
        expect(response?.headers()['cache-control']).toBe('no-store');
        expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
        const lines = page.locator('.my-registration');
        await expect(lines.count()).resolves.toBe(2);
        expect(await lines.first().innerText()).toMatch(/Danse fitness[\s\S]*Inscription confirmée/);
        expect(await page.locator('.summary-list').innerText()).toMatch(
          /Prénom\s+Inès[\s\S]*Profession\s+Infirmier ou infirmière/,
        );

        await lines
          .first()
          .getByRole('link', { name: /Annuler mon inscription/ })
          .click();
        await page.getByRole('button', { name: 'Annuler mon inscription' }).click();
        await page.getByRole('heading', { name: 'C’est fait' }).waitFor();
        await page.goto(accessLinkIn(mail));
        await expect(page.locator('.my-registration').count()).resolves.toBe(1);

        await page.getByRole('link', { name: 'Modifier mes coordonnées' }).click();
        await page.getByLabel('Code postal d’exercice').fill('390');
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        expect(await page.locator('.error-summary').innerText()).toContain(
          'Le code postal doit comporter 5 chiffres',
        );
        await expect(page.getByLabel('Prénom', { exact: true }).inputValue()).resolves.toBe('Inès');
        await page.getByLabel('Prénom', { exact: true }).fill('Inès-Marie');
        await page.locator('#field-profession').selectOption('sage-femme');
        await page.getByLabel('Salarié', { exact: true }).check();
        await page.getByLabel('Code postal d’exercice').fill('39100');
        await page.getByRole('button', { name: 'Enregistrer' }).click();
        await page.getByText('Vos coordonnées sont enregistrées.').waitFor();
        expect(await page.locator('.summary-list').innerText()).toMatch(
          /Prénom\s+Inès-Marie[\s\S]*Profession\s+Sage-femme[\s\S]*Mode d’exercice\s+Salarié[\s\S]*39100/,
        );
      });
      const danse = besancon().sessions.filter(
        (s) => s.activityTitle === 'Danse fitness' && s.status === 'published',
      )[1];
      const list = await system.registration.request('GET', `/v1/sessions/${danse.id}/registrations`, {
        token: besancon().coordinatorToken,
      });
      expect(list.body.find((r: { email: string }) => r.email === who.email)).toMatchObject({
        firstName: 'Inès-Marie',
        profession: 'sage-femme',
        postcode: '39100',
      });
    });

    it('links an attended session to its attestation de présence, a PDF naming the person, without JavaScript', async () => {
      const tenant = besancon();
      const token = tenant.coordinatorToken;
      const sample = tenant.sessions.find(
        (s) => s.status === 'published' && s.activityTitle === 'Danse fitness',
      )!;
      const template = (await system.catalog.request('GET', `/v1/sessions/${sample.id}`, { token })).body;
      const start = parisIn(20);
      const end = parisIn(50);
      const created = await system.catalog.request('POST', '/v1/sessions', {
        token,
        body: {
          activityId: template.activity.id,
          venueId: template.venue.id,
          date: start.date,
          startTime: start.time,
          endTime: end.date === start.date ? end.time : '23:59',
          capacity: 5,
          publish: true,
        },
      });
      expect(created.status).toBe(201);
      await waitFor(
        () => system.registration.request('GET', `/v1/sessions/${created.body.id}/registrations`, { token }),
        (answer) => answer.status === 200,
        { what: 'registration to know the new session', timeoutMs: 90_000 },
      );
      const zoe = { ...someone('Zoé'), lastName: 'Lefèvre' };
      const registered = await system.registration.request(
        'POST',
        `/v1/public/tenants/${tenant.slug}/sessions/${created.body.id}/registrations`,
        {
          body: {
            ...zoe,
            profession: 'infirmier',
            practiceMode: 'liberal',
            postcode: '25000',
            consents: { dataProcessing: true },
          },
        },
      );
      const attended = await system.registration.request(
        'POST',
        `/v1/sessions/${created.body.id}/attendance`,
        {
          token,
          body: { registrationId: registered.body.id, attended: true },
        },
      );
      expect(attended.status).toBe(200);

      await withPage({ javaScript: false }, (page) => askForLink(page, zoe.email));
      const [mail] = await mailsTo(zoe.email, /^Vos inscriptions auprès de/);
      await withPage({ javaScript: false }, async (page) => {
        await page.goto(accessLinkIn(mail));
        await page.getByRole('heading', { name: 'Mes attestations de présence' }).waitFor();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: /Télécharger l’attestation/ }).click(),
        ]);
        const bytes = await readFile((await download.path())!);
        const { text } = await readPdf(bytes);
        expect(text).toContain('Attestation de présence');
        expect(text).toContain('Zoé Lefèvre');
        expect(text).toContain('CPTS CaPaciTéS Besançon');
      });
    });

    it('finds no WCAG 2.1 A or AA violation (axe-core) on the request form, its answer, the list and the details form', async () => {
      const [mail] = await mailsTo(who.email, /^Vos inscriptions auprès de/);
      const found: Record<string, unknown[]> = {};
      await withPage({ bypassCSP: true }, async (page) => {
        await page.goto(`${system.baseUrl}/capacites-besancon/mes-inscriptions`);
        await page.getByRole('button', { name: 'Recevoir le lien' }).click();
        await page.locator('.error-summary').waitFor();
        found.requestErrors = await axeViolations(page);
        await page.getByLabel('Adresse e-mail').fill(stranger.email);
        await page.getByRole('button', { name: 'Recevoir le lien' }).click();
        await page.getByRole('heading', { name: 'Vérifiez votre messagerie' }).waitFor();
        found.answer = await axeViolations(page);
        await page.goto(accessLinkIn(mail));
        found.list = await axeViolations(page);
        await page.getByRole('link', { name: 'Modifier mes coordonnées' }).click();
        found.details = await axeViolations(page);
      });
      expect(found).toEqual({ requestErrors: [], answer: [], list: [], details: [] });
    });
    it('erases the person’s data from the page the link opens: a page that asks, a button that POSTs, refused while a registration is current', async () => {
      const [mail] = await mailsTo(who.email, /^Vos inscriptions auprès de/);
      const link = accessLinkIn(mail);
      const found: Record<string, unknown[]> = {};
      // JavaScript on for axe; the pages are plain links and forms (the other link pages are tested without it).
      await withPage({ bypassCSP: true }, async (page) => {
        await page.goto(link);
        await page.getByRole('link', { name: 'Effacer mes données' }).click();
        await page.getByRole('heading', { name: 'Effacer mes données', level: 1 }).waitFor();
        expect(await page.locator('main').innerText()).toContain('annulez-les d’abord');
        found.confirm = await axeViolations(page);
        // Opening the page changed nothing: the list is still there.
        await page.getByRole('button', { name: 'Effacer définitivement mes données' }).click();
        expect(await page.locator('.error-summary').innerText()).toContain('annulez-la d’abord');
        found.refused = await axeViolations(page);

        await page.goto(link);
        await page
          .locator('.my-registration')
          .first()
          .getByRole('link', { name: /Annuler mon inscription/ })
          .click();
        await page.getByRole('button', { name: 'Annuler mon inscription' }).click();
        await page.getByRole('heading', { name: 'C’est fait' }).waitFor();

        await page.goto(link);
        await page.getByRole('link', { name: 'Effacer mes données' }).click();
        await page.getByRole('button', { name: 'Effacer définitivement mes données' }).click();
        await page.getByRole('heading', { name: 'Vos données sont effacées' }).waitFor();
        found.done = await axeViolations(page);
        const again = await page.goto(link);
        expect(again?.status()).toBe(403);
      });
      expect(found).toEqual({ confirm: [], refused: [], done: [] });
      const participants = await system.registration.db.dataSource('owner');
      expect(
        (
          await participants.query(`SELECT count(*)::int AS n FROM participant WHERE email = $1`, [who.email])
        )[0].n,
      ).toBe(0);
    });
  });

  describe('the calendar feed', () => {
    async function readFeed(url: string) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
      const calendar = new ICAL.Component(ICAL.parse(await response.text()));
      for (const vtimezone of calendar.getAllSubcomponents('vtimezone'))
        ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
      return new Map(
        calendar.getAllSubcomponents('vevent').map((vevent) => {
          const event = new ICAL.Event(vevent);
          return [event.uid, { event, status: vevent.getFirstPropertyValue('status') }];
        }),
      );
    }

    it('is linked from the programme, lists the published sessions at their Paris times, and follows a move and a cancellation', async () => {
      const feedUrl = await withPage({ javaScript: false }, async (page) => {
        await page.goto(`${system.baseUrl}/capacites-besancon`);
        return page.getByRole('link', { name: 'S’abonner au programme' }).getAttribute('href');
      });
      expect(feedUrl).toBe('/capacites-besancon/programme.ics');

      const { api, activity, venue } = await besanconActivity({
        title: `Sophrologie ${Date.now().toString(36)}`,
        category: 'Sophrologie',
        capacity: 8,
      });
      const {
        sessions: [summer, winter],
      } = await api('POST', '/v1/sessions/series', {
        activityId: activity.id,
        venueId: venue.id,
        dates: ['2027-06-17', '2027-11-18'],
        startTime: '18:30',
        endTime: '19:30',
        capacity: 8,
        publish: true,
      });

      const before = await readFeed(`${system.baseUrl}${feedUrl}`);
      const published = besancon().sessions.filter((s) => s.status === 'published');
      for (const session of published) expect(before.has(`session-${session.id}@respire`)).toBe(true);
      for (const id of [summer.id, winter.id]) {
        const { event, status } = before.get(`session-${id}@respire`)!;
        expect([
          event.startDate.zone?.tzid,
          event.startDate.hour,
          event.startDate.minute,
          event.sequence,
          status,
        ]).toEqual(['Europe/Paris', 18, 30, 0, 'CONFIRMED']);
      }
      expect(before.get(`session-${summer.id}@respire`)!.event.startDate.toJSDate().toISOString()).toBe(
        '2027-06-17T16:30:00.000Z',
      );
      expect(before.get(`session-${winter.id}@respire`)!.event.startDate.toJSDate().toISOString()).toBe(
        '2027-11-18T17:30:00.000Z',
      );

      await api('PATCH', `/v1/sessions/${summer.id}`, { startTime: '19:00', endTime: '20:00' });
      await api('POST', `/v1/sessions/${winter.id}/cancel`, { reason: 'Intervenante indisponible' });
      const after = await readFeed(`${system.baseUrl}${feedUrl}`);
      const moved = after.get(`session-${summer.id}@respire`)!;
      expect([moved.event.startDate.hour, moved.event.sequence, moved.status]).toEqual([19, 1, 'CONFIRMED']);
      const cancelled = after.get(`session-${winter.id}@respire`)!;
      expect([cancelled.status, cancelled.event.sequence]).toEqual(['CANCELLED', 1]);
    });

    it('names a confidential activity neutrally', async () => {
      const feed = await readFeed(`${system.baseUrl}/capacites-besancon/programme.ics`);
      const confidential = besancon().sessions.filter((s) => s.status === 'published' && s.confidential);
      expect(confidential.length).toBeGreaterThan(0);
      for (const session of confidential)
        expect(feed.get(`session-${session.id}@respire`)!.event.summary).toBe('Atelier (confidentiel)');
    });
  });

  describe('the embed snippet', () => {
    let site: Server;
    let siteOrigin: string;

    beforeAll(async () => {
      const port = await freePort();
      // localhost is another site than 127.0.0.1: the frame is cross-site, as on a CPTS's WordPress.
      siteOrigin = `http://localhost:${port}`;
      site = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(`<!doctype html><html lang="fr"><head><title>CPTS</title></head><body><h1>Site de la CPTS</h1>
<script src="${system.baseUrl}/embed.js" data-respire-cpts="capacites-besancon" async></script><p id="after">Pied de page</p></body></html>`);
      });
      await new Promise<void>((resolve) => site.listen(port, 'localhost', resolve));
      const tenant = besancon();
      const changed = await system.catalog.request('PATCH', `/v1/tenants/${tenant.id}`, {
        token: tenant.coordinatorToken,
        body: { embedOrigins: [siteOrigin] },
      });
      expect(changed.status).toBe(200);
    });

    afterAll(async () => {
      await new Promise((resolve) => site?.close(resolve));
    });

    it('shows the programme inside a page of another origin, sized to its content, and only there', async () => {
      await withPage({}, async (page) => {
        await page.goto(siteOrigin);
        const frame = page.frameLocator('iframe[title="Programme et inscriptions"]');
        await frame.getByRole('heading', { name: 'Programme des ateliers' }).waitFor();
        const height = await waitFor(
          () =>
            page
              .locator('iframe')
              .evaluate(
                (element) =>
                  (
                    element as unknown as { getBoundingClientRect(): { height: number } }
                  ).getBoundingClientRect().height,
              ),
          (h) => h > 2000,
          { what: 'the frame to grow to the programme' },
        );
        expect(height).toBeGreaterThan(2000);
        await frame
          .locator('article', { has: frame.getByRole('heading', { name: 'Stretching', exact: true }) })
          .getByRole('link', { name: /S’inscrire à plusieurs dates/ })
          .click();
        await frame.getByRole('button', { name: 'Envoyer mon inscription' }).waitFor();
      });
      const elsewhere = await fetch(`${system.baseUrl}/capacites-besancon?embed=1`);
      expect(elsewhere.headers.get('content-security-policy')).toContain(
        `frame-ancestors 'self' ${siteOrigin}`,
      );
    });
  });

  it('says who a session is for (« libéraux uniquement ») on the programme and the form, and refuses a salaried person at the field', async () => {
    const { coordinatorToken, sessions } = besancon();
    const stretching = sessions.find((s) => s.activityTitle === 'Stretching' && s.status === 'published')!;
    const created = await system.catalog.request('POST', '/v1/sessions', {
      token: coordinatorToken,
      body: {
        activityId: stretching.activityId,
        date: '2027-11-30',
        startTime: '12:15',
        endTime: '13:00',
        capacity: 8,
        eligiblePracticeModes: ['liberal'],
        publish: true,
      },
    });
    expect(created.status).toBe(201);
    await withPage({ javaScript: false }, async (page) => {
      await page.goto(
        `${system.baseUrl}/capacites-besancon/activites/${stretching.activityId}/inscription?seance=${created.body.id}`,
      );
      expect(await page.locator('main').innerText()).toContain('libéraux uniquement');
      await fillForm(page, someone('Salomé'));
      await page.getByLabel('Salarié', { exact: true }).check();
      await page.getByRole('button', { name: 'Envoyer mon inscription' }).click();
      expect(await page.locator('.error-summary').innerText()).toContain(
        'Ces dates sont réservées : libéraux uniquement',
      );
    });
  });
});
