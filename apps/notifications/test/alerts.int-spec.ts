import { v7 as uuidv7 } from 'uuid';
import { createEvent, SURVEY_PUBLISHED_V1 } from '@respire/contracts';
import { waitFor } from '@respire/testing';
import { ReceivedMail } from '@respire/testing/smtp';
import {
  newSession,
  parisTime,
  person,
  registrationAttended,
  SessionFacts,
  sessionPublished,
  tenantCreated,
} from './fixtures';
import { NotificationsUnderTest, PUBLIC_BASE_URL } from './notifications-harness';

jest.setTimeout(120_000);

const CATEGORY = 'Énergie & Mouvement';

/** A session.published event in a category of one's choosing. */
function published(session: SessionFacts, category = CATEGORY) {
  const event = sessionPublished(session);
  return { ...event, data: { ...event.data, category } };
}

describe('new-session alerts and programme surveys on real Kafka, PostgreSQL, Redis and SMTP', () => {
  const n = new NotificationsUnderTest();
  const tenantId = uuidv7();
  const slug = `cpts-${tenantId.slice(-8)}`;
  const claire = `claire-${tenantId.slice(-6)}@example.org`;

  const mailsTo = (address: string) => n.smtp.messages().filter((m) => m.envelope.to.includes(address));
  const linkIn = (mail: ReceivedMail, path: string) => {
    const match = mail.text.match(new RegExp(`${PUBLIC_BASE_URL}${path}\\?t=([A-Za-z0-9_.-]+)`));
    if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
    return match[1];
  };
  const batches = () =>
    n.db.query(`SELECT batch_id, status FROM alert_batch WHERE tenant_id = $1 ORDER BY created_at`, [
      tenantId,
    ]);

  beforeAll(async () => {
    await n.start({
      NOTIFICATIONS_ALERT_DIGEST_DELAY_SECONDS: '3',
      NOTIFICATIONS_SWEEP_INTERVAL_SECONDS: '2',
      PUBLIC_RATE_LIMIT: '0',
    });
    await n.publish(tenantCreated(tenantId, { name: 'CPTS Alertes' }));
    await waitFor(
      () => n.db.query(`SELECT slug FROM tenant_directory WHERE tenant_id = $1`, [tenantId]),
      (rows) => rows[0]?.slug === slug,
      {
        what: 'the tenant settings',
      },
    );
  });

  afterAll(() => n.close());

  it('refuses a request naming what is wrong, in French', async () => {
    const bad = await n.service.request('POST', '/v1/public/alerts', {
      body: { tenant: slug, email: 'pas-une-adresse', category: '' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('adresse e-mail valide');
    const unknown = await n.service.request('POST', '/v1/public/alerts', {
      body: { tenant: 'inconnue', email: claire, category: CATEGORY },
    });
    expect(unknown.status).toBe(404);
  });

  it('confirms by mail first, then mails exactly one digest when three sessions are published together, and stops in one click', async () => {
    const asked = await n.service.request('POST', '/v1/public/alerts', {
      body: { tenant: slug, email: claire, category: CATEGORY },
    });
    expect(asked).toMatchObject({ status: 202, body: { status: 'confirmation-sent' } });
    const [confirmation] = await n.smtp.waitFor((m) => m.envelope.to.includes(claire), {
      count: 1,
      timeoutMs: 20_000,
    });
    expect(confirmation.subject).toBe(`Confirmez votre alerte : ${CATEGORY}`);
    const confirmToken = linkIn(confirmation, '/alertes/confirmer');

    // Not confirmed yet: a publication announces nothing to anybody.
    const early = newSession(tenantId, parisTime('2027-02-01', '18:30'), { title: 'Avant confirmation' });
    await n.publish(published(early));
    await waitFor(
      () => n.db.query(`SELECT 1 FROM session WHERE tenant_id = $1 AND id = $2`, [tenantId, early.sessionId]),
      (rows) => rows.length === 1,
      {
        what: 'the early session copy',
      },
    );
    expect(await batches()).toEqual([]);

    // The confirmation link confirms, and only for confirming.
    expect(
      (await n.service.request('POST', '/v1/public/alerts/unsubscribe', { body: { t: confirmToken } }))
        .status,
    ).toBe(403);
    expect(
      (await n.service.request('POST', '/v1/public/alerts/confirm', { body: { t: `${confirmToken}x` } }))
        .status,
    ).toBe(403);
    const confirmed = await n.service.request('POST', '/v1/public/alerts/confirm', {
      body: { t: confirmToken },
    });
    expect(confirmed).toMatchObject({ status: 200, body: { status: 'confirmed', category: CATEGORY } });

    // A coordinator publishes a series of three (one of a confidential activity), one event twice.
    const series = [
      newSession(tenantId, parisTime('2027-03-04', '18:30'), { title: 'Pilates & respiration' }),
      newSession(tenantId, parisTime('2027-03-11', '18:30'), { title: 'Pilates & respiration' }),
      newSession(tenantId, parisTime('2027-03-05', '19:00'), {
        title: 'Groupe de parole : burn-out',
        confidential: true,
      }),
    ];
    const other = newSession(tenantId, parisTime('2027-03-06', '10:00'), { title: 'Sophrologie' });
    await n.publish(
      published(series[0]),
      published(series[1]),
      published(series[2]),
      published(series[0]),
      published(other, 'Détente'),
    );

    await waitFor(batches, (rows: { status: string }[]) => rows.length === 1 && rows[0].status === 'sent', {
      timeoutMs: 30_000,
      what: 'the batch to be sent',
    });
    await waitFor(
      () =>
        n.db.query(`SELECT status FROM delivery WHERE tenant_id = $1 AND template = 'new-sessions-digest'`, [
          tenantId,
        ]),
      (rows: { status: string }[]) => rows.length === 1 && rows[0].status === 'sent',
      { timeoutMs: 30_000, what: 'the digest to be sent' },
    );
    const announced = await n.db.query(
      `SELECT count(DISTINCT batch_id)::int AS batches, count(*)::int AS sessions FROM alert_batch_session WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(announced).toEqual([{ batches: 1, sessions: 3 }]);

    const digests = mailsTo(claire).filter((m) => m.subject.startsWith('Nouvelles séances'));
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest.subject).toBe('Nouvelles séances : 3 à découvrir');
    expect(digest.text).toContain('Un nouvel atelier');
    expect(digest.text + digest.html).not.toContain('burn-out');
    expect(digest.text).not.toContain('Sophrologie');
    expect(digest.text.indexOf('jeudi 4 mars 2027')).toBeLessThan(
      digest.text.indexOf('vendredi 5 mars 2027'),
    );
    expect(digest.text).toContain(`${PUBLIC_BASE_URL}/${slug}`);
    // RFC 8058 one-click unsubscribe.
    const listUnsubscribe = digest.headers['list-unsubscribe'];
    expect(listUnsubscribe).toMatch(
      new RegExp(`^<${PUBLIC_BASE_URL}/v1/public/alerts/unsubscribe\\?t=[^>]+>$`),
    );
    expect(digest.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    const oneClick = listUnsubscribe.slice(PUBLIC_BASE_URL.length + 1, -1);
    // As a mail client sends it: a form body, the token in the address.
    const gone = await fetch(`${n.service.baseUrl}${oneClick}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect({ status: gone.status, body: await gone.json() }).toEqual({
      status: 200,
      body: { status: 'unsubscribed' },
    });
    expect(await n.db.query(`SELECT status FROM session_alert WHERE tenant_id = $1`, [tenantId])).toEqual([
      { status: 'unsubscribed' },
    ]);

    // Unsubscribed: a new publication opens no batch.
    const later = newSession(tenantId, parisTime('2027-04-01', '18:30'));
    await n.publish(published(later));
    await waitFor(
      () => n.db.query(`SELECT 1 FROM session WHERE tenant_id = $1 AND id = $2`, [tenantId, later.sessionId]),
      (rows) => rows.length === 1,
      {
        what: 'the later session copy',
      },
    );
    expect(await batches()).toHaveLength(1);
  });

  it('mails one confirmation per address and category a day and at most three per address, answering the same every time', async () => {
    const zoe = `zoe-${tenantId.slice(-6)}@example.org`;
    const ask = (category: string, email = zoe) =>
      n.service.request('POST', '/v1/public/alerts', { body: { tenant: slug, email, category } });
    const confirmationsTo = async (address: string) =>
      (
        await n.db.query(
          `SELECT count(*)::int AS n FROM delivery WHERE tenant_id = $1 AND template = 'alert-confirmation' AND lower(recipient) = $2`,
          [tenantId, address],
        )
      )[0].n as number;

    // Asked four times for one category, two of them at once, once in capitals: one mail. The
    // delivery row is written in the request's transaction, so the count is final with the answers.
    const answers = [
      await ask(CATEGORY),
      ...(await Promise.all([ask(CATEGORY), ask(CATEGORY)])),
      await ask(CATEGORY, zoe.toUpperCase()),
    ];
    for (const answer of answers)
      expect(answer).toMatchObject({ status: 202, body: { status: 'confirmation-sent' } });
    expect(await confirmationsTo(zoe)).toBe(1);
    // Varying the typed category does not get past three mails a day.
    for (const category of ['Yoga', 'Sophrologie', 'Marche', 'Tai-chi']) {
      expect(await ask(category)).toMatchObject({ status: 202, body: { status: 'confirmation-sent' } });
    }
    expect(await confirmationsTo(zoe)).toBe(3);
    await n.smtp.waitFor((m) => m.envelope.to.includes(zoe), { count: 3, timeoutMs: 20_000 });

    // A day later the pending request may be mailed again, once.
    await n.db.query(
      `UPDATE session_alert SET confirmation_sent_at = confirmation_sent_at - interval '25 hours' WHERE tenant_id = $1 AND lower(email) = $2`,
      [tenantId, zoe],
    );
    await ask(CATEGORY);
    await ask(CATEGORY);
    expect(await confirmationsTo(zoe)).toBe(4);
    const mails = await n.smtp.waitFor((m) => m.envelope.to.includes(zoe), { count: 4, timeoutMs: 20_000 });
    expect(mails.filter((m) => m.subject === `Confirmez votre alerte : ${CATEGORY}`)).toHaveLength(2);
  });

  it('links a feedback request to the survey open for the session’s programme, and not to another programme’s', async () => {
    const programmeId = uuidv7();
    const surveyUrl = `${PUBLIC_BASE_URL}/${slug}/enquetes/${uuidv7()}`;
    const survey = (id: string, programme: string, url: string) =>
      createEvent(
        SURVEY_PUBLISHED_V1,
        {
          surveyId: id,
          title: 'Baromètre du bien-être des soignants',
          programmeId: programme,
          wave: 'after',
          opensOn: '2020-01-01',
          closesOn: '2099-12-31',
          url,
        },
        { tenantId, source: 'surveys', subject: id },
      );
    await n.publish(
      survey(uuidv7(), programmeId, surveyUrl),
      survey(uuidv7(), uuidv7(), `${PUBLIC_BASE_URL}/${slug}/enquetes/autre`),
    );
    await waitFor(
      () => n.db.query(`SELECT count(*)::int AS n FROM programme_survey WHERE tenant_id = $1`, [tenantId]),
      (rows) => rows[0].n === 2,
      {
        what: 'the surveys',
      },
    );

    const inProgramme = newSession(tenantId, new Date(Date.now() - 3 * 3_600_000));
    const outside = newSession(tenantId, new Date(Date.now() - 3 * 3_600_000));
    const withProgramme = sessionPublished(inProgramme);
    await n.publish(
      { ...withProgramme, data: { ...withProgramme.data, programmeId } },
      sessionPublished(outside),
    );
    await waitFor(
      () =>
        n.db.query(`SELECT count(*)::int AS n FROM session WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [
          tenantId,
          [inProgramme.sessionId, outside.sessionId],
        ]),
      (rows) => rows[0].n === 2,
      {
        what: 'the session copies',
      },
    );
    const nadia = person('Nadia');
    const karim = person('Karim');
    await n.publish(registrationAttended(inProgramme, nadia), registrationAttended(outside, karim));
    const [asked] = await n.smtp.waitFor((m) => m.envelope.to.includes(nadia.email), {
      count: 1,
      timeoutMs: 30_000,
    });
    expect(asked.subject).toBe('Votre avis sur Pilates & respiration');
    expect(asked.text).toContain(surveyUrl);
    expect(asked.html).toContain(`href="${surveyUrl}"`);
    const [notAsked] = await n.smtp.waitFor((m) => m.envelope.to.includes(karim.email), {
      count: 1,
      timeoutMs: 30_000,
    });
    expect(notAsked.text).not.toContain('/enquetes/');
  });
});
