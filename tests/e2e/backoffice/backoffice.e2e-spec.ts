import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '@respire/tenancy';
import { readPdf, waitFor } from '@respire/testing';
import { axeViolations, launchChromium, newContext } from '../web/browser';
import { parisIn } from '../../support/paris-time';
import { addStaff, BackofficeSystem, signInByMail, startBackofficeSystem } from './backoffice-system';

jest.setTimeout(240_000);

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const SLUG = 'cpts-du-doubs';
const COORDINATOR = 'coordination@cpts-du-doubs.example.org';
const FACILITATOR = 'paul.intervenant@cpts-du-doubs.example.org';
const PHONE = 390;

/**
 * The back office in Debian's Chromium (playwright-core) against the real services behind the web
 * origin: identity (mailed sign-in links, sessions, JWKS), catalog, registration, notifications
 * and reporting on PostgreSQL, Kafka, Redis and the SMTP test server.
 */
describe('the back office in a browser', () => {
  let system: BackofficeSystem;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let coordinatorContext: BrowserContext;
  let coordinatorPage: Page;
  let facilitatorContext: BrowserContext;
  let tenantId: string;
  let coordinatorToken: string;
  const ids: Record<string, string> = {};
  /** Registered, then cancelled by the coordinator: no place to come, so their data can be erased. */
  let cancelled: { email: string; firstName: string };
  let counter = 0;

  /**
   * A published session of 8 places of the "souffle" activity, from `startMinutes` to `endMinutes`
   * from now in Paris (ending at 23:59 when that would be the next day).
   */
  const publishSouffleSession = (
    startMinutes: number,
    endMinutes: number,
    more: Record<string, unknown> = {},
  ) => {
    const start = parisIn(startMinutes);
    const end = parisIn(endMinutes);
    return system.api('POST', '/v1/sessions', {
      token: coordinatorToken,
      body: {
        activityId: ids.souffle,
        venueId: ids.venue,
        date: start.date,
        startTime: start.time,
        endTime: end.date === start.date ? end.time : '23:59',
        capacity: 8,
        ...more,
        publish: true,
      },
    });
  };

  const person = (firstName: string) => ({
    email: `${firstName
      .normalize('NFD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase()}.${Date.now().toString(36)}${++counter}@example.org`,
    firstName,
    lastName: 'Martin',
    profession: 'infirmier',
    practiceMode: 'liberal',
    postcode: '25000',
    consents: { dataProcessing: true },
  });

  async function shot(page: Page, name: string) {
    if (!UPDATE_SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `backoffice-${name}.png`), fullPage: false });
  }

  async function expectNoAxeViolation(page: Page, screen: string) {
    expect({ screen, violations: await axeViolations(page) }).toEqual({ screen, violations: [] });
  }

  /** Signs in by a mailed link in `page` (by keyboard alone if asked); answers the link. */
  async function signIn(page: Page, email: string, options: { keyboard?: boolean } = {}): Promise<string> {
    const { mail, link } = await signInByMail(system, page, email, options);
    expect(mail.subject).toBe('Votre lien de connexion — CPTS du Doubs');
    return link;
  }

  async function waitUntilRegistrationKnows(sessionId: string) {
    await waitFor(
      async () =>
        (
          await fetch(`${system.baseUrl}/v1/sessions/${sessionId}/registrations`, {
            headers: { authorization: `Bearer ${coordinatorToken}` },
          })
        ).status,
      (status) => status === 200,
      // The catalog's event reaches registration through Kafka: seconds, longer on a loaded machine.
      { what: `registration to know session ${sessionId}`, timeoutMs: 90_000 },
    );
  }

  beforeAll(async () => {
    system = await startBackofficeSystem();
    ({ browser, close: closeBrowser } = await launchChromium());
    coordinatorContext = await newContext(browser, { bypassCSP: true });
    coordinatorPage = await coordinatorContext.newPage();
    facilitatorContext = await browser.newContext({
      viewport: { width: PHONE, height: 844 },
      locale: 'fr-FR',
      bypassCSP: true,
      isMobile: true,
      hasTouch: true,
      reducedMotion: 'reduce',
    });
  });

  afterAll(async () => {
    await coordinatorContext?.close();
    await facilitatorContext?.close();
    await closeBrowser?.();
    await system?.close();
  });

  it('a platform admin creates a CPTS and its coordinator; the mailed link signs the coordinator in, once', async () => {
    const admin = await system.token(Role.PlatformAdmin);
    const tenant = await system.api('POST', '/v1/tenants', {
      token: admin,
      body: { slug: SLUG, name: 'CPTS du Doubs' },
    });
    tenantId = tenant.id;
    const coordinator = await addStaff(system, tenantId, {
      email: COORDINATOR,
      name: 'Camille Coordination',
      roles: ['coordinator'],
    });
    expect(coordinator).toMatchObject({ tenantId, roles: ['coordinator'] });
    coordinatorToken = await system.token(Role.Coordinator, tenantId);

    await coordinatorPage.goto(`${system.baseUrl}/app/connexion`);
    await shot(coordinatorPage, 'sign-in');
    const link = await signIn(coordinatorPage, COORDINATOR);
    await coordinatorPage.getByRole('heading', { name: 'Tableau de bord', level: 1 }).waitFor();
    await coordinatorPage.getByText('CPTS du Doubs').first().waitFor();

    const other = await browser.newContext();
    const again = await other.newPage();
    await again.goto(link);
    await again.getByText('Ce lien ne fonctionne plus').waitFor();
    expect(await again.getByText(/n’est plus valable \(déjà utilisé ou expiré\)/).count()).toBe(1);
    await other.close();
  });

  it('the catalogue is there to build on (venues, facilitators, activities)', async () => {
    const post = (path: string, body: unknown) => system.api('POST', path, { token: coordinatorToken, body });
    ids.venue = (
      await post('/v1/venues', {
        name: 'Association Le Don du Souffle',
        address: '2 rue de Vesoul, 25000 Besançon',
      })
    ).id;
    ids.paul = (await post('/v1/facilitators', { name: 'Paul Intervenant' })).id;
    ids.lea = (await post('/v1/facilitators', { name: 'Léa Sophrologue' })).id;
    ids.programme = (
      await post('/v1/programmes', {
        title: 'L’instant des soignants',
        funder: 'ARS Bourgogne-Franche-Comté',
      })
    ).id;
    const activity = (title: string, category: string, capacity: number, facilitatorId: string) =>
      post('/v1/activities', {
        programmeId: ids.programme,
        title,
        category,
        capacity,
        durationMinutes: 60,
        venueId: ids.venue,
        facilitatorId,
      });
    ids.cardio = (await activity('Cardio boxing', 'Énergie & Mouvement', 2, ids.paul)).id;
    ids.souffle = (await activity('Respiration et détente', 'Énergie & Mouvement', 8, ids.paul)).id;
    ids.parole = (await activity('Groupe de parole', 'Gestion des Émotions', 8, ids.lea)).id;
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });

  it('the coordinator creates a 6-date series from the calendar, publishes it, and it appears on the public programme', async () => {
    const page = coordinatorPage;
    await page.goto(`${system.baseUrl}/app/seances/nouvelle-serie`);
    await page.getByRole('heading', { name: 'Nouvelle série de séances', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Activité' }).click();
    await page.getByRole('option', { name: /Cardio boxing/ }).click();
    await page.getByRole('button', { name: 'Mois suivant' }).click();
    const next = new Date();
    next.setUTCDate(1);
    next.setUTCMonth(next.getUTCMonth() + 1);
    for (const day of [3, 7, 10, 14, 17, 21]) {
      const date = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth(), day, 12));
      const label = new Intl.DateTimeFormat('fr-FR', {
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(date);
      await page.getByRole('button', { name: label, exact: true }).click();
    }
    await page.getByText('6 dates choisies').waitFor();
    await expectNoAxeViolation(page, 'series');
    await shot(page, 'series');
    await page.getByRole('button', { name: 'Créer les 6 séances en brouillon' }).click();
    await page.getByText('6 séances créées en brouillon').waitFor();
    await page.getByRole('button', { name: 'Publier les 6 séances' }).click();
    await page.getByText('6 séances créées et publiées').waitFor();

    const programme = await browser.newPage();
    await programme.goto(`${system.baseUrl}/${SLUG}`);
    const article = programme.locator('article', {
      has: programme.getByRole('heading', { name: 'Cardio boxing', exact: true }),
    });
    expect(await article.locator('li.session').count()).toBe(6);
    await programme.close();
  });

  it('the coordinator registers someone by hand and cancels another; the waitlisted person gets the offer', async () => {
    const sessions: Json[] = await system.api(
      'GET',
      `/v1/sessions?activityId=${ids.cardio}&status=published`,
      { token: coordinatorToken },
    );
    const first = sessions.sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
    ids.cardioFirst = first.id;
    await waitUntilRegistrationKnows(first.id);
    const register = (who: Json) =>
      system.api('POST', `/v1/public/tenants/${SLUG}/sessions/${first.id}/registrations`, { body: who });
    const early = person('Bérénice');
    await register(early);
    cancelled = early;

    const page = coordinatorPage;
    await page.goto(`${system.baseUrl}/app/seances/${first.id}`);
    await page.getByRole('heading', { name: 'Cardio boxing', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Inscrire quelqu’un' }).click();
    const dialog = page.getByRole('dialog', { name: 'Inscrire quelqu’un' });
    await dialog.getByRole('textbox', { name: /^Prénom/ }).fill('Alain');
    await dialog.getByRole('textbox', { name: /^Nom/ }).fill('Durand');
    await dialog
      .getByRole('textbox', { name: /^Adresse e-mail/ })
      .fill(`alain.durand.${Date.now().toString(36)}@example.org`);
    await dialog.getByRole('textbox', { name: /^Code postal d’exercice/ }).fill('25000');
    await dialog.getByLabel(/accepte que ses données/).check();
    await dialog.getByText('Ce que la personne recevra').waitFor();
    await dialog.getByRole('button', { name: /^Inscrire/ }).click();
    await page.getByText('Alain Durand est inscrit·e').waitFor();

    const late = person('Capucine');
    expect(await register(late)).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    await page.reload();
    await page.getByRole('tab', { name: /Inscrits \(2\)/ }).waitFor();
    await expectNoAxeViolation(page, 'session');
    await shot(page, 'session');

    await page.getByRole('button', { name: 'Annuler l’inscription de Bérénice Martin' }).click();
    const confirm = page.getByRole('dialog');
    await confirm
      .getByText('Capucine Martin, première sur la liste d’attente, recevra une proposition de place')
      .waitFor();
    await confirm.getByRole('button', { name: 'Annuler l’inscription' }).click();
    await page.getByText('Inscription annulée').waitFor();

    const [offer] = await system.smtp.waitFor(
      (m) => m.envelope.to.includes(late.email) && /Une place s’est libérée/.test(m.subject),
      { timeoutMs: 90_000 },
    );
    expect(offer.subject).toContain('Cardio boxing');
  });

  it('a facilitator on a phone marks attendance; the coordinator’s report shows it', async () => {
    const soon = await publishSouffleSession(20, 50);
    ids.soon = soon.id;
    await waitUntilRegistrationKnows(soon.id);
    const attendees = ['Anne', 'Bruno', 'Chloé', 'David', 'Emma'].map(person);
    for (const who of attendees)
      await system.api('POST', `/v1/public/tenants/${SLUG}/sessions/${soon.id}/registrations`, { body: who });
    await system.api('POST', '/v1/staff', {
      token: coordinatorToken,
      body: { email: FACILITATOR, name: 'Paul Intervenant', roles: ['facilitator'], facilitatorId: ids.paul },
    });

    // Before: nobody attended yet.
    const page = coordinatorPage;
    const present = () => page.getByRole('group', { name: 'Présents', exact: true }).locator('p').first();
    const reportShows = (done: (value: string) => boolean, what: string) =>
      waitFor(
        async () => {
          await page.goto(`${system.baseUrl}/app/rapports`);
          await page.getByText('Taux de présence').waitFor({ timeout: 15_000 });
          return (await present().innerText()).trim();
        },
        done,
        { what, timeoutMs: 90_000, intervalMs: 1000 },
      );
    await reportShows((value) => value === '0' || value === '<5', 'the report before attendance');

    const phone = await facilitatorContext.newPage();
    await signIn(phone, FACILITATOR, { keyboard: true });
    await phone.getByRole('heading', { name: 'Mes séances', level: 1 }).waitFor();
    await phone.getByRole('link', { name: /Respiration et détente/ }).click();
    const marks = async () => ({
      present: await phone.locator('[aria-pressed="true"]', { hasText: 'Présent' }).count(),
      unsaved:
        (await phone.getByText('Pas encore enregistré').count()) +
        (await phone.getByText(/pointages? pas encore enregistrés?/).count()),
    });
    for (const who of attendees.slice(0, 4)) {
      const row = phone.getByRole('group', { name: `Présence de ${who.firstName} Martin` });
      await row.getByRole('button', { name: 'Présent' }).tap();
    }
    // The taps saved first: a tap's focus can land after a later focus() and take Space with it.
    await waitFor(marks, (m) => m.present === 4 && m.unsaved === 0, { what: 'the four taps saved' });
    // The last one by keyboard: focus, then Space.
    const lastButton = phone
      .getByRole('group', { name: 'Présence de Emma Martin' })
      .getByRole('button', { name: 'Présent' });
    await lastButton.focus();
    await waitFor(
      () =>
        lastButton.evaluate(
          (button) =>
            button ===
            (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
        ),
      (focused) => focused,
      { what: 'the last button to have the focus' },
    );
    await phone.keyboard.press('Space');
    await waitFor(marks, (m) => m.present === 5 && m.unsaved === 0, { what: 'every mark saved' });
    await expectNoAxeViolation(phone, 'attendance (phone)');
    await shot(phone, 'attendance-phone');

    // After: five present. Shown as "≥5" when another figure of the row is small enough to be
    // hidden (nobody absent: 0), so that it cannot be worked out by subtraction.
    await reportShows((value) => value === '≥5' || Number(value) >= 5, 'the report to count the 5 present');
    await expectNoAxeViolation(page, 'report');
    await shot(page, 'report');
  });

  it('the facilitator taps “Feuille d’émargement” on their phone and gets the PDF', async () => {
    const phone = await facilitatorContext.newPage();
    await phone.goto(`${system.baseUrl}/app/mes-seances/${ids.soon}`);
    await phone.getByRole('heading', { name: 'Respiration et détente', level: 1 }).waitFor();
    const [response, download] = await Promise.all([
      phone.waitForResponse((r) => r.url().endsWith(`/v1/sessions/${ids.soon}/attendance-sheet.pdf`)),
      phone.waitForEvent('download'),
      phone.getByRole('button', { name: 'Feuille d’émargement (PDF)' }).tap(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(download.suggestedFilename()).toBe('feuille-emargement.pdf');
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const { text } = await readPdf(pdf);
    expect(text).toContain('Respiration et détente');
    expect(text).toContain('MARTIN Emma');
    await phone.close();
  });

  it('on a session’s page the coordinator downloads the attendance sheet and a certificate, records a payment once and downloads its receipt', async () => {
    // Not the minute of the attendance test's session of the same activity (one session per activity and start).
    const priced = await publishSouffleSession(33, 93, { priceCents: 500 });
    await waitUntilRegistrationKnows(priced.id);
    const [anais, bastien] = ['Anaïs', 'Bastien'].map(person);
    const registered: Json[] = [];
    for (const who of [anais, bastien])
      registered.push(
        await system.api('POST', `/v1/public/tenants/${SLUG}/sessions/${priced.id}/registrations`, {
          body: who,
        }),
      );
    await system.api('POST', `/v1/sessions/${priced.id}/attendance`, {
      token: coordinatorToken,
      body: { registrationId: registered[0].id, attended: true },
      expected: 200,
    });

    const page = coordinatorPage;
    const pdfOf = async (click: () => Promise<void>) => {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      return (await readPdf(await readFile((await download.path())!))).text;
    };
    await page.goto(`${system.baseUrl}/app/seances/${priced.id}`);
    await page.getByRole('heading', { name: 'Documents' }).waitFor();

    const sheet = await pdfOf(() => page.getByRole('button', { name: 'Feuille d’émargement (PDF)' }).click());
    expect(sheet).toContain('Feuille d’émargement');
    expect(sheet).toContain('Respiration et détente');
    expect(sheet).toContain('MARTIN Anaïs');
    expect(sheet).toContain('MARTIN Bastien');
    const certificate = await pdfOf(() =>
      page.getByRole('button', { name: 'Attestation de présence de Anaïs Martin' }).click(),
    );
    expect(certificate).toContain('Attestation de présence');
    expect(certificate).toContain('Anaïs Martin');

    await page.getByRole('heading', { name: 'Paiements' }).waitFor();
    await page.getByText('Non payés (2)').click();
    await page.getByRole('button', { name: 'Enregistrer un paiement de Anaïs Martin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paiement de Anaïs Martin' });
    await expect(dialog.getByLabel(/^Montant/).inputValue()).resolves.toBe('5,00');
    await dialog.getByRole('button', { name: 'Enregistrer le paiement' }).dblclick(); // twice: recorded once
    // Both clicks may be answered (the same Idempotency-Key: the second is the first's answer, same receipt).
    await page
      .getByText(/Paiement enregistré \(reçu n° \d{6}\)/)
      .first()
      .waitFor();
    await page.getByText('Non payés (1)').waitFor();
    const payments = await system.api('GET', `/v1/sessions/${priced.id}/payments`, {
      token: coordinatorToken,
    });
    expect(payments.collectedCents).toBe(500);
    expect(payments.registrations.find((r: Json) => r.firstName === 'Anaïs').payments).toHaveLength(1);

    await page.getByText('Tous (2)').click();
    const receipt = await pdfOf(() =>
      page.getByRole('button', { name: /^Reçu n° \d{6} · 5,00\s€ · Espèces, Anaïs Martin$/ }).click(),
    );
    expect(receipt).toMatch(/Reçu n° \d{6}/);
    expect(receipt).toMatch(/5,00\s€/);
    expect(receipt).toContain('Espèces');
    await page.reload(); // without the notifications shown meanwhile (Mantine's close button has no name)
    await page.getByRole('heading', { name: 'Paiements' }).waitFor();
    await expectNoAxeViolation(page, 'session paperwork');
    if (UPDATE_SCREENSHOTS) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.getByRole('heading', { name: 'Documents' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOTS, 'backoffice-session-paperwork.png'), fullPage: true });
    }
  });

  it('a facilitator cannot open another facilitator’s session by typing its address', async () => {
    const start = parisIn(24 * 60);
    const theirs = await system.api('POST', '/v1/sessions', {
      token: coordinatorToken,
      body: {
        activityId: ids.parole,
        venueId: ids.venue,
        date: start.date,
        startTime: '18:30',
        endTime: '19:30',
        capacity: 8,
        publish: true,
      },
    });
    const phone = await facilitatorContext.newPage();
    await phone.goto(`${system.baseUrl}/app/mes-seances/${theirs.id}`);
    await phone.getByText('Cette séance n’est pas l’une des vôtres').waitFor();
    expect(await phone.getByText('Groupe de parole').count()).toBe(0);
    const apiAnswer = await fetch(`${system.baseUrl}/v1/sessions/${theirs.id}`, {
      headers: { authorization: `Bearer ${await system.token(Role.Facilitator, tenantId, ids.paul)}` },
    });
    expect(apiAnswer.status).toBe(404);
  });

  it('the coordinator writes to a session’s people: preview with the count, then one mail each, once', async () => {
    const page = coordinatorPage;
    await page.goto(`${system.baseUrl}/app/seances/${ids.cardioFirst}`);
    const form = page.getByRole('form', { name: 'Écrire aux participant·es' });
    await form.waitFor();
    await form.getByRole('button', { name: 'Prévisualiser' }).click();
    await form.getByText('Indiquez l’objet du message').waitFor();
    await form.getByLabel('La liste d’attente').check();
    const subject = `Changement de salle ${Date.now().toString(36)}`;
    await form.getByRole('textbox', { name: /^Objet/ }).fill(subject);
    await form
      .getByRole('textbox', { name: /^Message/ })
      .fill('La séance aura lieu salle 2.\n\nPensez à apporter un tapis.');
    await form.getByRole('button', { name: 'Prévisualiser' }).click();
    // Alain (confirmed) and Capucine (offered a place: still the waitlist's).
    const preview = page.getByRole('region', { name: 'Aperçu du message' });
    await preview.getByText('2 personnes recevront ce message, chacune séparément.').waitFor();
    // The rendered mail is in an iframe, which loads after the region's text: wait for it (once, strictly).
    await preview.frameLocator('iframe').getByText('Pensez à apporter un tapis.').waitFor();
    await expectNoAxeViolation(page, 'session message preview');
    await shot(page, 'session-message');
    const send = preview.getByRole('button', { name: 'Envoyer à 2 personnes' });
    await send.dblclick();
    await page.getByText('Message envoyé à 2 personnes.').first().waitFor();
    const mails = await system.smtp.waitFor((m) => m.subject === subject, { count: 2, timeoutMs: 90_000 });
    expect(mails.every((m) => m.envelope.to.length === 1)).toBe(true);
    expect(new Set(mails.map((m) => m.envelope.to[0])).size).toBe(2);
    await page.getByText(`« ${subject} » — 2 destinataires`).waitFor();
    expect(system.smtp.messages().filter((m) => m.subject === subject)).toHaveLength(2);
  });

  it('individual support: the coordinator creates six weeks of slots from the catalogue; the programme shows the free ones', async () => {
    const activity = await system.api('POST', '/v1/activities', {
      token: coordinatorToken,
      body: {
        programmeId: ids.programme,
        title: 'Accompagnement individuel',
        category: 'Soutien',
        confidential: true,
        individual: true,
        venueId: ids.venue,
        facilitatorId: ids.lea,
      },
    });
    const page = coordinatorPage;
    await page.goto(`${system.baseUrl}/app/catalogue`);
    await page.getByRole('link', { name: 'Créer des créneaux : Accompagnement individuel' }).click();
    await page.getByRole('heading', { name: 'Créneaux : Accompagnement individuel', level: 1 }).waitFor();
    const next = new Date();
    next.setUTCDate(next.getUTCDate() + 14);
    await page.getByRole('textbox', { name: /^Premier jour/ }).fill(next.toISOString().slice(0, 10));
    await page.getByText('4 créneaux par jour, 24 en tout.').waitFor();
    await expectNoAxeViolation(page, 'slots');
    await page.getByRole('button', { name: 'Créer les créneaux' }).click();
    await page.getByText('24 créneaux créés sur 6 jours.').waitFor();

    const sessions: Json[] = await system.api(
      'GET',
      `/v1/sessions?activityId=${activity.id}&status=published`,
      { token: coordinatorToken },
    );
    expect(sessions).toHaveLength(24);
    const programme = await browser.newPage();
    await programme.goto(`${system.baseUrl}/${SLUG}`);
    const article = programme
      .locator('article', { has: programme.getByRole('heading', { name: 'Atelier (confidentiel)' }) })
      .or(
        programme.locator('article', {
          has: programme.getByRole('heading', { name: 'Accompagnement individuel', exact: true }),
        }),
      );
    await article.first().getByText('Créneau libre').first().waitFor();
    await programme.close();
  });

  it('the coordinator erases a participant’s data on their behalf, after a dialog saying it cannot be undone', async () => {
    const page = coordinatorPage;
    const registrations = async () =>
      JSON.stringify(
        await system.api('GET', `/v1/sessions/${ids.cardioFirst}/registrations`, { token: coordinatorToken }),
      );
    expect(await registrations()).toContain(cancelled.email);
    await page.goto(`${system.baseUrl}/app/seances/${ids.cardioFirst}`);
    await page.getByRole('heading', { name: 'Cardio boxing', level: 1 }).waitFor();

    // Someone who holds a place to come: refused, in French, and nothing erased.
    await page.getByRole('button', { name: 'Effacer les données de Alain Durand' }).click();
    const refused = page.getByRole('dialog', { name: 'Effacer les données de Alain Durand ?' });
    await refused.getByRole('button', { name: 'Effacer définitivement' }).click();
    await refused
      .getByRole('alert')
      .getByText(/inscription à venir : annulez-la d’abord/)
      .waitFor();
    await refused.getByRole('button', { name: 'Garder les données' }).click();
    await refused.waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: /Annulés \(1\)/ }).click();
    await page.getByRole('button', { name: `Effacer les données de ${cancelled.firstName} Martin` }).click();
    const dialog = page.getByRole('dialog', {
      name: `Effacer les données de ${cancelled.firstName} Martin ?`,
    });
    await dialog.getByText('Action irréversible').waitFor();
    await expectNoAxeViolation(page, 'erase dialog');
    await shot(page, 'erase-dialog');
    await dialog.getByRole('button', { name: 'Effacer définitivement' }).click();
    await page.getByText(`Les données de ${cancelled.firstName} Martin ont été effacées.`).waitFor();
    await page.getByRole('tabpanel').getByText('Données effacées').waitFor();

    const after = await registrations();
    expect(after).not.toContain(cancelled.email);
    expect(after).not.toContain(cancelled.firstName);
    expect(JSON.parse(after)).toHaveLength(3); // still counted, attached to nobody
  });

  it('the dashboard shows the coming sessions, waitlists and offers, and passes axe', async () => {
    const page = coordinatorPage;
    await page.goto(`${system.baseUrl}/app/tableau-de-bord`);
    await page.getByRole('heading', { name: 'Prochaines séances' }).waitFor();
    await page.getByRole('link', { name: 'Respiration et détente' }).first().waitFor();
    await page.getByText('Places proposées en attente de réponse').waitFor();
    await expectNoAxeViolation(page, 'dashboard');
    await shot(page, 'dashboard');
  });
});
