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
 *  2. Time to schedule 100,000 reminders: 50,000 confirmed registrations of 100 sessions in the
 *     database, two offsets each, planned by the reconciler (one job per session and offset since
 *     reminders are per session; it reports the jobs and the reminders they cover).
 *  3. 1,000 reminders due in the same second: when the jobs start (NOTIFICATIONS_REMINDER_LEAD_SECONDS
 *     ahead of it) and how late the mails are accepted, after that second. Baselines: the same
 *     number of mails of the same bytes sent at once over as many connections by a bare pipelining
 *     client on node:net (the physical floor: SMTP alone, two round trips a mail), and handed at
 *     once to a bare nodemailer pool (four round trips a mail), raw and composed.
 *
 *   npm run bench:notifications          (EVENTS=400 RATE=20 SCHEDULE=50000 DUE=1000 to change it;
 *                                         PARTS=3 runs part 3 only, PARTS=1,3 two of them;
 *                                         NOTIFICATIONS_SEND_CONCURRENCY=96 NOTIFICATIONS_SMTP_CONNECTIONS=48 set the
 *                                         worker's sends and its SMTP pool; the bare baselines use as many connections;
 *                                         NOTIFICATIONS_REMINDER_LEAD_SECONDS=0 fires reminder jobs at their time)
 */
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
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
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { loadavg } from 'node:os';
import { startTestService } from '@respire/testing';
import { TENANT_SETTINGS_EXAMPLE } from '@respire/contracts/events/catalog/tenant-settings';
import { notificationsEnvSchema } from '../apps/notifications/src/config/env.schema';
import { NOTIFICATIONS_MIGRATIONS } from '../apps/notifications/src/infrastructure/migrations';
import { NotificationQueue } from '../apps/notifications/src/infrastructure/queues';
import { NotificationsModule } from '../apps/notifications/src/notifications.module';
import { ReminderScheduler } from '../apps/notifications/src/reminders/reminder-scheduler';
import { sendPipelined } from './support/bare-smtp';
import { startSmtpSink } from './support/smtp-sink';

const EVENTS = Number(process.env.EVENTS ?? 400);
const RATE = Number(process.env.RATE ?? 20);
const SCHEDULE = Number(process.env.SCHEDULE ?? 50_000); // registrations; two reminders each
const DUE = Number(process.env.DUE ?? 1000);
const PARTS = new Set((process.env.PARTS ?? '1,2,3').split(',').map(Number));
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

interface Sample {
  raw: string;
  subject: string;
  html: string | undefined;
  text: string | undefined;
  calendar: { method: string; content: string } | null;
}

/** What the bare paths send: the service's message as received (raw), and its parts. */
async function sampleOf(raw: string): Promise<Sample> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const ics = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return {
    raw,
    subject: parsed.subject ?? '',
    html: parsed.html || undefined,
    text: parsed.text,
    calendar: ics ? { method: 'REQUEST', content: ics.content.toString('utf8') } : null,
  };
}

/** The very bytes of `sample` to `to`: SMTP alone, nothing composed. */
function rawLike(sample: Sample, to: string) {
  return { envelope: { from: 'ne-pas-repondre@respire.example.org', to: [to] }, raw: sample.raw };
}

/** A mail shaped like `sample` (same parts and sizes) to `to`, composed by nodemailer. */
function likeSample(sample: Sample, to: string, i: number, calendar = true) {
  return {
    from: 'ne-pas-repondre@respire.example.org',
    to,
    subject: sample.subject,
    html: sample.html,
    text: sample.text,
    messageId: `<bare-${i}-${uuidv7()}@respire.example.org>`,
    icalEvent:
      calendar && sample.calendar
        ? { method: sample.calendar.method, filename: 'invitation.ics', content: sample.calendar.content }
        : undefined,
  };
}

function ratio(value: number, baseline: number): string {
  return `${(value / baseline).toFixed(2)}×`;
}

/**
 * Where a message's time went, from its delivery row: on Kafka until the consumer's transaction
 * began (the row's created_at is that transaction's start), then queued, claimed, rendered and sent
 * until the SMTP server accepted it, then until the worker recorded it (sent_at).
 */
