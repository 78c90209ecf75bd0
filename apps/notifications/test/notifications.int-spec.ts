import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import ICAL from 'ical.js';
import { v7 as uuidv7 } from 'uuid';
import { createEvent, PARTICIPANT_ERASED_V1 } from '@respire/contracts';
import { deleteRedisKeys, TEST_JWT_SECRET, waitFor } from '@respire/testing';
import { ReceivedMail } from '@respire/testing/smtp';
import { Role } from '@respire/tenancy';
import { NotificationQueue, ReminderJob, ScheduledJob } from '../src/infrastructure/queues';
import { signPreferenceToken } from '../src/preferences/domain/preference-token';
import { lateReminderJobId, reminderJobId } from '../src/reminders/domain/reminder-plan';
import { SendReminderUseCase } from '../src/reminders/use-cases/send-reminder/send-reminder.use-case';
import {
  newSession,
  parisTime,
  person,
  Person,
  registrationAttended,
  registrationCancelled,
  registrationConfirmed,
  registrationOffered,
  sessionPublished,
  sessionRescheduled,
  sleep,
  tenantCreated,
} from './fixtures';
import { NotificationsUnderTest } from './notifications-harness';

const HOUR = 3_600_000;

function parseIcs(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone'))
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { method: calendar.getFirstPropertyValue('method'), vevent, event: new ICAL.Event(vevent) };
}

