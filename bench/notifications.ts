/**
 * Notifications, on real Kafka, PostgreSQL, Redis and SMTP (the test SMTP server, in this process),
 * each figure printed beside a baseline measured in the same run, on the same machine:
 *
 *  1. Latency from a registration.confirmed landing on Kafka to its confirmation (with .ics)
 *     accepted by the SMTP server, at a steady rate (EVENTS at RATE per second): p50, p99, max.
 *     Baseline, at the same time on the same events: a bare consumer (TopicReader, own group)
 *     that sends a mail of the same size with a bare nodemailer pool to the same SMTP server —
 *     Kafka + SMTP with no database, no queue, no rendering. Add the outbox relay's
 *     commit→Kafka latency (npm run bench:relay) for "registration committed → mail accepted".
 *  2. Time to schedule 100,000 reminders: 50,000 confirmed registrations in the database, two
 *     offsets each, planned by the reconciler (database pages + BullMQ addBulk).
 *  3. 1,000 reminders due in the same second: how late the jobs start and how late the mails are
 *     accepted, after that second. Baseline: the same number of mails of the same size handed at
 *     once to a bare nodemailer pool of the same size (the time the SMTP server alone needs).
 *
 *   npm run bench:notifications          (EVENTS=400 RATE=20 SCHEDULE=50000 DUE=1000 to change it)
 */
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import {
  createEvent,
  eventRegistry,
  EventDefinition,
  REGISTRATION_CONFIRMED_V1,
  TENANT_CREATED_V1,
} from '@respire/contracts';
import { MessageProducer, TopicReader } from '@respire/messaging';
import nodemailer from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { startTestService } from '@respire/testing';
import { ReceivedMail, startSmtpServer } from '@respire/testing/smtp';
import { TENANT_SETTINGS_EXAMPLE } from '@respire/contracts/events/catalog/tenant-settings';
import { notificationsEnvSchema } from '../apps/notifications/src/config/env.schema';
import { NOTIFICATIONS_MIGRATIONS } from '../apps/notifications/src/infrastructure/migrations';
import { NotificationQueue } from '../apps/notifications/src/infrastructure/queues';
import { NotificationsModule } from '../apps/notifications/src/notifications.module';
import { ReminderScheduler } from '../apps/notifications/src/reminders/reminder-scheduler';

const EVENTS = Number(process.env.EVENTS ?? 400);
const RATE = Number(process.env.RATE ?? 20);
const SCHEDULE = Number(process.env.SCHEDULE ?? 50_000); // registrations; two reminders each
const DUE = Number(process.env.DUE ?? 1000);
const round = (v: number) => Math.round(v * 10) / 10;

const VENUE = {
  id: uuidv7(),
  name: 'Association Le Don du Souffle',
  address: '2 rue de l’Exemple, 25000 Besançon',
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]),
  };
}

/** A bare nodemailer pool to the same SMTP server, as many connections as the service's. */
function bareTransport(url: string, connections: number) {
  const { hostname, port } = new URL(url);
  return nodemailer.createTransport({
    pool: true,
    host: hostname,
    port: Number(port),
    secure: false,
    ignoreTLS: true,
    maxConnections: connections,
    maxMessages: Infinity,
  } as SMTPPool.Options);
}

/** A mail shaped like `sample` (same parts and sizes) to `to`. */
function likeSample(sample: ReceivedMail, to: string, i: number) {
  return {
    from: 'ne-pas-repondre@respire.example.org',
    to,
    subject: sample.subject,
    html: sample.html,
    text: sample.text,
    messageId: `<bare-${i}-${uuidv7()}@respire.example.org>`,
    icalEvent: sample.calendars[0]
      ? {
          method: sample.calendars[0].method ?? 'REQUEST',
          filename: 'invitation.ics',
          content: sample.calendars[0].content,
        }
      : undefined,
  };
}

