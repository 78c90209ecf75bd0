import { Browser, Page } from 'playwright-core';
import { waitFor } from '@respire/testing';
import { ReceivedMail } from '@respire/testing/smtp';
import { axeViolations, launchChromium, newContext } from './browser';
import { startWebSystem, WebSystem } from './web-system';

jest.setTimeout(300_000);

/**
 * "Tell me when new sessions open" in Chromium with JavaScript off: the programme's form, the
 * confirmation mailed and confirmed by its page's button, one digest when a coordinator publishes
 * a series of three, and the unsubscribe page.
 */
describe('new-session alert pages in Chromium', () => {
  let system: WebSystem;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const email = `alerte-${Date.now().toString(36)}@example.org`;

  beforeAll(async () => {
    system = await startWebSystem(
      {},
      { notificationsEnv: { NOTIFICATIONS_ALERT_DIGEST_DELAY_SECONDS: '3' } },
    );
    ({ browser, close: closeBrowser } = await launchChromium());
  });

  afterAll(async () => {
    await closeBrowser?.();
    await system?.close();
  });

  const mailsTo = (subject: string) =>
    system.smtp.messages().filter((m) => m.envelope.to.includes(email) && m.subject.startsWith(subject));
  const linkIn = (mail: ReceivedMail, path: string) => {
    const match = mail.text.match(new RegExp(`${system.baseUrl}${path}\\?t=[A-Za-z0-9_.-]+`));
    if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
    return match[0];
  };

  async function ask(page: Page): Promise<string> {
    await page.goto(`${system.baseUrl}/capacites-besancon`);
    const section = page.locator('section.alerts');
    const category = (await section.locator('select[name="categorie"] option').first().textContent())!.trim();
    await section.locator('select[name="categorie"]').selectOption({ label: category });
    await section.getByRole('button', { name: 'M’avertir par e-mail' }).click();
    await page.getByRole('heading', { name: 'Être prévenu·e des nouvelles séances' }).waitFor();
    return category;
  }

  it('confirms by mail, sends one digest for a series of three, and unsubscribes, all without JavaScript', async () => {
    // The form, its errors and the answer pass axe (JavaScript on for axe itself).
    const checked = await newContext(browser, { bypassCSP: true });
    try {
      const page = await checked.newPage();
      await ask(page);
      const found: Record<string, unknown> = { form: await axeViolations(page) };
      await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
      await page.getByRole('button', { name: 'M’avertir' }).click();
      await page.getByRole('heading', { name: 'Il y a un problème' }).waitFor();
      expect(await page.locator('.error-summary__list li').allTextContents()).toEqual([
        'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr',
      ]);
      found.errors = await axeViolations(page);
      expect(found).toEqual({ form: [], errors: [] });
    } finally {
      await checked.close();
    }

    const context = await newContext(browser, { javaScript: false });
    try {
      const page = await context.newPage();
      const category = await ask(page);
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByRole('button', { name: 'M’avertir' }).click();
      await page.getByRole('heading', { name: 'Vérifiez votre messagerie' }).waitFor();
      const answer = await page.locator('main p').first().textContent();

      // Asked again at once: the same answer, and no second mail (anybody can type an address).
      await ask(page);
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByRole('button', { name: 'M’avertir' }).click();
      await page.getByRole('heading', { name: 'Vérifiez votre messagerie' }).waitFor();
      expect(await page.locator('main p').first().textContent()).toBe(answer);
      const notificationsDb = await system.notifications.db.dataSource('owner');
      expect(
        await notificationsDb.query(
          `SELECT count(*)::int AS n FROM delivery WHERE template = 'alert-confirmation' AND recipient = $1`,
          [email],
        ),
      ).toEqual([{ n: 1 }]);

      const [confirmation] = await system.smtp.waitFor((m) => m.envelope.to.includes(email), {
        count: 1,
        timeoutMs: 30_000,
      });
      expect(confirmation.subject).toBe(`Confirmez votre alerte : ${category}`);
      await page.goto(linkIn(confirmation, '/alertes/confirmer'));
      await page.getByRole('button', { name: 'Confirmer mon alerte' }).click();
      await page.getByRole('heading', { name: 'Alerte confirmée' }).waitFor();

      // The coordinator publishes a series of three dates of a new activity in that category.
      const besancon = system.demo.tenants.find((t) => t.slug === 'capacites-besancon')!;
      const token = besancon.coordinatorToken;
      const activity = await system.catalog.request('POST', '/v1/activities', {
        token,
        body: { title: 'Qi gong du jeudi', category, capacity: 12, durationMinutes: 60 },
      });
      expect(activity.status).toBe(201);
      const venues = await system.catalog.request('GET', '/v1/venues', { token });
      const series = await system.catalog.request('POST', '/v1/sessions/series', {
        token,
        body: {
          activityId: activity.body.id,
          venueId: venues.body[0].id,
          startTime: '18:30',
          endTime: '19:30',
          dates: ['2027-05-06', '2027-05-13', '2027-05-20'],
          publish: true,
        },
      });
      expect(series.status).toBe(201);

      const notifications = await system.notifications.db.dataSource('owner');
      await waitFor(
        () =>
          notifications.query(
            `SELECT status FROM delivery WHERE template = 'new-sessions-digest' AND recipient = $1`,
            [email],
          ),
        (rows: { status: string }[]) => rows.length === 1 && rows[0].status === 'sent',
        { timeoutMs: 60_000, what: 'the digest to be sent' },
      );
      expect(
        await notifications.query(
          `SELECT status, (SELECT count(*)::int FROM alert_batch_session s WHERE s.batch_id = b.batch_id) AS sessions FROM alert_batch b`,
        ),
      ).toEqual([{ status: 'sent', sessions: 3 }]);
      const digests = mailsTo('Nouvelles séances');
      expect(digests).toHaveLength(1);
      expect(digests[0].subject).toBe('Nouvelles séances : 3 à découvrir');
      expect(digests[0].text.match(/Qi gong du jeudi/g)).toHaveLength(3);
      expect(digests[0].headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

      await page.goto(linkIn(digests[0], '/alertes/desabonnement'));
      await page.getByRole('button', { name: 'Me désabonner' }).click();
      await page.getByRole('heading', { name: 'Vous êtes désabonné·e' }).waitFor();
      expect(await notifications.query(`SELECT status FROM session_alert WHERE email = $1`, [email])).toEqual(
        [{ status: 'unsubscribed' }],
      );
      expect(await context.cookies()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