describe('notifications service on real Kafka, PostgreSQL, Redis and SMTP', () => {
  const n = new NotificationsUnderTest();
  let scheduled: Queue<ScheduledJob>;
  const tenantId = uuidv7();
  // The tenant gives this address; the operator verified cpts-test.fr for another CPTS only.
  const sender = 'instant@cpts-test.fr';
  const platformSender = 'ne-pas-repondre@respire.localhost';

  /** Reminder jobs fire this long before the reminder's time (its mail is composed ahead). */
  const reminderLeadMs = () => n.service.config.NOTIFICATIONS_REMINDER_LEAD_SECONDS * 1000;
  const mailsTo = (who: Person) => n.smtp.messages().filter((m) => m.envelope.to.includes(who.email));
  /** Waits until a reminder was sent to each of `people`: their reminder deliveries. */
  const remindersSent = (people: Person[], timeoutMs: number) =>
    waitFor<{ id: string; registration_id: string; message_id: string }[]>(
      () =>
        n.db.query(
          `SELECT id, registration_id, message_id FROM delivery WHERE template = 'reminder' AND registration_id = ANY($1) AND status = 'sent'`,
          [people.map((who) => who.registrationId)],
        ),
      (sent) => sent.length === people.length,
      { what: 'every reminder sent', timeoutMs },
    );
  /** The reminders mailed to any of `people`. */
  const remindersTo = (...people: Person[]) =>
    n.smtp
      .messages()
      .filter(
        (m) => m.subject.startsWith('Rappel') && people.some((who) => m.envelope.to.includes(who.email)),
      );
  const waitForMails = (who: Person, count: number, timeoutMs = 20_000) =>
    n.smtp.waitFor((m) => m.envelope.to.includes(who.email), { count, timeoutMs });
  const delivery = async (who: Person, template: string) =>
    (
      await n.db.query(`SELECT * FROM delivery WHERE registration_id = $1 AND template = $2`, [
        who.registrationId,
        template,
      ])
    )[0];

  beforeAll(async () => {
    await n.start({
      NOTIFICATIONS_SEND_ATTEMPTS: '3',
      NOTIFICATIONS_RETRY_BASE_MS: '200',
      NOTIFICATIONS_JOB_LOCK_MS: '5000',
      NOTIFICATIONS_SWEEP_INTERVAL_SECONDS: '2',
      NOTIFICATIONS_RECONCILE_INTERVAL_SECONDS: '3',
      NOTIFICATIONS_DEFAULT_SENDER: platformSender,
      NOTIFICATIONS_SENDER_DOMAINS: 'cpts-verifiee=cpts-test.fr',
    });
    scheduled = n.service.app.get(getQueueToken(NotificationQueue.Scheduled));
    await n.publish(tenantCreated(tenantId, { senderEmail: sender, reminderOffsetsMinutes: [2880, 180] }));
    await waitFor(
      () => n.db.query(`SELECT name FROM tenant_directory WHERE tenant_id = $1`, [tenantId]),
      (rows) => rows[0]?.name,
      {
        what: 'the tenant settings',
      },
    );
  }, 60_000);

  afterAll(() => n.close());

  describe('registration confirmed', () => {
    const session = newSession(tenantId, parisTime('2027-01-21', '18:30'));
    const claire = person('Claire');
    let mail: ReceivedMail;

    beforeAll(async () => {
      const confirmed = registrationConfirmed(session, claire);
      await n.publish(sessionPublished(session), confirmed, confirmed); // the same event delivered twice
      [mail] = await waitForMails(claire, 1);
      await sleep(1500);
    });

    it('sends exactly one confirmation, under the tenant’s name from the platform’s address, to the participant only', () => {
      expect(mailsTo(claire)).toHaveLength(1);
      expect(mail.envelope.to).toEqual([claire.email]);
      expect(mail.to).toEqual([claire.email]);
      // The tenant's address is not one an operator verified for it: answers go there, the From never does.
      expect(mail.from).toContain(platformSender);
      expect(mail.from).not.toContain(sender);
      expect(mail.envelope.from).toBe(platformSender);
      expect(mail.headers['reply-to']).toBe(sender);
      expect(mail.subject).toBe('Inscription confirmée : Pilates & respiration le 21/01 à 18h30');
      expect(mail.text).toContain('Bonjour Claire');
      expect(mail.text).toContain('jeudi 21 janvier 2027, de 18h30 à 19h30');
      // Handlebars escapes '=' in attributes as &#x3D;, which browsers read back as '='.
      expect(mail.html.replace(/&#x3D;/g, '=')).toContain(
        `href="https://respire.example.org/p/r/${claire.registrationId}/cancel?t=secret-token"`,
      );
    });

    it('shows the listening lines and the preferences link in both parts', () => {
      for (const part of [mail.html.replace(/&#x3D;/g, '='), mail.text]) {
        expect(part).toContain('0805 23 23 36');
        expect(part).toContain('0608 282 589');
        expect(part).toContain('https://respire.example.org/preferences?t=');
      }
    });

    it('carries a valid invitation at the right local time (parsed with ical.js)', () => {
      expect(mail.calendars).toHaveLength(1);
      const { method, event, vevent } = parseIcs(mail.calendars[0].content);
      expect(method).toBe('REQUEST');
      expect(mail.calendars[0].method).toBe('REQUEST');
      expect(event.uid).toBe(`registration-${claire.registrationId}@respire`);
      expect(event.sequence).toBe(0);
      expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
      expect([event.startDate.hour, event.startDate.minute]).toEqual([18, 30]);
      expect(event.startDate.toJSDate().toISOString()).toBe(session.startsAt.toISOString());
      expect(event.endDate.toJSDate().toISOString()).toBe(session.endsAt.toISOString());
      expect(event.summary).toBe('Pilates & respiration');
      expect(vevent.getAllProperties('attendee').map((p) => p.getFirstValue())).toEqual([
        `mailto:${claire.email}`,
      ]);
    });

    it('uses a Message-ID derived from the delivery and records the delivery as sent, once, with an event out', async () => {
      const row = await delivery(claire, 'registration-confirmed');
      expect(mail.messageId).toBe(`<${row.id}@respire.localhost>`);
      expect(row).toMatchObject({
        status: 'sent',
        attempts: 1,
        provider_message_id: mail.id,
        recipient_masked: expect.stringMatching(/^c\*\*\*@example\.org$/),
      });
      const events = await n.db.query(
        `SELECT type, payload FROM outbox WHERE payload->'data'->>'deliveryId' = $1`,
        [row.id],
      );
      expect(events.map((e: { type: string }) => e.type)).toEqual(['notifications.delivery-sent']);
      expect(events[0].payload.data.recipient).not.toContain(claire.email);
    });

    it('plans the session’s reminders at the tenant offsets before it, one job per offset', async () => {
      for (const offset of [2880, 180]) {
        const job = await scheduled.getJob(
          reminderJobId(tenantId, session.sessionId, offset, session.startsAt),
        );
        expect(await job?.getState()).toBe('delayed');
        expect(job!.data).toEqual(
          expect.objectContaining({ sessionId: session.sessionId, offsetMinutes: offset }),
        );
        expect(job!.data).not.toHaveProperty('registrationIds');
        expect(job!.timestamp + job!.opts.delay!).toBeCloseTo(
          session.startsAt.getTime() - offset * 60_000 - reminderLeadMs(),
          -4,
        );
      }
    });
  });

  describe('a session already over', () => {
    it('is not written about (a late event, or history replayed)', async () => {
      const session = newSession(tenantId, new Date(Date.now() - 26 * HOUR));
      const who = person('Late');
      await n.publish(registrationConfirmed(session, who));
      await waitFor(
        () => n.db.query(`SELECT status FROM registration WHERE id = $1`, [who.registrationId]),
        (rows) => rows.length === 1,
        {
          what: 'the event handled',
        },
      );
      await sleep(500);
      expect(
        await n.db.query(`SELECT id FROM delivery WHERE registration_id = $1`, [who.registrationId]),
      ).toEqual([]);
      expect(mailsTo(who)).toEqual([]);
    });
  });

  describe('session rescheduled', () => {
    const session = newSession(tenantId, parisTime('2027-02-04', '18:30'));
    const moved = { startsAt: parisTime('2027-02-11', '19:00'), endsAt: parisTime('2027-02-11', '20:00') };
    const zoe = person('Zoé');

    it('sends one update with the same UID and a higher SEQUENCE, and moves the reminders', async () => {
      await n.publish(sessionPublished(session), registrationConfirmed(session, zoe));
      const [confirmation] = await waitForMails(zoe, 1);
      const oldJobs = [2880, 180].map((offset) =>
        reminderJobId(tenantId, session.sessionId, offset, session.startsAt),
      );
      await waitFor(
        () => Promise.all(oldJobs.map((id) => scheduled.getJob(id))),
        (jobs) => jobs.every(Boolean),
        { what: 'reminders planned' },
      );

      const rescheduled = sessionRescheduled(session, moved, 1);
      await n.publish(rescheduled, rescheduled);
      const mails = await waitForMails(zoe, 2);
      await sleep(1500);
      expect(mailsTo(zoe)).toHaveLength(2);
      const update = mails[1];
      expect(update.subject).toBe('Changement : Pilates & respiration le 11/02 à 19h00');
      expect(update.text).toContain('La séance prévue le jeudi 4 février 2027 de 18h30 à 19h30');
      const before = parseIcs(confirmation.calendars[0].content).event;
      const after = parseIcs(update.calendars[0].content).event;
      expect(after.uid).toBe(before.uid);
      expect(after.sequence).toBeGreaterThan(before.sequence);
      expect(after.sequence).toBe(1);
      expect([after.startDate.hour, after.startDate.minute]).toEqual([19, 0]);
      expect(after.startDate.toJSDate().toISOString()).toBe(moved.startsAt.toISOString());

      await waitFor(
        () => Promise.all(oldJobs.map((id) => scheduled.getJob(id))),
        (jobs) => jobs.every((j) => !j),
        {
          what: 'the old reminder jobs to go',
        },
      );
      for (const offset of [2880, 180]) {
        const job = await scheduled.getJob(
          reminderJobId(tenantId, session.sessionId, offset, moved.startsAt),
        );
        expect(await job?.getState()).toBe('delayed');
        expect(job!.timestamp + job!.opts.delay!).toBeCloseTo(
          moved.startsAt.getTime() - offset * 60_000 - reminderLeadMs(),
          -4,
        );
      }
    });

    it('keeps its own times when a registration event carries an older sequence', async () => {
      const late = person('Karim');
      await n.publish(registrationConfirmed(session, late)); // snapshot still at sequence 0
      const [mail] = await waitForMails(late, 1);
      const { event } = parseIcs(mail.calendars[0].content);
      expect(event.startDate.toJSDate().toISOString()).toBe(moved.startsAt.toISOString());
      expect(event.sequence).toBe(1);
      expect(mail.subject).toContain('le 11/02 à 19h00');
    });
  });

  describe('cancelled registration', () => {
    it('sends the cancellation with a calendar CANCEL and never the reminder', async () => {
      // The 3 h reminder of this session is due ~15 s from now; the 48 h one was already past.
      const session = newSession(tenantId, new Date(Date.now() + 3 * HOUR + 15_000));
      const stays = person('Anne');
      const leaves = person('Bruno');
      await n.publish(
        sessionPublished(session),
        registrationConfirmed(session, stays),
        registrationConfirmed(session, leaves),
      );
      await waitForMails(leaves, 1);
      expect(
        await scheduled.getJob(reminderJobId(tenantId, session.sessionId, 2880, session.startsAt)),
      ).toBeUndefined();
      await n.publish(registrationCancelled(session, leaves));
      const [, cancellation] = await waitForMails(leaves, 2);
      expect(cancellation.subject).toBe(
        `Inscription annulée : Pilates & respiration le ${cancellation.subject.slice(-5)}`,
      );
      const { method, vevent, event } = parseIcs(cancellation.calendars[0].content);
      expect(method).toBe('CANCEL');
      expect(vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(event.uid).toBe(`registration-${leaves.registrationId}@respire`);
      expect(event.sequence).toBe(1);
      // The session's job stays for the others; it reads who is still confirmed when it fires.
      expect(
        await scheduled.getJob(reminderJobId(tenantId, session.sessionId, 180, session.startsAt)),
      ).toBeDefined();

      const [, reminder] = await waitForMails(stays, 2, 45_000);
      expect(reminder.subject).toMatch(/^Rappel : Pilates & respiration dans 3 heures, à \d\dh\d\d$/);
      expect(reminder.headers['list-unsubscribe']).toContain('/v1/public/preferences/unsubscribe?t=');
      await sleep(2000);
      expect(mailsTo(leaves).map((m) => m.subject.split(' :')[0])).toEqual([
        'Inscription confirmée',
        'Inscription annulée',
      ]);
      expect(mailsTo(stays)).toHaveLength(2);
    }, 90_000);
  });

  describe('confidential activity', () => {
    it('names no activity and shows no other address in the mails or the invitations', async () => {
      const session = newSession(tenantId, parisTime('2027-03-12', '19:30'), {
        title: 'Groupe de parole burn-out',
        confidential: true,
      });
      const one = person('Inès');
      const two = person('Paul');
      await n.publish(
        sessionPublished(session),
        registrationConfirmed(session, one),
        registrationConfirmed(session, two),
      );
      await n.publish(registrationCancelled(session, two, 'coordinator'));
      const mails = [...(await waitForMails(one, 1)), ...(await waitForMails(two, 2))];
      for (const mail of mails) {
        const everything = [
          mail.subject,
          mail.html,
          mail.text,
          mail.raw,
          ...mail.calendars.map((c) => c.content),
        ].join('\n');
        expect(everything).not.toMatch(/burn-out|Groupe de parole/i);
        expect(mail.subject).toContain('Atelier du 12/03 à 19h30');
        expect(mail.envelope.to).toHaveLength(1);
        const other = mail.envelope.to[0] === one.email ? two.email : one.email;
        expect(everything).not.toContain(other);
        const { event, vevent } = parseIcs(mail.calendars[0].content);
        expect(event.summary).toBe('Atelier du 12/03 à 19h30');
        expect(vevent.getFirstPropertyValue('class')).toBe('PRIVATE');
        expect(vevent.getAllProperties('attendee')).toHaveLength(1);
      }
    });
  });

  describe('waitlist offer', () => {
    it('sends the accept and decline links with the expiry in local time', async () => {
      const session = newSession(tenantId, parisTime('2027-01-28', '18:30'));
      const lea = person('Léa');
      await n.publish(registrationOffered(session, lea, parisTime('2027-01-27', '10:00')));
      const [mail] = await waitForMails(lea, 1);
      expect(mail.subject).toBe('Une place s’est libérée : Pilates & respiration le 28/01');
      expect(mail.text).toContain("jusqu'au mercredi 27 janvier 2027 à 10h00");
      expect(mail.text).toContain(`/${lea.registrationId}/accept?t=a`);
      expect(mail.text).toContain(`/${lea.registrationId}/decline?t=d`);
      expect(mail.calendars).toEqual([]);
    });
  });

  describe('after the session', () => {
    it('asks whoever attended for feedback, once', async () => {
      const session = newSession(tenantId, new Date(Date.now() - 3 * HOUR)); // ended two hours ago
      const who = person('Nadia');
      const attended = registrationAttended(session, who);
      await n.publish(attended, attended);
      const [mail] = await waitForMails(who, 1);
      expect(mail.subject).toBe('Votre avis sur Pilates & respiration');
      expect(mail.text).toContain(`/${who.registrationId}/feedback?t=f`);
      expect(mail.headers['list-unsubscribe']).toContain('/v1/public/preferences/unsubscribe?t=');
      await sleep(1500);
      expect(mailsTo(who)).toHaveLength(1);
    });
  });

  describe('facilitator', () => {
    it('gets the list of confirmed participants before the session (at once when it is that close)', async () => {
      const facilitatorId = uuidv7();
      const coordinator = await n.service.token(Role.Coordinator, tenantId);
      const contact = await n.service.request('PUT', `/v1/facilitators/${facilitatorId}/contact`, {
        token: coordinator,
        body: { name: 'Sophie', email: 'sophie.intervenante@example.org' },
      });
      expect(contact.status).toBe(200);
      const session = newSession(tenantId, new Date(Date.now() + 5 * HOUR), { facilitatorId });
      const [a, b] = [person('Yasmine'), person('Bastien')];
      await n.publish(registrationConfirmed(session, a), registrationConfirmed(session, b));
      await Promise.all([waitForMails(a, 1), waitForMails(b, 1)]);
      await n.publish(sessionPublished(session));
      const [digest] = await n.smtp.waitFor((m) => m.envelope.to.includes('sophie.intervenante@example.org'));
      expect(digest.subject).toMatch(/^Votre séance du \d\d\/\d\d à \d\dh\d\d : 2 participant·es$/);
      expect(digest.text).toContain('- Bastien\n- Yasmine');
      expect(digest.text).not.toContain(a.email);
      expect(digest.text).toContain('0805 23 23 36');
    });
  });

  describe('SMTP failures', () => {
    it('retries a temporary refusal and sends once the server accepts', async () => {
      const session = newSession(tenantId, parisTime('2027-04-01', '18:30'));
      const who = person('Temporary');
      n.smtp.failNext(1, { code: 451, message: '4.3.0 try again later' });
      await n.publish(registrationConfirmed(session, who));
      await waitForMails(who, 1);
      const row = await waitFor(
        () => delivery(who, 'registration-confirmed'),
        (r) => r?.status === 'sent',
        { what: 'sent' },
      );
      expect(row.attempts).toBe(2);
    });

    it('records a permanent refusal as failed and publishes notifications.delivery-failed', async () => {
      const session = newSession(tenantId, parisTime('2027-04-01', '18:30'));
      const who = person('Nobody');
      n.smtp.rejectRecipients((address) => address === who.email, {
        code: 550,
        message: `5.1.1 <${who.email}>: Recipient address rejected: mailbox unavailable`,
      });
      await n.publish(registrationConfirmed(session, who));
      const row = await waitFor(
        () => delivery(who, 'registration-confirmed'),
        (r) => r?.status === 'failed',
        { what: 'failed' },
      );
      expect(row.attempts).toBe(1);
      expect(row.error).toContain('550');
      // The server quoted the address: the log, the event and the delivery list keep it masked.
      expect(row.error).toContain('<n***@example.org>');
      expect(row.error).not.toContain(who.email);
      const [event] = await n.db.query(
        `SELECT payload FROM outbox WHERE type = 'notifications.delivery-failed' AND payload->'data'->>'deliveryId' = $1`,
        [row.id],
      );
      expect(event.payload.data).toMatchObject({
        permanent: true,
        template: 'registration-confirmed',
        attempts: 1,
      });
      expect(event.payload.data.error).not.toContain(who.email);
      n.smtp.rejectRecipients(() => false, { code: 550, message: '' });
    });
  });

  describe('preferences link', () => {
    it('lets the participant stop reminders; their next reminder is then not written', async () => {
      const session = newSession(tenantId, parisTime('2027-05-06', '18:30'));
      const who = person('Maud');
      await n.publish(registrationConfirmed(session, who));
      const [mail] = await waitForMails(who, 1);
      const link = /https:\/\/respire\.example\.org\/preferences\?t=([\w.-]+)/.exec(mail.text)!;
      const token = link[1];
      expect((await n.service.request('GET', `/v1/public/preferences?t=${token}`)).body).toEqual({
        reminders: true,
        feedbackRequests: true,
      });
      // A browser on a link mailed before the web app served the page is sent there.
      const page = await fetch(`${n.service.baseUrl}/v1/public/preferences?t=${token}`, {
        headers: { accept: 'text/html' },
        redirect: 'manual',
      });
      expect(page.status).toBe(302);
      expect(page.headers.get('location')).toBe(`https://respire.example.org/preferences?t=${token}`);
      const changed = await n.service.request('POST', '/v1/public/preferences', {
        body: { t: token, reminders: false },
      });
      expect(changed.body).toEqual({ reminders: false, feedbackRequests: true });
      // The signature's first character changed (its last ones carry bits base64url decoding drops:
      // replacing them left the token genuine once in a few hundred runs).
      const [payload, signature] = token.split('.');
      const forged = `${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
      expect((await n.service.request('GET', `/v1/public/preferences?t=${forged}`)).status).toBe(404);
      // A genuine link whose year is over: refused, saying so in French.
      const expired = signPreferenceToken(
        { tenantId, participantId: who.participantId },
        TEST_JWT_SECRET,
        new Date(Date.now() - 60_000),
      );
      expect(
        await n.service.request('POST', '/v1/public/preferences', { body: { t: expired, reminders: true } }),
      ).toMatchObject({
        status: 410,
        body: { error: 'preferences-link-expired', message: expect.stringMatching(/^Ce lien a expiré/) },
      });

      const outcome = await n.service.app.get(SendReminderUseCase).execute({
        tenantId,
        registrationIds: [who.registrationId],
        sessionId: session.sessionId,
        offsetMinutes: 2880,
        startsAt: session.startsAt.toISOString(),
      });
      expect(outcome).toEqual({ recorded: 0, 'already-recorded': 0, stale: 0, 'opted-out': 1 });
    });
  });

  describe('reminders due together', () => {
    it('one job per session and offset: each participant reminded once, with their own Message-ID, even when the job runs twice at once; opt-outs and cancellations hold', async () => {
      // 3 h 20 min ahead: the 3 h reminder is due in 20 minutes; the test fires the job itself.
      const session = newSession(tenantId, new Date(Date.now() + 200 * 60_000));
      const people = Array.from({ length: 12 }, (_, i) => person(`Rappel${i}`));
      const [optedOut, cancelled] = people;
      await n.publish(sessionPublished(session), ...people.map((who) => registrationConfirmed(session, who)));
      await Promise.all(people.map((who) => waitForMails(who, 1)));
      const job = await waitFor(
        () => scheduled.getJob(reminderJobId(tenantId, session.sessionId, 180, session.startsAt)),
        Boolean,
        { what: 'the session’s 3 h reminder job' },
      );
      expect(job!.data).toMatchObject({ sessionId: session.sessionId, offsetMinutes: 180 });
      const token = signPreferenceToken(
        { tenantId, participantId: optedOut.participantId },
        TEST_JWT_SECRET,
        new Date(Date.now() + HOUR),
      );
      expect(
        (await n.service.request('POST', '/v1/public/preferences', { body: { t: token, reminders: false } }))
          .status,
      ).toBe(200);
      await n.publish(registrationCancelled(session, cancelled));
      await waitForMails(cancelled, 2);

      // The job twice at once (a replay racing the first run), then once more: each reminder recorded once.
      const reminders = n.service.app.get(SendReminderUseCase);
      const jobData = job!.data as ReminderJob;
      const [first, second] = await Promise.all([reminders.execute(jobData), reminders.execute(jobData)]);
      expect(first.recorded + second.recorded).toBe(10);
      expect(first['already-recorded'] + second['already-recorded']).toBe(10);
      expect(first['opted-out']).toBe(1);
      expect(await reminders.execute(jobData)).toEqual({
        recorded: 0,
        'already-recorded': 10,
        stale: 0,
        'opted-out': 1,
      });

      const reminded = people.slice(2);
      const rows = await remindersSent(reminded, 30_000);
      expect(new Set(rows.map((r) => r.registration_id)).size).toBe(reminded.length);
      const mails = remindersTo(...reminded);
      expect(mails).toHaveLength(reminded.length);
      expect(mails.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.message_id).sort());
      expect(remindersTo(optedOut)).toHaveLength(0);
      expect(remindersTo(cancelled)).toHaveLength(0);
    });

    it('fire ahead of their time: written, claimed and composed at once, one batch job sends them at that time, each once', async () => {
      // The 3 h reminder is due 8 s from now: its jobs fire at once (NOTIFICATIONS_REMINDER_LEAD_SECONDS, 10).
      const dueAt = Date.now() + 8_000;
      const session = newSession(tenantId, new Date(dueAt + 180 * 60_000));
      const people = Array.from({ length: 6 }, (_, i) => person(`Avance${i}`));
      await n.publish(sessionPublished(session), ...people.map((who) => registrationConfirmed(session, who)));
      const rows = await remindersSent(people, 40_000);
      const reminders = remindersTo(...people);
      expect(reminders.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.message_id).sort());
      for (const mail of reminders) expect(mail.receivedAt.getTime()).toBeGreaterThanOrEqual(dueAt);
      const sendQueue: Queue = n.service.app.get(getQueueToken(NotificationQueue.Send));
      const batches = (await sendQueue.getJobs(['completed'])).filter((job) => job.name === 'send-batch');
      const batched = new Set(batches.flatMap((job) => (job.data as { deliveryIds: string[] }).deliveryIds));
      expect(rows.every((row) => batched.has(row.id))).toBe(true);
    });

    it('a registration cancelled after its reminder was written, before its time, gets no reminder', async () => {
      const dueAt = Date.now() + 9_500; // inside the lead: the rows are written at once
      const session = newSession(tenantId, new Date(dueAt + 180 * 60_000));
      const [stays, leaves] = [person('Reste'), person('Part')];
      await n.publish(
        sessionPublished(session),
        ...[stays, leaves].map((who) => registrationConfirmed(session, who)),
      );
      const reminderOf = (who: { registrationId: string }) =>
        n.db.query(`SELECT status FROM delivery WHERE template = 'reminder' AND registration_id = $1`, [
          who.registrationId,
        ]);
      await waitFor(
        () => reminderOf(leaves),
        (rows) => rows.length === 1,
        { what: 'the reminder written' },
      );
      await n.publish(registrationCancelled(session, leaves));
      await waitFor(
        () => reminderOf(leaves),
        (rows) => rows[0].status === 'cancelled',
        { what: 'the written reminder cancelled' },
      );
      expect(Date.now()).toBeLessThan(dueAt); // else this run did not test the lead
      await waitFor(
        () => reminderOf(stays),
        (rows) => rows[0]?.status === 'sent',
        {
          what: 'the other reminder sent',
          timeoutMs: 40_000,
        },
      );
      expect(remindersTo(leaves)).toEqual([]);
      expect(await reminderOf(leaves)).toEqual([{ status: 'cancelled' }]);
    });
    it('a participant confirmed after the session’s job fired still gets the reminder, by a job of their own, once', async () => {
      const dueAt = Date.now() + 9_000; // inside the lead: the session's job fires at once
      const session = newSession(tenantId, new Date(dueAt + 180 * 60_000));
      const [early, late] = [person('Tot'), person('Tard')];
      const reminderOf = (who: { registrationId: string }) =>
        n.db.query(`SELECT status FROM delivery WHERE template = 'reminder' AND registration_id = $1`, [
          who.registrationId,
        ]);
      await n.publish(sessionPublished(session), registrationConfirmed(session, early));
      await waitFor(
        () => reminderOf(early),
        (rows) => rows.length === 1,
        { what: 'the session’s job to write the first reminder' },
      );
      await n.publish(registrationConfirmed(session, late));
      for (const who of [early, late])
        await waitFor(
          () => reminderOf(who),
          (rows) => rows[0]?.status === 'sent',
          { what: 'both reminders sent', timeoutMs: 40_000 },
        );
      const own = await scheduled.getJob(
        lateReminderJobId(tenantId, session.sessionId, late.registrationId, 180, session.startsAt),
      );
      expect(own?.data).toMatchObject({ registrationIds: [late.registrationId], offsetMinutes: 180 });
      await sleep(1000);
      for (const who of [early, late]) {
        expect(await reminderOf(who)).toEqual([{ status: 'sent' }]);
        expect(remindersTo(who)).toHaveLength(1);
      }
    });
  });

  describe('templates', () => {
    it('serves the French default with the variables it may use, to coordinators only', async () => {
      const coordinator = await n.service.token(Role.Coordinator, tenantId);
      const template = await n.service.request('GET', '/v1/templates/registration-confirmed', {
        token: coordinator,
      });
      expect(template.status).toBe(200);
      expect(template.body).toMatchObject({ key: 'registration-confirmed', overridden: false });
      expect(template.body.variables).toEqual(
        expect.arrayContaining(['participant.firstName', 'session.title', 'links.cancel']),
      );
      expect((await n.service.request('GET', '/v1/templates/registration-confirmed')).status).toBe(401);
      const facilitator = await n.service.token(Role.Facilitator, tenantId, uuidv7());
      expect(
        (await n.service.request('GET', '/v1/templates/registration-confirmed', { token: facilitator }))
          .status,
      ).toBe(403);
      expect((await n.service.request('GET', '/v1/templates/nope', { token: coordinator })).status).toBe(404);
    });

    it('refuses a template that does not compile or uses an unknown variable, with the line and the reason', async () => {
      const coordinator = await n.service.token(Role.Coordinator, tenantId);
      const refused = await n.service.request('PUT', '/v1/templates/reminder', {
        token: coordinator,
        body: {
          subject: 'Rappel {{session.title}}',
          html: '<p>Bonjour</p>\n<p>{{participant.lastName}}</p>',
          text: 'a\n{{#if session.title}}\nb',
        },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('template-invalid');
      expect(refused.body.details.problems).toEqual([
        { part: 'html', line: 2, column: 6, reason: "variable inconnue 'participant.lastName'" },
        { part: 'text', line: 3, column: null, reason: expect.stringMatching(/^ne compile pas/) },
      ]);
      const unsafe = await n.service.request('PUT', '/v1/templates/reminder', {
        token: coordinator,
        body: { subject: 'x', html: '{{{session.title}}}{{lookup session "title"}}{{> p}}', text: 'x' },
      });
      expect(unsafe.body.details.problems.map((p: { reason: string }) => p.reason)).toEqual([
        expect.stringMatching(/sortie non échappée/),
        "le helper 'lookup' n'est pas autorisé",
        'les partials ne sont pas autorisés',
      ]);
      const missing = await n.service.request('PUT', '/v1/templates/reminder', {
        token: coordinator,
        body: { subject: 'x' },
      });
      expect(missing.status).toBe(400);
      expect(missing.body.fields.map((f: { path: string }) => f.path)).toEqual(['html', 'text']);
    });

    it("uses a tenant's own wording for its next messages, and only for that tenant", async () => {
      const coordinator = await n.service.token(Role.Coordinator, tenantId);
      const saved = await n.service.request('PUT', '/v1/templates/offer-made', {
        token: coordinator,
        body: {
          subject: 'Une place pour vous, {{participant.firstName}} !',
          html: '<p>{{participant.firstName}}, acceptez avant le {{offer.expiresDate}} : <a href="{{links.accept}}">oui</a></p>',
          text: '{{participant.firstName}}, acceptez : {{links.accept}}',
        },
      });
      expect(saved.status).toBe(200);
      const preview = await n.service.request('POST', '/v1/templates/offer-made/preview', {
        token: coordinator,
        body: {},
      });
      expect(preview.body.subject).toBe('Une place pour vous, Claire !');
      expect(preview.body.html).toContain('0805 23 23 36');
      const draft = await n.service.request('POST', '/v1/templates/offer-made/preview', {
        token: coordinator,
        body: { subject: 'Brouillon {{session.title}}' },
      });
      expect(draft.body.subject).toBe('Brouillon Pilates & respiration');

      const other = await n.service.token(Role.Coordinator, uuidv7());
      expect(
        (await n.service.request('GET', '/v1/templates/offer-made', { token: other })).body.overridden,
      ).toBe(false);

      const who = person('Tom<b>');
      await n.publish(
        registrationOffered(
          newSession(tenantId, parisTime('2027-06-03', '18:30')),
          who,
          parisTime('2027-06-02', '10:00'),
        ),
      );
      const [mail] = await waitForMails(who, 1);
      expect(mail.subject).toBe('Une place pour vous, Tom<b> !');
      expect(mail.html).toContain('Tom&lt;b&gt;, acceptez avant le mercredi 2 juin 2027');
      expect(mail.html).toContain('0805 23 23 36'); // the shared layout stays around the tenant's wording
    });
  });

  describe('delivery log', () => {
    it('lists deliveries newest first, paginated, recipients masked, per tenant', async () => {
      const coordinator = await n.service.token(Role.Coordinator, tenantId);
      const first = await n.service.request('GET', '/v1/deliveries?limit=2', { token: coordinator });
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      const second = await n.service.request(
        'GET',
        `/v1/deliveries?limit=2&cursor=${first.body.nextCursor}`,
        {
          token: coordinator,
        },
      );
      expect(second.body.items[0].id < first.body.items[1].id).toBe(true);
      const all = await n.service.request('GET', '/v1/deliveries?limit=200', { token: coordinator });
      for (const item of all.body.items) expect(item.recipient).toMatch(/^\w\*\*\*@example\.org$/);
      expect(JSON.stringify(all.body)).not.toMatch(/[a-z]{2,}\.[0-9a-f]{12}@example\.org/);
      const failed = await n.service.request('GET', '/v1/deliveries?status=failed', { token: coordinator });
      expect(failed.body.items.map((i: { status: string }) => i.status)).toEqual(['failed']);
      const other = await n.service.token(Role.Coordinator, uuidv7());
      expect((await n.service.request('GET', '/v1/deliveries', { token: other })).body.items).toEqual([]);
      expect((await n.service.request('GET', '/v1/deliveries?limit=0', { token: coordinator })).status).toBe(
        400,
      );
    });
  });

  describe('participant erased', () => {
    it('keeps no address, name or link of theirs, and reminds them of nothing', async () => {
      const session = newSession(tenantId, parisTime('2027-07-01', '18:30'));
      const who = person('Effacee');
      await n.publish(registrationConfirmed(session, who));
      await waitForMails(who, 1);
      const job = await waitFor(
        () => scheduled.getJob(reminderJobId(tenantId, session.sessionId, 2880, session.startsAt)),
        Boolean,
        { what: 'the reminder planned' },
      );
      await n.publish(
        createEvent(
          PARTICIPANT_ERASED_V1,
          { participantId: who.participantId },
          { tenantId, source: 'registration', subject: who.participantId },
        ),
      );
      const [row] = await waitFor(
        () =>
          n.db.query(
            `SELECT recipient, recipient_masked, recipient_name, context FROM delivery WHERE participant_id = $1`,
            [who.participantId],
          ),
        (rows) => rows[0]?.recipient.startsWith('erased:'),
        { what: 'the delivery log to forget the address' },
      );
      expect(row).toMatchObject({ recipient_masked: '***', recipient_name: null, context: {} });
      const [registration] = await n.db.query(
        `SELECT email, first_name, links FROM registration WHERE id = $1`,
        [who.registrationId],
      );
      expect(registration).toEqual({ email: null, first_name: null, links: {} });
      // The session's job, when it fires, finds nobody to remind.
      expect(await n.service.app.get(SendReminderUseCase).execute(job!.data as ReminderJob)).toMatchObject({
        recorded: 0,
      });
      expect(
        await n.db.query(`SELECT id FROM delivery WHERE template = 'reminder' AND participant_id = $1`, [
          who.participantId,
        ]),
      ).toEqual([]);
    });
  });

  describe('metrics', () => {
    it('counts send attempts by template and outcome', async () => {
      const metrics = await n.service.request('GET', '/metrics');
      expect(metrics.body).toMatch(
        /respire_notifications_send_attempts_total\{[^}]*template="registration-confirmed"[^}]*outcome="sent"[^}]*\} \d+/,
      );
      expect(metrics.body).toMatch(
        /respire_notifications_send_attempts_total\{[^}]*outcome="retry"[^}]*\} 1/,
      );
    });
  });

  describe('Redis losing its data', () => {
    it('the reconciler restores every future reminder', async () => {
      const sessions = [
        newSession(tenantId, parisTime('2027-09-09', '18:30')),
        newSession(tenantId, parisTime('2027-09-16', '12:15')),
      ];
      const people = Array.from({ length: 6 }, (_, i) => person(`R${i}`));
      await n.publish(...people.map((who, i) => registrationConfirmed(sessions[i % 2], who)));
      await Promise.all(people.map((who) => waitForMails(who, 1)));
      const expected = (await n.db.query(
        `SELECT DISTINCT s.id, s.starts_at FROM registration r JOIN session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
          WHERE r.id = ANY($1::uuid[])`,
        [people.map((who) => who.registrationId)],
      )) as { id: string; starts_at: Date }[];
      // One job per session and offset for the six participants.
      const ids = expected.flatMap((s) =>
        [2880, 180].map((offset) => ({
          id: reminderJobId(tenantId, s.id, offset, new Date(s.starts_at)),
          fireAt: new Date(s.starts_at).getTime() - offset * 60_000 - reminderLeadMs(),
        })),
      );
      expect(ids).toHaveLength(4);
      await waitFor(
        () => Promise.all(ids.map((j) => scheduled.getJob(j.id))),
        (jobs) => jobs.every(Boolean),
        { what: 'every reminder planned' },
      );

      // The reconciler may run at any moment, even between the deletion and a read: what proves
      // the restoration is that every job found afterwards was created after the keys were gone.
      const deletedAt = Date.now();
      await deleteRedisKeys(n.service.redisPrefix); // only this service's keys

      const restored = await waitFor(
        () => Promise.all(ids.map((j) => scheduled.getJob(j.id))),
        (jobs) => jobs.every(Boolean),
        {
          what: 'the reconciler to restore every reminder',
          timeoutMs: 20_000,
        },
      );
      restored.forEach((job, i) => {
        expect(job!.timestamp).toBeGreaterThanOrEqual(deletedAt);
        expect(job!.timestamp + job!.opts.delay!).toBeCloseTo(ids[i].fireAt, -4);
      });
    });
  });
});