function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}×`;
}

async function waitUntil(
  done: () => boolean | Promise<boolean>,
  timeoutMs = 120_000,
  progress: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out ${progress()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function main(): Promise<void> {
  const smtp = await startSmtpServer();
  const service = await startTestService({
    service: 'notifications',
    env: notificationsEnvSchema,
    module: NotificationsModule.forRoot,
    migrations: NOTIFICATIONS_MIGRATIONS,
    extraEnv: { SMTP_URL: smtp.url, LOG_LEVEL: 'error', NOTIFICATIONS_RECONCILE_INTERVAL_SECONDS: '3600' },
  });
  const db = await service.db.dataSource('owner');
  const producer = new MessageProducer(service.kafka.settings);
  const publish = async (event: ReturnType<typeof createEvent>) => {
    const definition = eventRegistry.find(event.type, event.version) as EventDefinition;
    await producer.send([
      {
        topic: `${service.kafka.prefix}${definition.topic}`,
        key: definition.partitionKey(event.data, event.tenantId),
        value: JSON.stringify(event),
      },
    ]);
  };
  const tenantId = uuidv7();
  const results: Record<string, unknown> = {};
  try {
    await publish(
      createEvent(
        TENANT_CREATED_V1,
        { tenantId, slug: 'bench', ...TENANT_SETTINGS_EXAMPLE, reminderOffsetsMinutes: [2880, 180] },
        {
          tenantId,
          source: 'bench',
          subject: tenantId,
        },
      ),
    );

    // 1. Kafka → SMTP accepted, at a steady rate; the bare path reads the same events at the same time.
    const connections = service.config.NOTIFICATIONS_SEND_CONCURRENCY;
    const sessionId = uuidv7();
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const confirmation = (email: string, i: number) => {
      const registrationId = uuidv7();
      return createEvent(
        REGISTRATION_CONFIRMED_V1,
        {
          registrationId,
          sessionId,
          participantId: uuidv7(),
          email,
          firstName: `P${i}`,
          profession: 'infirmier',
          practiceMode: 'liberal',
          department: '25',
          via: 'direct',
          session: {
            title: 'Pilates & respiration',
            confidential: false,
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
            timezone: 'Europe/Paris',
            venue: VENUE,
            sequence: 0,
          },
          links: { cancel: `https://respire.example.org/p/r/${registrationId}/cancel?t=x` },
        },
        { tenantId, source: 'bench', subject: registrationId },
      );
    };
    // Warm-up: the first confirmation joins the consumer group and gives the bare path its sample.
    const warmUp = `warmup.${uuidv7().slice(-12)}@example.org`;
    const warmed = smtp.waitFor((m) => m.envelope.to[0] === warmUp, { timeoutMs: 120_000 });
    await publish(confirmation(warmUp, -1));
    const [sample] = await warmed;

    const sent = new Map<string, number>();
    const latencies: number[] = [];
    const bareLatencies: number[] = [];
    const rawConsume: number[] = [];
    const stop = smtp.onMessage((mail) => {
      const to = mail.envelope.to[0];
      const bare = to.startsWith('bare-');
      const at = sent.get(bare ? to.slice(5) : to);
      if (at !== undefined) (bare ? bareLatencies : latencies).push(performance.now() - at);
    });
    const bare = bareTransport(smtp.url, connections);
    const reader = await TopicReader.start(service.kafka.settings, {
      topics: [`${service.kafka.prefix}${REGISTRATION_CONFIRMED_V1.topic}`],
      groupId: `${service.kafka.prefix}bench-bare`,
      from: 'latest',
      concurrency: 8,
      onMessage: (message) => {
        const email = (JSON.parse(message.value!) as { data: { email: string } }).data.email;
        const at = sent.get(email);
        if (at === undefined) return;
        rawConsume.push(performance.now() - at);
        void bare.sendMail(likeSample(sample, `bare-${email}`, rawConsume.length));
      },
    });
    const start = performance.now();
    for (let i = 0; i < EVENTS; i++) {
      const wait = start + (i * 1000) / RATE - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const email = `p${i}.${uuidv7().slice(-12)}@example.org`;
      const event = confirmation(email, i);
      sent.set(email, performance.now());
      await publish(event);
    }
    await waitUntil(
      () => latencies.length >= EVENTS && bareLatencies.length >= EVENTS,
      180_000,
      () =>
        `(service ${latencies.length}, bare ${bareLatencies.length}, consumed ${rawConsume.length} of ${EVENTS})`,
    );
    stop();
    await reader.close();
    bare.close();
    const service1 = summary(latencies);
    const bare1 = summary(bareLatencies);
    results['1. registration.confirmed on Kafka → confirmation accepted by SMTP (ms)'] = {
      rate: RATE,
      service: service1,
      'baseline: bare consumer + bare nodemailer, same events': bare1,
      'baseline: raw Kafka consume only': summary(rawConsume),
      'p99 vs baseline': ratio(service1.p99, bare1.p99),
    };

    // 2. Scheduling reminders: SCHEDULE confirmed registrations, two offsets each.
    const scheduler = service.app.get(ReminderScheduler);
    const queue = service.app.get<Queue>(getQueueToken(NotificationQueue.Scheduled));
    const bulkTenant = uuidv7();
    await db.query(
      `INSERT INTO tenant_directory (tenant_id, timezone, locale, reminder_offsets_minutes)
       VALUES ($1, 'Europe/Paris', 'fr', '{2880,180}')`,
      [bulkTenant],
    );
    await db.query(
      `INSERT INTO session (tenant_id, id, title, confidential, starts_at, ends_at, timezone, venue, sequence, status)
       SELECT $1, gen_random_uuid(), 'Atelier ' || g, false, now() + (10 + g) * interval '1 day',
              now() + (10 + g) * interval '1 day' + interval '1 hour', 'Europe/Paris', $2::jsonb, 0, 'published'
         FROM generate_series(1, 100) g`,
      [bulkTenant, JSON.stringify(VENUE)],
    );
    await db.query(
      `INSERT INTO registration (tenant_id, id, session_id, participant_id, email, first_name, status, reminders_from)
       SELECT $1, gen_random_uuid(), s.id, gen_random_uuid(), 'p' || g || '@example.org', 'P' || g, 'confirmed', now()
         FROM generate_series(1, $2::int) g
         JOIN LATERAL (SELECT id FROM session WHERE tenant_id = $1 ORDER BY id OFFSET (g % 100) LIMIT 1) s ON true`,
      [bulkTenant, SCHEDULE],
    );
    const before = await queue.getDelayedCount();
    const t0 = performance.now();
    const asked = await scheduler.reconcileTenant(bulkTenant);
    const seconds = (performance.now() - t0) / 1000;
    const added = (await queue.getDelayedCount()) - before;
    const t1 = performance.now();
    await scheduler.reconcileTenant(bulkTenant);
    const again = (performance.now() - t1) / 1000;
    results['2. schedule reminders from the database'] = {
      reminders: added,
      seconds: Math.round(seconds * 10) / 10,
      perSecond: Math.round(added / seconds),
      'second pass (all present) seconds': Math.round(again * 10) / 10,
      'jobs asked': asked,
    };
    await queue.obliterate({ force: true }); // free Redis before part 3

    // 3. Baseline: DUE mails shaped like a reminder, handed at once to a bare pool of the same size.
    const bareDue = bareTransport(smtp.url, connections);
    const bareAccepted: number[] = [];
    const bareStart = performance.now();
    await Promise.all(
      Array.from({ length: DUE }, (_, i) =>
        bareDue
          .sendMail({ ...likeSample(sample, `bare-due${i}@example.org`, i), icalEvent: undefined })
          .then(() => bareAccepted.push(performance.now() - bareStart)),
      ),
    );
    bareDue.close();

    // 3. DUE reminders due in the same second.
    const dueTenant = uuidv7();
    const dueAt = new Date(Math.ceil((Date.now() + 15_000) / 1000) * 1000); // a whole second, 15 s ahead
    const sessionStart = new Date(dueAt.getTime() + 180 * 60_000);
    await db.query(
      `INSERT INTO tenant_directory (tenant_id, timezone, locale, reminder_offsets_minutes)
       VALUES ($1, 'Europe/Paris', 'fr', '{180}')`,
      [dueTenant],
    );
    const [{ id: dueSession }] = await db.query(
      `INSERT INTO session (tenant_id, id, title, confidential, starts_at, ends_at, timezone, venue, sequence, status)
       VALUES ($1, gen_random_uuid(), 'Pilates & respiration', false, $2, $2::timestamptz + interval '1 hour', 'Europe/Paris', $3::jsonb, 0, 'published')
       RETURNING id`,
      [dueTenant, sessionStart, JSON.stringify(VENUE)],
    );
    await db.query(
      `INSERT INTO registration (tenant_id, id, session_id, participant_id, email, first_name, status, reminders_from)
       SELECT $1, gen_random_uuid(), $2, gen_random_uuid(), 'due' || g || '@example.org', 'D' || g, 'confirmed', now()
         FROM generate_series(1, $3::int) g`,
      [dueTenant, dueSession, DUE],
    );
    const reminderMails: number[] = [];
    const stopDue = smtp.onMessage((mail) => {
      if (mail.envelope.to[0]?.startsWith('due'))
        reminderMails.push(mail.receivedAt.getTime() - dueAt.getTime());
    });
    await scheduler.reconcileTenant(dueTenant);
    await waitUntil(() => reminderMails.length >= DUE, 180_000);
    stopDue();
    const jobs = await queue.getJobs(['completed'], 0, DUE + 10);
    const jobLateness = jobs
      .filter((j) => j.name === 'reminder' && j.processedOn)
      .map((j) => j.processedOn! - dueAt.getTime());
    const mails3 = summary(reminderMails);
    const bare3 = summary(bareAccepted);
    results[`3. ${DUE} reminders due in the same second: lateness after that second (ms)`] = {
      'job started': summary(jobLateness),
      'mail accepted by SMTP': mails3,
      [`baseline: ${DUE} bare mails handed at once, accepted after (ms)`]: bare3,
      'p99 vs baseline': ratio(mails3.p99, bare3.p99),
    };
  } finally {
    await producer.close();
    await service.close();
    await smtp.close();
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
