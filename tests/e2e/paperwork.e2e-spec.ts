import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TEST_JWT_SECRET, waitFor } from '@respire/testing';
import { ReceivedMail } from '@respire/testing/smtp';
import { DeliveryRetentionRunner } from '../../apps/notifications/src/privacy/jobs/delivery-retention.runner';
import { AccessTokens } from '../../apps/registration/src/links/access-token';
import { EraseDormantParticipantsUseCase } from '../../apps/registration/src/participants/use-cases/erase-dormant-participants/erase-dormant-participants.use-case';
import { countOf, waitForCount, waitUntilSessionsKnown } from '../support/counts';
import { startWebSystem, WebSystem } from './web/web-system';

jest.setTimeout(300_000);

/**
 * Issue 17, parts 3–6, across the real services (catalog, registration, notifications,
 * reporting) on PostgreSQL, Kafka, Redis and the SMTP test server: who a session is for,
 * individual-support slots, a coordinator's message to a session, and erasure.
 */
describe('the coordinator’s paperwork', () => {
  let system: WebSystem;
  const besancon = () => system.demo.tenants.find((t) => t.slug === 'capacites-besancon')!;
  const token = () => besancon().coordinatorToken;
  let counter = 0;
  const person = (overrides: Record<string, unknown> = {}) => ({
    email: `paperwork.${Date.now().toString(36)}.${++counter}@example.org`,
    firstName: `Prénom${counter}`,
    lastName: `Nom${counter}`,
    profession: 'infirmier',
    practiceMode: 'liberal',
    postcode: '25000',
    consents: { dataProcessing: true },
    ...overrides,
  });

  beforeAll(async () => {
    system = await startWebSystem({}, { reporting: true });
  }, 240_000);

  afterAll(async () => {
    await system?.close();
  });

  let sessionCount = 0;
  /** A session of a demo activity (a day of its own), published, that registration and notifications both know. */
  async function newSession(
    body: Record<string, unknown>,
    confidential = false,
  ): Promise<{ id: string; activityId: string; venueId: string }> {
    const template = besancon().sessions.find(
      (s) => s.status === 'published' && s.confidential === confidential,
    )!;
    const date = new Date(Date.UTC(2027, 7, 2 + sessionCount++)).toISOString().slice(0, 10);
    const created = await system.catalog.request('POST', '/v1/sessions', {
      token: token(),
      body: {
        activityId: template.activityId,
        date,
        startTime: '07:30',
        endTime: '08:30',
        capacity: 10,
        publish: true,
        ...body,
      },
    });
    expect(created.status).toBe(201);
    await knownEverywhere([created.body.id]);
    return created.body;
  }

  async function knownEverywhere(sessionIds: string[]): Promise<void> {
    await waitUntilSessionsKnown(
      {
        registration: await system.registration.db.dataSource('owner'),
        notifications: await system.notifications.db.dataSource('owner'),
      },
      sessionIds,
    );
  }

  /** Waits until notifications applied registration.participant-erased for the participant. */
  function erasedInNotifications(notificationsDb: DataSource, participantId: string, what: string) {
    return waitForCount(
      notificationsDb,
      `SELECT count(*)::int AS n FROM erased_participant WHERE participant_id = $1`,
      [participantId],
      (n) => n === 1,
      { what: `notifications to ${what}`, timeoutMs: 60_000 },
    );
  }

  function register(sessionId: string, who: Record<string, unknown>) {
    return system.registration.request(
      'POST',
      `/v1/public/tenants/capacites-besancon/sessions/${sessionId}/registrations`,
      { body: who },
    );
  }

  describe('who a session is for (practice mode)', () => {
    it('publishes « libéraux uniquement », refuses a salaried nurse in French naming the rule, takes a liberal one', async () => {
      const session = await newSession({ eligiblePracticeModes: ['liberal'] });

      const programme = await system.catalog.request('GET', '/v1/public/tenants/capacites-besancon/sessions');
      const shown = (programme.body.items ?? programme.body).find((s: { id: string }) => s.id === session.id);
      expect(shown.eligiblePracticeModes).toEqual(['liberal']);

      const refused = await register(session.id, person({ practiceMode: 'salarie' }));
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({
        error: 'practice_mode_not_eligible',
        message: 'Cette séance n’est pas ouverte à votre mode d’exercice (salarié) : libéraux uniquement.',
      });
      expect((await register(session.id, person({ practiceMode: 'liberal' }))).status).toBe(201);

      const page = await fetch(`${system.baseUrl}/capacites-besancon`).then((r) => r.text());
      expect(page).toContain('libéraux uniquement');
    });
  });

  describe('individual support', () => {
    it('creates six Tuesdays of 45-minute slots in one call, in local time across the change to summer time', async () => {
      const template = besancon().sessions.find((s) => s.status === 'published' && !s.confidential)!;
      const venue = (await system.catalog.request('GET', `/v1/sessions/${template.id}`, { token: token() }))
        .body.venueId as string;
      const activity = await system.catalog.request('POST', '/v1/activities', {
        token: token(),
        body: {
          title: `Accompagnement individuel ${randomUUID().slice(0, 6)}`,
          category: 'Soutien',
          confidential: true,
          individual: true,
          venueId: venue,
        },
      });
      expect(activity.status).toBe(201);
      expect(activity.body.individual).toBe(true);

      const slots = await system.catalog.request('POST', `/v1/activities/${activity.body.id}/slots`, {
        token: token(),
        body: {
          firstDate: '2027-03-09',
          weeks: 6,
          startTime: '14:00',
          endTime: '17:00',
          slotMinutes: 45,
          publish: true,
        },
      });
      expect(slots.status).toBe(201);
      const sessions = slots.body.sessions as {
        id: string;
        localDate: string;
        localStartTime: string;
        localEndTime: string;
        startsAt: string;
        capacity: number;
        status: string;
      }[];
      expect(sessions).toHaveLength(24);
      expect(sessions.every((s) => s.capacity === 1 && s.status === 'published')).toBe(true);
      expect(new Set(sessions.map((s) => s.localStartTime))).toEqual(
        new Set(['14:00', '14:45', '15:30', '16:15']),
      );
      // 14:00 in Paris is 13:00 UTC in winter, 12:00 UTC once the clocks went forward (28 March 2027).
      expect(
        sessions.find((s) => s.localDate === '2027-03-23' && s.localStartTime === '14:00')!.startsAt,
      ).toBe('2027-03-23T13:00:00.000Z');
      expect(
        sessions.find((s) => s.localDate === '2027-03-30' && s.localStartTime === '14:00')!.startsAt,
      ).toBe('2027-03-30T12:00:00.000Z');

      // Not an individual activity: refused, in French.
      const refused = await system.catalog.request('POST', `/v1/activities/${template.activityId}/slots`, {
        token: token(),
        body: { firstDate: '2027-03-09', weeks: 1, startTime: '14:00', endTime: '15:00', slotMinutes: 30 },
      });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('accompagnement individuel');

      // Booking is a registration; the taken slot leaves the public programme, the others stay.
      await knownEverywhere(sessions.map((s) => s.id));
      const taken = sessions[0];
      expect((await register(taken.id, person())).status).toBe(201);
      const listed = () =>
        system.catalog
          .request('GET', '/v1/public/tenants/capacites-besancon/sessions?from=2027-03-01&to=2027-04-30')
          .then((r) => ((r.body.items ?? r.body) as { id: string }[]).map((s) => s.id));
      const after = await waitFor(listed, (ids) => !ids.includes(taken.id), {
        what: 'the taken slot to leave the public programme',
        timeoutMs: 60_000,
      });
      expect(sessions.slice(1).every((s) => after.includes(s.id))).toBe(true);
      expect(
        (await system.catalog.request('GET', `/v1/public/tenants/capacites-besancon/sessions/${taken.id}`))
          .status,
      ).toBe(404);
    });
  });

  describe('a message to a session’s participants', () => {
    it('previews, then reaches each confirmed and waitlisted person exactly once, however often it is sent', async () => {
      const session = await newSession({ capacity: 2 });
      const people = [person(), person(), person()];
      for (const who of people) expect((await register(session.id, who)).status).toBe(201);
      const notificationsDb = await system.notifications.db.dataSource('owner');
      await waitFor(
        async () =>
          (await notificationsDb.query(`SELECT status FROM registration WHERE session_id = $1`, [
            session.id,
          ])) as { status: string }[],
        (rows) =>
          rows.filter((r) => r.status === 'confirmed').length === 2 &&
          rows.filter((r) => r.status === 'waitlisted').length === 1,
        { what: 'notifications to know the two confirmed people and the waitlisted one', timeoutMs: 60_000 },
      );
      const draft = {
        subject: `Changement de salle ${randomUUID().slice(0, 8)}`,
        text: 'La séance aura lieu salle 2.\n\nPensez à apporter un tapis.',
        audience: ['confirmed', 'waitlisted'],
      };

      const onlyConfirmed = await system.notifications.request(
        'POST',
        `/v1/sessions/${session.id}/messages/preview`,
        { token: token(), body: { ...draft, audience: ['confirmed'] } },
      );
      expect(onlyConfirmed.body.recipients).toBe(2);
      const preview = await system.notifications.request(
        'POST',
        `/v1/sessions/${session.id}/messages/preview`,
        { token: token(), body: draft },
      );
      expect(preview.status).toBe(200);
      expect(preview.body.recipients).toBe(3);
      expect(preview.body.subject).toBe(draft.subject);
      expect(preview.body.html).toContain('Pensez à apporter un tapis.');
      for (const who of people) expect(preview.body.html + preview.body.text).not.toContain(who.email);

      const invalid = await system.notifications.request('POST', `/v1/sessions/${session.id}/messages`, {
        token: token(),
        body: { ...draft, subject: ' ' },
        headers: { 'idempotency-key': 'paperwork-invalid' },
      });
      expect(invalid.status).toBe(400);
      expect(JSON.stringify(invalid.body)).toContain('Indiquez l’objet du message');

      // The same request three times (two at once, one retry later): one message.
      const key = `paperwork-${randomUUID()}`;
      const send = () =>
        system.notifications.request('POST', `/v1/sessions/${session.id}/messages`, {
          token: token(),
          body: draft,
          headers: { 'idempotency-key': key },
        });
      const answers = await Promise.all([send(), send()]);
      answers.push(await send());
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(answers.filter((a) => !a.body.replayed)).toHaveLength(1);
      expect(answers.every((a) => a.body.recipients === 3)).toBe(true);
      const reused = await system.notifications.request('POST', `/v1/sessions/${session.id}/messages`, {
        token: token(),
        body: { ...draft, text: 'Autre chose' },
        headers: { 'idempotency-key': key },
      });
      expect(reused.status).toBe(409);

      const mails = await system.smtp.waitFor((mail) => mail.subject === draft.subject, {
        count: 3,
        timeoutMs: 60_000,
      });
      // Let any duplicate arrive before counting: the delivery log says all three are sent.
      await waitFor(
        async () =>
          (await notificationsDb.query(
            `SELECT status FROM delivery WHERE template = 'session-message' AND session_id = $1`,
            [session.id],
          )) as { status: string }[],
        (rows) => rows.length === 3 && rows.every((r) => r.status === 'sent'),
        { what: 'three sent deliveries', timeoutMs: 60_000 },
      );
      const all: ReceivedMail[] = system.smtp
        .messages()
        .filter((mail: ReceivedMail) => mail.subject === draft.subject);
      expect(all).toHaveLength(3);
      for (const who of people) {
        const theirs = all.filter((mail) => mail.envelope.to.includes(who.email));
        expect(theirs).toHaveLength(1);
        expect(theirs[0].envelope.to).toEqual([who.email]);
        const others = people.filter((p) => p !== who);
        for (const other of others)
          expect(theirs[0].raw + theirs[0].text + theirs[0].html).not.toContain(other.email);
        expect(theirs[0].to).toHaveLength(1);
        expect(theirs[0].cc).toEqual([]);
        expect(theirs[0].text).toContain(`Bonjour ${who.firstName}`);
      }
      expect(mails).toHaveLength(3);
      const listed = await system.notifications.request('GET', `/v1/sessions/${session.id}/messages`, {
        token: token(),
      });
      expect(listed.body).toEqual([expect.objectContaining({ subject: draft.subject, recipients: 3 })]);
    });
  });

  it('names a confidential activity in no message to its people', async () => {
    const session = await newSession({}, true);
    const title = besancon().sessions.find((s) => s.confidential)!.activityTitle;
    const who = person();
    expect((await register(session.id, who)).status).toBe(201);
    const notificationsDb = await system.notifications.db.dataSource('owner');
    await waitForCount(
      notificationsDb,
      `SELECT count(*)::int AS n FROM registration WHERE session_id = $1 AND status = 'confirmed'`,
      [session.id],
      (n) => n === 1,
      { what: 'notifications to know the confirmed person', timeoutMs: 60_000 },
    );
    const draft = {
      subject: `Rappel ${randomUUID().slice(0, 8)}`,
      text: 'Nous commençons à l’heure.',
      audience: ['confirmed'],
    };
    const preview = await system.notifications.request(
      'POST',
      `/v1/sessions/${session.id}/messages/preview`,
      { token: token(), body: draft },
    );
    expect(preview.body.recipients).toBe(1);
    expect(preview.body.html + preview.body.text).not.toContain(title);
    const sent = await system.notifications.request('POST', `/v1/sessions/${session.id}/messages`, {
      token: token(),
      body: draft,
      headers: { 'idempotency-key': `confidential-${randomUUID()}` },
    });
    expect(sent.body.recipients).toBe(1);
    const [mail] = await system.smtp.waitFor((m) => m.subject === draft.subject, { timeoutMs: 60_000 });
    expect(mail.envelope.to).toEqual([who.email]);
    expect(mail.text + mail.html + mail.subject).not.toContain(title);
    expect(mail.cc).toEqual([]);
    expect(mail.text).toContain('Nous commençons à l’heure.');
  });

  describe('erasure', () => {
    const TEXT_TYPES = ['text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'bytea'];

    /** Every text-like column of every table of a database that holds `needle` (case-insensitive). */
    async function occurrences(db: DataSource, needle: string): Promise<string[]> {
      const columns: { table_schema: string; table_name: string; column_name: string; data_type: string }[] =
        await db.query(
          `SELECT c.table_schema, c.table_name, c.column_name, c.data_type
           FROM information_schema.columns c
           JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND t.table_type = 'BASE TABLE'
            AND c.data_type = ANY($1::text[])`,
          [TEXT_TYPES],
        );
      expect(columns.length).toBeGreaterThan(10);
      const found: string[] = [];
      for (const c of columns) {
        const column = `"${c.table_schema}"."${c.table_name}"."${c.column_name}"`;
        const value =
          c.data_type === 'bytea' ? `encode("${c.column_name}", 'escape')` : `"${c.column_name}"::text`;
        const [{ n }] = await db.query(
          `SELECT count(*)::int AS n FROM "${c.table_schema}"."${c.table_name}" WHERE position(lower($1) IN lower(${value})) > 0`,
          [needle],
        );
        if (n > 0) found.push(`${column}: ${n}`);
      }
      return found;
    }

    async function everyDatabase(): Promise<Record<string, DataSource>> {
      return {
        catalog: await system.catalog.db.dataSource('owner'),
        registration: await system.registration.db.dataSource('owner'),
        notifications: await system.notifications.db.dataSource('owner'),
        reporting: await system.reporting!.db.dataSource('owner'),
      };
    }

    /** The session list and the participants report of the year, without the instant they were made. */
    async function reportFigures() {
      const figures: Record<string, unknown> = {};
      for (const report of ['sessions', 'participants']) {
        const answer = await system.reporting!.request(
          'GET',
          `/v1/reports/${report}?from=2027-01-01&to=2027-12-31`,
          { token: token() },
        );
        expect(answer.status).toBe(200);
        delete answer.body.scope?.generatedAt;
        figures[report] = answer.body;
      }
      return figures;
    }

    it('leaves the address in no table of any service, keeps the report totals, and a new registration with it is someone new', async () => {
      const session = await newSession({});
      const other = await newSession({});
      const who = person();
      const registered = await register(session.id, who);
      expect(registered.status).toBe(201);
      expect((await register(other.id, who)).status).toBe(201);
      const registrationDb = await system.registration.db.dataSource('owner');
      const [{ participant_id: participantId }] = await registrationDb.query(
        `SELECT participant_id FROM registration WHERE id = $1`,
        [registered.body.id],
      );

      // Still expected at a session: erasure is refused until that is cancelled.
      const blocked = await system.registration.request('POST', `/v1/participants/${participantId}/erase`, {
        token: token(),
      });
      expect(blocked.status).toBe(409);
      expect(blocked.body.message).toContain('inscriptions à venir');

      const byCoordinator = (id: string) =>
        system.registration.request('POST', `/v1/registrations/${id}/cancel`, {
          token: token(),
          body: { reason: `à la demande de ${who.firstName} ${who.lastName}` },
        });
      expect((await byCoordinator(registered.body.id)).status).toBe(200);
      const [second] = await registrationDb.query(
        `SELECT id FROM registration WHERE participant_id = $1 AND session_id = $2`,
        [participantId, other.id],
      );
      expect((await byCoordinator(second.id)).status).toBe(200);

      // Every service has heard of them (mails sent, reporting projected) before the erasure.
      await system.smtp.waitFor((mail) => mail.envelope.to.includes(who.email), {
        count: 4,
        timeoutMs: 60_000,
      });
      const databases = await everyDatabase();
      await waitFor(
        () => occurrences(databases.notifications, who.email),
        (found) => found.length > 0,
        { what: 'notifications to hold the address' },
      );
      const reportingDb = databases.reporting;
      await waitForCount(
        reportingDb,
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name LIKE 'rpt_g%_registration'`,
        [],
        (n) => n > 0,
        { what: 'reporting read models' },
      );
      const [{ table }] = await reportingDb.query(
        `SELECT table_name AS table FROM information_schema.tables WHERE table_name LIKE 'rpt_g%_registration' ORDER BY 1 DESC LIMIT 1`,
      );
      await waitFor(
        async () =>
          (await reportingDb.query(`SELECT status FROM ${table} WHERE registration_id = ANY($1::uuid[])`, [
            [registered.body.id, second.id],
          ])) as { status: string }[],
        (rows) => rows.length === 2 && rows.every((r) => r.status === 'cancelled'),
        { what: 'reporting to project both cancellations', timeoutMs: 60_000 },
      );
      const before = await reportFigures();

      const erased = await system.registration.request('POST', `/v1/participants/${participantId}/erase`, {
        token: token(),
      });
      expect(erased.status).toBe(200);
      expect(erased.body.participantId).toBe(participantId);
      const again = await system.registration.request('POST', `/v1/participants/${participantId}/erase`, {
        token: token(),
      });
      expect(again.body).toEqual(erased.body);
      expect(
        (
          await system.registration.request('POST', `/v1/participants/${randomUUID()}/erase`, {
            token: token(),
          })
        ).status,
      ).toBe(404);

      // Every service applies registration.participant-erased; then the address is nowhere.
      const notificationsDb = databases.notifications;
      await erasedInNotifications(notificationsDb, participantId, 'apply the erasure');
      await waitForCount(
        reportingDb,
        `SELECT count(*)::int AS n FROM ${table.replace('_registration', '_participant')} WHERE erased_at IS NOT NULL`,
        [],
        (n) => n > 0,
        { what: 'reporting to apply the erasure', timeoutMs: 60_000 },
      );
      for (const [service, db] of Object.entries(databases)) {
        expect({ service, found: await occurrences(db, who.email) }).toEqual({ service, found: [] });
        expect({ service, found: await occurrences(db, who.lastName) }).toEqual({ service, found: [] });
      }
      expect(await reportFigures()).toEqual(before);

      // The same address registering again is a new person.
      const back = await register(other.id, who);
      expect(back.status).toBe(201);
      const [{ participant_id: newId }] = await registrationDb.query(
        `SELECT participant_id FROM registration WHERE id = $1`,
        [back.body.id],
      );
      expect(newId).not.toBe(participantId);
    });

    it('erases, per the tenant’s retention, participants with no registration for 24 months, and forgets deliveries older than 12', async () => {
      const session = await newSession({});
      const dormant = person();
      const active = person();
      const answers = [await register(session.id, dormant), await register(session.id, active)];
      expect(answers.map((a) => a.status)).toEqual([201, 201]);
      const registrationDb = await system.registration.db.dataSource('owner');
      const notificationsDb = await system.notifications.db.dataSource('owner');
      await system.smtp.waitFor((mail) => mail.envelope.to.includes(dormant.email), { timeoutMs: 60_000 });
      const [{ participant_id: dormantId }] = await registrationDb.query(
        `SELECT participant_id FROM registration WHERE id = $1`,
        [answers[0].body.id],
      );
      // 25 months ago: the person registered to a session held then, nothing since.
      const longAgo = new Date(Date.now() - 25 * 31 * 24 * 3600_000);
      const oldSession = randomUUID();
      await registrationDb.query(
        `INSERT INTO session (tenant_id, id, activity_id, title, category, confidential, starts_at, ends_at, timezone, venue, capacity, status)
         SELECT tenant_id, $2, activity_id, title, category, confidential, $3::timestamptz, $3::timestamptz + interval '1 hour', timezone, venue, capacity, 'completed'
           FROM session WHERE id = $1`,
        [session.id, oldSession, longAgo],
      );
      await registrationDb.query(
        `UPDATE registration SET session_id = $2, created_at = $3, status = 'attended' WHERE id = $1`,
        [answers[0].body.id, oldSession, longAgo],
      );
      await registrationDb.query(`UPDATE participant SET created_at = $2 WHERE id = $1`, [
        dormantId,
        longAgo,
      ]);
      await notificationsDb.query(
        `UPDATE delivery SET created_at = now() - interval '13 months' WHERE recipient = $1`,
        [active.email],
      );

      const erased = await system.registration.app.get(EraseDormantParticipantsUseCase).execute();
      expect(erased).toBe(1);
      const rows = await registrationDb.query(
        `SELECT id, erased_at FROM participant WHERE id = ANY($1::uuid[]) OR email = $2`,
        [[dormantId], active.email],
      );
      expect(rows.find((r: { id: string }) => r.id === dormantId).erased_at).not.toBeNull();
      expect(rows.find((r: { id: string }) => r.id !== dormantId).erased_at).toBeNull();
      await erasedInNotifications(notificationsDb, dormantId, 'apply the automatic erasure');
      expect(await system.registration.app.get(EraseDormantParticipantsUseCase).execute()).toBe(0);

      const purged = await system.notifications.app.get(DeliveryRetentionRunner).runOnce();
      expect(purged).toBeGreaterThanOrEqual(1);
      expect(
        await countOf(notificationsDb, `SELECT count(*)::int AS n FROM delivery WHERE recipient = $1`, [
          active.email,
        ]),
      ).toBe(0);
      expect(
        await countOf(
          notificationsDb,
          `SELECT count(*)::int AS n FROM delivery WHERE created_at > now() - interval '1 day'`,
        ),
      ).toBeGreaterThan(0);
    });

    it('lets the person erase their data from « my registrations », with a confirmation and a POST', async () => {
      const session = await newSession({});
      const who = person();
      const registered = await register(session.id, who);
      const registrationDb = await system.registration.db.dataSource('owner');
      const [{ participant_id: participantId }] = await registrationDb.query(
        `SELECT participant_id FROM registration WHERE id = $1`,
        [registered.body.id],
      );
      const config = system.registration.config as { REGISTRATION_LINK_SECRET?: string; JWT_SECRET?: string };
      const tokens = new AccessTokens(
        config.REGISTRATION_LINK_SECRET ?? config.JWT_SECRET ?? TEST_JWT_SECRET,
      );
      const link = tokens.sign({
        tenantId: besancon().id,
        participantId,
        expiresAt: new Date(Date.now() + 3600_000),
      });

      // A GET asks, never acts.
      const page = await fetch(
        `${system.baseUrl}/mes-inscriptions/effacer?token=${encodeURIComponent(link)}`,
      );
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Effacer définitivement mes données');
      expect(html).toContain('annulez-les d’abord');
      expect(
        (await registrationDb.query(`SELECT erased_at FROM participant WHERE id = $1`, [participantId]))[0]
          .erased_at,
      ).toBeNull();

      // Still registered: the service refuses, the page says why.
      const refused = await system.registration.request('POST', '/v1/public/participants/me/erase', {
        body: { token: link },
      });
      expect(refused.status).toBe(409);

      const cancelled = await system.registration.request(
        'POST',
        `/v1/registrations/${registered.body.id}/cancel`,
        { token: token(), body: {} },
      );
      expect(cancelled.status).toBe(200);
      const done = await system.registration.request('POST', '/v1/public/participants/me/erase', {
        body: { token: link },
      });
      expect(done.status).toBe(200);
      const [row] = await registrationDb.query(
        `SELECT email, first_name, last_name, postcode, erased_at FROM participant WHERE id = $1`,
        [participantId],
      );
      expect(row).toMatchObject({
        email: `erased:${participantId}`,
        first_name: '',
        last_name: '',
        postcode: '',
      });
      expect(row.erased_at).not.toBeNull();
      // The link opens nothing any more.
      expect(
        (
          await system.registration.request(
            'GET',
            `/v1/public/participants/me?token=${encodeURIComponent(link)}`,
          )
        ).status,
      ).toBe(403);
    });
  });
});