async function stages(
  db: DataSource,
  tenantId: string,
  startOf: (recipient: string) => number | undefined,
  acceptedOf: (recipient: string) => number | undefined,
) {
  const rows: { recipient: string; created: number; sent: number }[] = await db.query(
    `SELECT recipient, extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM sent_at) * 1000 AS sent
       FROM delivery WHERE tenant_id = $1 AND sent_at IS NOT NULL`,
    [tenantId],
  );
  const recorded: number[] = [];
  const toSmtp: number[] = [];
  const toMark: number[] = [];
  for (const row of rows) {
    const start = startOf(row.recipient);
    const accepted = acceptedOf(row.recipient);
    if (start === undefined || accepted === undefined) continue;
    recorded.push(Number(row.created) - start);
    toSmtp.push(accepted - Number(row.created));
    toMark.push(Number(row.sent) - accepted);
  }
  return {
    'until the delivery row was written (its transaction began)': summary(recorded),
    'then until the SMTP server accepted it': summary(toSmtp),
    'then until sent was recorded': summary(toMark),
  };
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
  const load = { atStart: loadavg().map((v) => Math.round(v * 10) / 10) };
  const smtp = await startSmtpSink({ port: Number(process.env.SMTP_SINK_PORT ?? 0) });
  const service = await startTestService({
    service: 'notifications',
    env: notificationsEnvSchema,
    module: NotificationsModule.forRoot,
    migrations: NOTIFICATIONS_MIGRATIONS,
    extraEnv: {
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'error',
      NOTIFICATIONS_RECONCILE_INTERVAL_SECONDS: '3600',
      ...Object.fromEntries(
        [
          'NOTIFICATIONS_SEND_CONCURRENCY',
          'NOTIFICATIONS_SMTP_CONNECTIONS',
          'NOTIFICATIONS_REMINDER_LEAD_SECONDS',
        ].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])),
      ),
    },
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
    const connections = service.config.NOTIFICATIONS_SMTP_CONNECTIONS;
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
    const warmed = smtp.next((to) => to === warmUp);
    await publish(confirmation(warmUp, -1));
    const sample = await sampleOf((await warmed).raw!);

    if (PARTS.has(1)) {
      const sent = new Map<string, number>();
      const latencies: number[] = [];
      const bareLatencies: number[] = [];
      const rawConsume: number[] = [];
      const accepted = new Map<string, number>();
      const stop = smtp.onMessage((mail) => {
        const bare = mail.to.startsWith('bare-');
        const at = sent.get(bare ? mail.to.slice(5) : mail.to);
        if (at === undefined) return;
        (bare ? bareLatencies : latencies).push(mail.at - at);
        if (!bare) accepted.set(mail.to, mail.at);
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
          rawConsume.push(Date.now() - at);
          void bare.sendMail(rawLike(sample, `bare-${email}`));
        },
      });
      const start = performance.now();
      for (let i = 0; i < EVENTS; i++) {
        const wait = start + (i * 1000) / RATE - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const email = `p${i}.${uuidv7().slice(-12)}@example.org`;
        const event = confirmation(email, i);
        sent.set(email, Date.now());
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
        'baseline: bare consumer + bare SMTP client sending the same bytes, same events': bare1,
        'baseline: raw Kafka consume only': summary(rawConsume),
        'p99 vs baseline': ratio(service1.p99, bare1.p99),
        'where the time goes': await stages(
          db,
          tenantId,
          (recipient) => sent.get(recipient),
          (recipient) => accepted.get(recipient),
        ),
      };
    }

    // 2. Scheduling reminders: SCHEDULE confirmed registrations, two offsets each.
    const scheduler = service.app.get(ReminderScheduler);
    const queue = service.app.get<Queue>(getQueueToken(NotificationQueue.Scheduled));
    if (PARTS.has(2)) {
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
      // Each reminder job reminds its session's participants: the reminders it stands for.
      const perSession = new Map<string, number>(
        (
          (await db.query(
            `SELECT session_id, count(*)::int AS n FROM registration WHERE tenant_id = $1 AND status = 'confirmed' GROUP BY session_id`,
            [bulkTenant],
          )) as { session_id: string; n: number }[]
        ).map((row) => [row.session_id, row.n]),
      );
      const covered = (await queue.getJobs(['delayed'], 0, -1))
        .filter((job) => job.name === 'reminder' && job.data.tenantId === bulkTenant)
        .reduce((sum, job) => {
          const { sessionId, registrationIds } = job.data as {
            sessionId: string;
            registrationIds?: string[];
          };
          return sum + (registrationIds?.length ?? perSession.get(sessionId) ?? 0);
        }, 0);
      results['2. schedule reminders from the database'] = {
        'reminders the jobs cover (participant × offset)': covered,
        'jobs added': added,
        seconds: Math.round(seconds * 10) / 10,
        'reminders per second': Math.round(covered / seconds),
        'second pass (all present) seconds': Math.round(again * 10) / 10,
        'jobs asked': asked,
      };
      await queue.obliterate({ force: true }); // free Redis before part 3
    }

    if (PARTS.has(3)) {
      // 3. Baselines: DUE mails handed at once to a bare pool of the same size — the sample's bytes
      // (SMTP alone), then mails of the same parts composed by nodemailer (SMTP + MIME encoding).
      const handedAtOnce = async (
        mail: (i: number) => Parameters<ReturnType<typeof bareTransport>['sendMail']>[0],
      ) => {
        const pool = bareTransport(smtp.url, connections);
        const accepted: number[] = [];
        const begin = performance.now();
        await Promise.all(
          Array.from({ length: DUE }, (_, i) =>
            pool.sendMail(mail(i)).then(() => accepted.push(performance.now() - begin)),
          ),
        );
        pool.close();
        return summary(accepted);
      };
      const floor3 = summary(
        await sendPipelined(
          smtp.url,
          connections,
          Array.from({ length: DUE }, (_, i) => ({
            from: 'ne-pas-repondre@respire.example.org',
            to: `bare-due${i}@example.org`,
            raw: sample.raw,
          })),
        ),
      );
      const bareRaw3 = await handedAtOnce((i) => rawLike(sample, `bare-due${i}@example.org`));
      const bareComposed3 = await handedAtOnce((i) =>
        likeSample(sample, `bare-due${i}@example.org`, i, false),
      );

      // 3. DUE reminders due in the same second.
      const dueTenant = uuidv7();
      // A whole second, 15 s after the reminder jobs fire (NOTIFICATIONS_REMINDER_LEAD_SECONDS before it).
      const lead = service.config.NOTIFICATIONS_REMINDER_LEAD_SECONDS * 1000;
      const dueAt = new Date(Math.ceil((Date.now() + 15_000 + lead) / 1000) * 1000);
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
      const dueAccepted = new Map<string, number>();
      const stopDue = smtp.onMessage((mail) => {
        if (!mail.to.startsWith('due')) return;
        reminderMails.push(mail.at - dueAt.getTime());
        dueAccepted.set(mail.to, mail.at);
      });
      await scheduler.reconcileTenant(dueTenant);
      await waitUntil(() => reminderMails.length >= DUE, 180_000);
      stopDue();
      const jobs = await queue.getJobs(['completed'], 0, DUE + 10);
      const jobLateness = jobs
        .filter((j) => j.name === 'reminder' && j.processedOn)
        .map((j) => j.processedOn! - dueAt.getTime());
      const mails3 = summary(reminderMails);
      results[`3. ${DUE} reminders due in the same second: lateness after that second (ms)`] = {
        [`job started (they fire ${service.config.NOTIFICATIONS_REMINDER_LEAD_SECONDS} s ahead)`]:
          summary(jobLateness),
        'mail accepted by SMTP': mails3,
        'where the time goes (after the due second)': await stages(
          db,
          dueTenant,
          () => dueAt.getTime(),
          (recipient) => dueAccepted.get(recipient),
        ),
        [`floor: ${DUE} mails (same bytes) by a bare pipelining client, ${connections} connections (ms)`]:
          floor3,
        [`baseline: ${DUE} bare mails (raw bytes) handed at once to nodemailer, accepted after (ms)`]:
          bareRaw3,
        [`baseline: ${DUE} bare mails composed by nodemailer, handed at once (ms)`]: bareComposed3,
        'p99 vs floor (pipelined)': ratio(mails3.p99, floor3.p99),
        'p99 vs raw baseline': ratio(mails3.p99, bareRaw3.p99),
        'p99 vs composed baseline': ratio(mails3.p99, bareComposed3.p99),
      };
    }
  } finally {
    await producer.close();
    await service.close();
    await smtp.close();
  }
  results['load average (1, 5, 15 min)'] = { ...load, atEnd: loadavg().map((v) => Math.round(v * 10) / 10) };
  results['settings'] = {
    parts: [...PARTS],
    sendConcurrency: service.config.NOTIFICATIONS_SEND_CONCURRENCY,
    smtpConnections: service.config.NOTIFICATIONS_SMTP_CONNECTIONS,
    reminderLeadSeconds: service.config.NOTIFICATIONS_REMINDER_LEAD_SECONDS,
  };
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
