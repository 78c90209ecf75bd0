/**
 * Reporting at volume: projection throughput and report latency over 1,000,000 registrations
 * of one tenant among 50, on real PostgreSQL and Kafka.
 *
 * 1. Bulk load (not measured): the read models of generation 1 are filled with SQL
 *    (generate_series) — the big tenant's 1,000,000 registrations over 40,000 sessions, and
 *    49 smaller tenants — as the projection would have left them.
 * 2. Projection throughput: a slice of real events (sessions published, registrations
 *    confirmed, waitlisted, offered, cancelled, attended, feedback) is produced to Kafka and
 *    projected by the reporting consumer (inbox, validation, row-level security, batched upserts).
 *    Baselines, same run, same messages, same client, each timed from holding its partitions to
 *    its last event: the raw consume rate (read and parse every message, write nothing: the
 *    ceiling) and the former baseline, a bare consumer inserting each raw event into a plain
 *    table, one transaction per event.
 * 3. Report latency: every report through its use case (no HTTP) — the funder report (whole
 *    tenant, and one programme over one quarter), its CSV export, breakdowns by activity, month and
 *    participant profile, one session's report and the regional funder summary (the big tenant and
 *    REGION_TENANTS − 1 others) — p50 and p95 of RUNS runs (fewer when a case exceeds CASE_BUDGET_MS:
 *    at least 3). Baseline, same run: the tenant's rollup rows read directly with minimal SQL (a sum
 *    of every per-session count), in the same tenant transaction; `SELECT count(*)` of its
 *    registrations as a second line.
 *
 *   npm run bench:reporting        (REGISTRATIONS=1000000 TENANTS=50 SLICE_SESSIONS=300 RUNS=20, KEEP_DB=1,
 *                                   REPORTS=0 to stop after the projection)
 *   KEEP_DB=1 npm run bench:reporting, then REUSE_DB=<the database it names> npm run bench:reporting —
 *   the report latency again over the same data set, without loading it (or projecting) again.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { v7 as uuidv7 } from 'uuid';
import { ALL_TOPICS, eventRegistry } from '@respire/contracts';
import { EventConsumer, KafkaAdmin, MessageProducer, prefixed, TopicReader } from '@respire/messaging';
import { runInTenantTransaction } from '@respire/tenancy';
import { createTestDatabase, createTestKafka, testInfrastructure } from '@respire/testing';
import { Clock, systemClock } from '@respire/platform';
import { REPORTING_MIGRATIONS } from '../apps/reporting/src/infrastructure/migrations';
import { fillRollups } from '../apps/reporting/src/read-models/infrastructure/rollup-backfill';
import { consumerLag } from '../apps/reporting/src/read-models/infrastructure/consumer-lag';
import { GenerationRepository } from '../apps/reporting/src/read-models/infrastructure/generation.repository';
import { ReadModelGeneration } from '../apps/reporting/src/read-models/infrastructure/read-model-generation';
import {
  PROJECTION_BATCH_SIZE,
  ReadModelProjector,
} from '../apps/reporting/src/read-models/projections/read-model.projector';
import { ReportRepository } from '../apps/reporting/src/reports/infrastructure/report.repository';
import { GetBreakdownReportUseCase } from '../apps/reporting/src/reports/use-cases/get-breakdown-report/get-breakdown-report.use-case';
import { GetFunderSummaryUseCase } from '../apps/reporting/src/reports/use-cases/get-funder-summary/get-funder-summary.use-case';
import { PaymentTotalsRepository } from '../apps/reporting/src/payments/infrastructure/payment-totals.repository';
import { GetSessionReportUseCase } from '../apps/reporting/src/reports/use-cases/get-session-report/get-session-report.use-case';
import { ExportFunderReportUseCase } from '../apps/reporting/src/reports/use-cases/export-funder-report/export-funder-report.use-case';
import { GetParticipantsReportUseCase } from '../apps/reporting/src/reports/use-cases/get-participants-report/get-participants-report.use-case';
import { GetRegionalSummaryUseCase } from '../apps/reporting/src/reports/use-cases/get-regional-summary/get-regional-summary.use-case';
import { RegionalReportRepository } from '../apps/reporting/src/reports/infrastructure/regional-report.repository';
import { TenantDirectoryRepository } from '../apps/reporting/src/tenants/infrastructure/tenant-directory.repository';
import { TENANT_DIRECTORY } from '../apps/reporting/src/tenants/infrastructure/tenant-directory.names';
import { SESSION_COUNTS_COLUMNS } from '../apps/reporting/src/read-models/infrastructure/rollup-backfill';
import { History } from '../apps/reporting/test/scripted-history';

const REGISTRATIONS = Number(process.env.REGISTRATIONS ?? 1_000_000);
const TENANTS = Number(process.env.TENANTS ?? 50);
const SLICE_SESSIONS = Number(process.env.SLICE_SESSIONS ?? 300);
const RUNS = Number(process.env.RUNS ?? 20);
const CASE_BUDGET_MS = Number(process.env.CASE_BUDGET_MS ?? 60_000);
const REGION_TENANTS = Number(process.env.REGION_TENANTS ?? 10);
const REGION = 'bourgogne-franche-comte';
const PER_SESSION = 25; // 20 seats and 5 on the waitlist
const OTHER_TENANT_REGISTRATIONS = 5_000;

const g = new ReadModelGeneration(1);
const t = g.t;

/** The value `q` (0–1) of the way up the sorted samples (nearest rank). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/**
 * One tenant's read models, in SQL: `registrations` registrations over sessions of 25 (20 seats,
 * 5 waitlisted), 60 activities (1 in 10 confidential) in 8 categories and 4 programmes,
 * 10 venues, two years of sessions, 20,000 participants, feedback from a third of attendees.
 */
async function loadTenant(owner: DataSource, tenantId: string, registrations: number): Promise<void> {
  const sessions = Math.ceil(registrations / PER_SESSION);
  const participants = Math.min(20_000, Math.max(50, Math.floor(registrations / 50)));
  const k = (kind: string) => `md5($1::uuid::text || '${kind}' || g)::uuid`; // deterministic ids per tenant
  await owner.query(
    `INSERT INTO ${t.tenant} (tenant_id, slug, name, timezone) VALUES ($1, $2, $3, 'Europe/Paris')`,
    [tenantId, `cpts-${tenantId.slice(-8)}`, `CPTS ${tenantId.slice(-4)}`],
  );
  await owner.query(
    `INSERT INTO ${t.programme} (tenant_id, programme_id, title, starts_on, ends_on, funder)
     SELECT $1, ${k('prog')}, 'Programme ' || g, '2025-01-01', '2026-12-31', 'ARS' FROM generate_series(0, 3) g`,
    [tenantId],
  );
  await owner.query(
    `INSERT INTO ${t.activity} (tenant_id, activity_id, programme_id, title, category, confidential)
     SELECT $1, ${k('act')}, md5($1::uuid::text || 'prog' || (g % 4))::uuid, 'Atelier ' || g, 'Catégorie ' || (g % 8), g % 10 = 0
       FROM generate_series(0, 59) g`,
    [tenantId],
  );
  await owner.query(
    `INSERT INTO ${t.venue} (tenant_id, venue_id, name, seen_at) SELECT $1, ${k('venue')}, 'Lieu ' || g, now() FROM generate_series(0, 9) g`,
    [tenantId],
  );
  await owner.query(
    `INSERT INTO ${t.session} (tenant_id, session_id, status, activity_id, programme_id, title, category, confidential,
       starts_at, ends_at, timezone, local_date, local_month, venue_id, capacity, sequence, published_at)
     SELECT $1, ${k('session')}, CASE WHEN g % 97 = 0 THEN 'cancelled' ELSE 'published' END,
            md5($1::uuid::text || 'act' || (g % 60))::uuid, NULL, 'Atelier ' || (g % 60), 'Catégorie ' || ((g % 60) % 8), (g % 60) % 10 = 0,
            starts, starts + interval '1 hour', 'Europe/Paris', (starts AT TIME ZONE 'Europe/Paris')::date,
            to_char(starts AT TIME ZONE 'Europe/Paris', 'YYYY-MM'), md5($1::uuid::text || 'venue' || (g % 10))::uuid, 20, 0, starts - interval '30 days'
       FROM generate_series(0, $2::int - 1) g,
            LATERAL (SELECT timestamptz '2025-01-06 17:30+00' + (g % 700) * interval '1 day' + (g / 700 % 3) * interval '1 hour' AS starts) s`,
    [tenantId, sessions],
  );
  await owner.query(
    `INSERT INTO ${t.participant} (tenant_id, participant_key, participant_id, profession, practice_mode, department, profile_at)
     SELECT $1, sha256(convert_to(id::text, 'UTF8')), id,
            (ARRAY['medecin','infirmier','kinesitherapeute','psychologue','sage-femme','pharmacien','orthophoniste','autre'])[1 + g % 8],
            (ARRAY['liberal','salarie','mixte','etudiant'])[1 + g % 4], lpad((1 + g % 95)::text, 2, '0'), now()
       FROM generate_series(0, $2::int - 1) g, LATERAL (SELECT ${k('participant')} AS id) p`,
    [tenantId, participants],
  );
  // slot < 20: a seat (attended 80 %, no-show 10 %, cancelled 10 %); slot ≥ 20: the waitlist
  // (offered then confirmed and attended, expired, declined, or still waiting).
  await owner.query(
    `INSERT INTO ${t.registration} (tenant_id, registration_id, session_id, participant_id, status, via, waitlisted_at,
       offered_at, offer_accepted, confirmed_at, ended_at, cancelled_by, cancelled_from, late_cancellation, minutes_before_start)
     SELECT $1, ${k('registration')}, md5($1::uuid::text || 'session' || (g / ${PER_SESSION}))::uuid,
            md5($1::uuid::text || 'participant' || ((g::bigint * 7919) % $3::int))::uuid,
            CASE WHEN slot < 20 THEN (CASE WHEN r < 8 THEN 'attended' WHEN r = 8 THEN 'no_show' ELSE 'cancelled' END)
                 ELSE (CASE slot WHEN 20 THEN 'attended' WHEN 21 THEN 'expired' WHEN 22 THEN 'declined' ELSE 'waitlisted' END) END,
            CASE WHEN slot < 20 THEN 'direct' WHEN slot = 20 THEN 'offer' END,
            CASE WHEN slot >= 20 THEN base + interval '1 day' END,
            CASE WHEN slot BETWEEN 20 AND 22 THEN base + interval '5 days' END,
            slot = 20,
            CASE WHEN slot < 20 THEN base WHEN slot = 20 THEN base + interval '5 days' END,
            CASE WHEN (slot < 20 AND r = 9) OR slot IN (21, 22) THEN base + interval '6 days' END,
            CASE WHEN slot < 20 AND r = 9 THEN (CASE WHEN g % 3 = 0 THEN 'coordinator' ELSE 'participant' END) END,
            CASE WHEN slot < 20 AND r = 9 THEN 'confirmed' END,
            CASE WHEN slot < 20 AND r = 9 THEN g % 2 = 0 END,
            CASE WHEN slot < 20 AND r = 9 THEN 600 END
       FROM generate_series(0, $2::int - 1) g,
            LATERAL (SELECT g % ${PER_SESSION} AS slot, (g / ${PER_SESSION} + g) % 10 AS r,
                            timestamptz '2024-12-01 09:00+00' + ((g / ${PER_SESSION}) % 700) * interval '1 day' AS base) x`,
    [tenantId, registrations, participants],
  );
  await owner.query(
    `INSERT INTO ${t.feedback} (tenant_id, feedback_id, session_id, activity_id, rating, quote, submitted_at)
     SELECT $1, ${k('feedback')}, md5($1::uuid::text || 'session' || (g / 8))::uuid, md5($1::uuid::text || 'act' || ((g / 8) % 60))::uuid,
            1 + (g * 31) % 5, CASE WHEN g % 50 = 0 THEN 'Merci pour cet atelier.' END, now()
       FROM generate_series(0, $2::int - 1) g`,
    [tenantId, Math.floor(registrations / 4)],
  );
}

/** Real events for new sessions of the big tenant, as the other services publish them. */
function eventSlice(tenantId: string): History {
  const h = new History(tenantId);
  const venue = { id: uuidv7(), name: 'Salle du bench', address: null };
  const activityId = uuidv7();
  for (let p = 0; p < PER_SESSION * 4; p++) h.person(`b${p}`, 'infirmier', 'liberal', '25');
  for (let s = 0; s < SLICE_SESSIONS; s++) {
    const name = `bench-${s}`;
    const startsAt = new Date(Date.UTC(2027, 0, 1 + (s % 300), 17, 30)).toISOString();
    const endsAt = new Date(Date.UTC(2027, 0, 1 + (s % 300), 18, 30)).toISOString();
    h.publishSession(
      name,
      {
        activityId,
        title: 'Pilates',
        category: 'Énergie & Mouvement',
        confidential: false,
        programmeId: null,
        startsAt,
        endsAt,
        venue,
        capacity: 20,
      },
      '2026-11-01T09:00:00.000Z',
    );
    const people = Array.from({ length: PER_SESSION }, (_, i) => `b${(s + i) % (PER_SESSION * 4)}`);
    people.slice(0, 20).forEach((p) => h.confirm(name, p, '2026-11-02T09:00:00.000Z'));
    people.slice(20).forEach((p, i) => h.waitlist(name, p, i + 1, '2026-11-02T09:00:00.000Z'));
    h.cancel(name, people[0], '2026-11-03T09:00:00.000Z', 'participant');
    h.offer(name, people[20], '2026-11-03T09:00:00.000Z');
    h.accept(name, people[20], '2026-11-03T10:00:00.000Z');
    people.slice(1, 18).forEach((p) => h.attend(name, p, startsAt));
    h.noShow(name, people[18], endsAt);
    h.feedback(name, 5, endsAt);
  }
  return h;
}

/** 3. Report latency over the loaded read models (the big tenant `big`). */
async function reportLatency(owner: DataSource, app: DataSource, big: string): Promise<void> {
  const [{ id: programmeId }] = await owner.query(`SELECT md5($1::uuid::text || 'prog' || 0)::uuid AS id`, [
    big,
  ]);
  const generations = new GenerationRepository(app);
  const reports = new ReportRepository(app, generations);
  const clock: Clock = systemClock;
  const funder = new GetFunderSummaryUseCase(reports, clock, new PaymentTotalsRepository(app, generations));
  const breakdown = new GetBreakdownReportUseCase(reports, clock);
  const sessionReport = new GetSessionReportUseCase(reports, clock);
  const [{ session_id: sessionId }] = await owner.query(
    `SELECT session_id FROM ${t.session} WHERE tenant_id = $1 AND NOT confidential AND status = 'published' AND local_date <= '2026-03-10' ORDER BY local_date DESC LIMIT 1`,
    [big],
  );
  const query = { tenantId: big, from: null, to: null, programmeId: null };
  const participantsReport = new GetParticipantsReportUseCase(reports, clock);
  const csv = new ExportFunderReportUseCase(funder);
  const regional = new GetRegionalSummaryUseCase(
    new RegionalReportRepository(app, generations),
    new TenantDirectoryRepository(app),
    clock,
  );
  const counted = SESSION_COUNTS_COLUMNS.slice(2)
    .map((c) => `sum(${c})`)
    .join(', ');
  const cases: [string, () => Promise<unknown>][] = [
    [
      'baseline: its rollup rows read directly (sums)',
      () =>
        runInTenantTransaction(app, big, (m) =>
          m.query(`SELECT ${counted} FROM ${t.session_counts} WHERE tenant_id = $1`, [big]),
        ),
    ],
    [
      'second baseline: SELECT count(*) of its registrations',
      () =>
        runInTenantTransaction(app, big, (m) =>
          m.query(`SELECT count(*) FROM ${t.registration} WHERE tenant_id = $1`, [big]),
        ),
    ],
    ['funder report, whole tenant, all time', () => funder.execute(query)],
    ['CSV export, whole tenant, all time', () => csv.execute(query)],
    [
      'funder report, one programme, one quarter',
      () => funder.execute({ ...query, programmeId, from: '2026-01-01', to: '2026-03-31' }),
    ],
    ['breakdown by activity, all time', () => breakdown.execute(query, 'activity')],
    [
      'breakdown by month, one quarter',
      () => breakdown.execute({ ...query, from: '2026-01-01', to: '2026-03-31' }, 'month'),
    ],
    ['participants by profile, all time', () => participantsReport.execute(query)],
    ['one session (operational, its coordinator)', () => sessionReport.execute({ ...query, sessionId })],
    [
      `regional funder summary, ${REGION_TENANTS} CPTS, all time`,
      () => regional.execute({ region: REGION, from: null, to: null }),
    ],
  ];
  if (process.env.PROFILE) {
    const scope = { tenantId: big, from: null, to: null, programmeId: null, now: new Date() };
    const [input, loadMs] = await timed(() =>
      reports.read(big, (r) => r.load(scope, { participants: ['activity'] })),
    );
    const { ReportModel } = await import('../apps/reporting/src/reports/domain/report-model');
    const [model, buildMs] = await timed(async () => ReportModel.build(input));
    console.log(
      `profile: load ${loadMs.toFixed(0)} ms, build ${buildMs.toFixed(0)} ms, ${input.slices.length} slices, ${model.complementaryCount} complements`,
    );
    const q = await funder.execute({ ...query, programmeId, from: '2026-01-01', to: '2026-03-31' });
    console.log(`programme quarter: ${q.totals.sessions} sessions`);
    for (const parts of [
      {},
      { participants: ['activity' as const] },
      { profiles: true },
      { ratings: true },
      { waitlistPeaks: true },
    ]) {
      const [, ms] = await timed(() => reports.read(big, (r) => r.load(scope, parts)));
      console.log(`  load ${JSON.stringify(parts)} ${ms.toFixed(0)} ms`);
    }
  }
  const latencies: [string, number, number, number][] = [];
  for (const [name, run] of cases) {
    await run(); // warm-up
    const samples: number[] = [];
    const begun = performance.now();
    while (samples.length < RUNS && (samples.length < 3 || performance.now() - begun < CASE_BUDGET_MS))
      samples.push((await timed(run))[1]);
    latencies.push([name, quantile(samples, 0.5), quantile(samples, 0.95), samples.length]);
  }

  const [{ sessions }] = await owner.query(
    `SELECT count(*)::int AS sessions FROM ${t.session} WHERE tenant_id = $1`,
    [big],
  );
  console.log(
    `\nreport latency, tenant with ${REGISTRATIONS.toLocaleString('en')} registrations over ${sessions.toLocaleString('en')} sessions (${RUNS} runs, use case without HTTP)`,
  );
  console.log(`  ${''.padEnd(56)} ${'p50'.padStart(9)} ${'p95'.padStart(9)}  runs  p95 ÷ baseline p95`);
  const base = latencies[0][2];
  for (const [name, p50, p95, runs] of latencies) {
    const ms = (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`.padStart(9);
    console.log(
      `  ${name.padEnd(56)} ${ms(p50)} ${ms(p95)}  ${String(runs).padStart(4)}  ×${(p95 / base).toFixed(1)}${p95 < 100 ? '' : '  (p95 ≥ 100 ms)'}`,
    );
  }
  console.log(
    `  load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
}

/**
 * REUSE_DB=<name of a database KEEP_DB=1 kept>: report latency only, over the data set as that run
 * left it (no load, no projection; the big tenant is the one with the most registrations).
 */
async function reuse(name: string): Promise<void> {
  const url = (user?: string) => {
    const parsed = new URL(testInfrastructure.postgresAdminUrl);
    parsed.pathname = `/${name}`;
    if (user) [parsed.username, parsed.password] = [user, ''];
    return parsed.toString();
  };
  const connect = (as?: string) =>
    new DataSource({ type: 'postgres', url: url(as), extra: { max: 10 } }).initialize();
  const [owner, app] = [await connect(), await connect(testInfrastructure.appRole)];
  try {
    const [{ tenant_id: big }] = await owner.query(
      `SELECT tenant_id FROM ${t.registration} GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    await reportLatency(owner, app, big);
  } finally {
    await Promise.all([owner.destroy(), app.destroy()]);
  }
}

async function main(): Promise<void> {
  if (process.env.REUSE_DB) return reuse(process.env.REUSE_DB);
  const started = performance.now();
  const kafka = await createTestKafka();
  const db = await createTestDatabase(REPORTING_MIGRATIONS);
  const owner = await db.dataSource('owner');
  const app = await db.dataSource('app');
  const producer = new MessageProducer(kafka.settings);
  const admin = new KafkaAdmin(kafka.settings);
  const big = uuidv7();
  try {
    // 1. Bulk load.
    const [, loadMs] = await timed(async () => {
      await loadTenant(owner, big, REGISTRATIONS);
      for (let i = 1; i < TENANTS; i++) await loadTenant(owner, uuidv7(), OTHER_TENANT_REGISTRATIONS);
      // The rollups as the migration fills them from rows (the projection keeps them up to date from here).
      await owner.transaction((manager) => fillRollups(manager, g));
      // One region holding the big tenant and REGION_TENANTS − 1 others, for the funder's regional summary.
      await owner.query(
        `INSERT INTO ${TENANT_DIRECTORY} (tenant_id, slug, name, timezone, region)
         SELECT tenant_id, slug, name, timezone, $2 FROM ${t.tenant} ORDER BY tenant_id <> $1, tenant_id LIMIT $3`,
        [big, REGION, REGION_TENANTS],
      );
      await owner.query(`VACUUM ANALYZE`);
    });
    const [{ rows }] = await owner.query(`SELECT count(*)::int AS rows FROM ${t.registration}`);
    console.log(
      `loaded ${rows.toLocaleString('en')} registrations for ${TENANTS} tenants (${REGISTRATIONS.toLocaleString('en')} for one) in ${(loadMs / 1000).toFixed(1)} s`,
    );

    // 2. Projection throughput.
    const slice = eventSlice(big);
    const events = slice.events;
    for (let i = 0; i < events.length; i += 400) {
      await producer.send(
        events.slice(i, i + 400).map((e) => ({
          topic: prefixed(kafka.prefix, e.topic),
          key: e.key,
          value: JSON.stringify(e.envelope),
        })),
      );
    }
    const topics = ALL_TOPICS.map((topic) => prefixed(kafka.prefix, topic));
    const drain = async (group: string) => {
      while ((await consumerLag(admin, group, topics)) > 0) await new Promise((r) => setTimeout(r, 50));
    };

    // Every consumer is timed from the moment it holds its partitions to its last event (group joins left out).
    // This process's CPU over the same span (user + system ms): the consumer is all it runs meanwhile.
    const cpuMs = new Map<string, number>();
    const consumeAll = async (
      name: string,
      start: () => Promise<{ close(): Promise<unknown> }>,
      done: () => boolean,
    ): Promise<number> => {
      const consumer = await start();
      const begun = performance.now();
      const cpu = process.cpuUsage();
      while (!done()) await new Promise((r) => setTimeout(r, 5));
      const ms = performance.now() - begun;
      const used = process.cpuUsage(cpu);
      cpuMs.set(name, (used.user + used.system) / 1000);
      await consumer.close();
      return ms;
    };
    const reader = (name: string, onMessage: (value: string) => Promise<void> | void) =>
      TopicReader.start(kafka.settings, {
        topics,
        groupId: `${kafka.prefix}bench-${name}`,
        concurrency: 3,
        onMessage: (m) => onMessage(m.value!),
      });

    // Raw consume rate: the same client reading and parsing every message, nothing else (the ceiling).
    let rawCount = 0;
    const rawMs = await consumeAll(
      'raw',
      () => reader('raw', (value) => void (JSON.parse(value) && (rawCount += 1))),
      () => rawCount >= events.length,
    );

    // The old baseline: a bare consumer inserting each raw event into a plain table, one transaction per event.
    await owner.query(`CREATE TABLE bench_raw (id uuid PRIMARY KEY, payload jsonb NOT NULL)`);
    const pool = new Pool({ connectionString: db.ownerUrl, max: 3 });
    let insertCount = 0;
    const insertMs = await consumeAll(
      'insert',
      () =>
        reader('insert', async (value) => {
          const envelope = JSON.parse(value);
          await pool.query(`INSERT INTO bench_raw (id, payload) VALUES ($1, $2)`, [envelope.id, envelope]);
          insertCount += 1;
        }),
      () => insertCount >= events.length,
    );
    await pool.end();

    const batches: number[] = [];
    // Where the projector's time goes: mapping events into the batch, and the batch writer's SQL.
    const projector = new ReadModelProjector(g);
    const writer = (projector as unknown as { writer: { write: (...args: unknown[]) => Promise<void> } })
      .writer;
    const spent = { handle: 0, write: 0 };
    const write = writer.write.bind(writer);
    writer.write = async (...args) => {
      const begun = performance.now();
      await write(...args);
      spent.write += performance.now() - begun;
    };
    const handle = projector.handleBatch.bind(projector);
    projector.handleBatch = async (...args) => {
      const begun = performance.now();
      await handle(...args);
      spent.handle += performance.now() - begun;
    };
    // SQL_PROFILE=1: every statement on a transaction's connection timed, by its first words (round trips and time).
    const statements = new Map<string, { count: number; ms: number }>();
    if (process.env.SQL_PROFILE) {
      const query = PostgresQueryRunner.prototype.query;
      PostgresQueryRunner.prototype.query = async function (this: PostgresQueryRunner, ...args) {
        const begun = performance.now();
        try {
          return await query.apply(this, args);
        } finally {
          const name = args[0]
            .replace(/\s+/g, ' ')
            .replace(/rpt_g1_/g, '')
            .trim()
            .slice(0, 60);
          const entry = statements.get(name) ?? { count: 0, ms: 0 };
          entry.count += 1;
          entry.ms += performance.now() - begun;
          statements.set(name, entry);
        }
      } as typeof query;
    }
    const projection = new EventConsumer(kafka.settings, producer, app, eventRegistry, projector, {
      groupId: g.consumerGroup,
      topics: [...ALL_TOPICS],
      prefix: kafka.prefix,
      maxBatchSize: PROJECTION_BATCH_SIZE,
      log: (level, message, extra) => {
        if (message === 'event batch handled') batches.push((extra as { events: number }).events);
        else if (level !== 'info') console.error(message, extra); // a failing batch would otherwise hang the bench
      },
    });
    const projectionMs = await consumeAll(
      'projection',
      async () => (await projection.start(), { close: async () => undefined }),
      () => projection.stats.processed >= events.length,
    );
    await drain(prefixed(kafka.prefix, g.consumerGroup));
    await projection.stop();

    for (const [name, { count, ms }] of [...statements].sort(([, a], [, b]) => b.ms - a.ms))
      console.log(`  sql ${String(count).padStart(5)} × ${(ms / count).toFixed(1).padStart(7)} ms  ${name}`);
    const rate = (ms: number) => (events.length / ms) * 1000;
    const [rawRate, insertRate, projectionRate] = [rate(rawMs), rate(insertMs), rate(projectionMs)];
    const line = (name: string, value: string) => console.log(`  ${name.padEnd(56)} ${value.padStart(9)}`);
    console.log(
      `\nprojection of ${events.length.toLocaleString('en')} events (${SLICE_SESSIONS} sessions' lifecycles) into tables holding ${rows.toLocaleString('en')} registrations`,
    );
    line('baseline: raw consume (read + parse, nothing written)', `${rawRate.toFixed(0)} ev/s`);
    line('old baseline: bare consumer, one INSERT per event', `${insertRate.toFixed(0)} ev/s`);
    line('reporting projection (inbox, RLS, batched upserts)', `${projectionRate.toFixed(0)} ev/s`);
    line('ratio projection / raw consume', (projectionRate / rawRate).toFixed(2));
    line('ratio projection / one INSERT per event', (projectionRate / insertRate).toFixed(2));
    line(
      `batches: ${batches.length}, events per batch (mean)`,
      (batches.reduce((a, b) => a + b, 0) / Math.max(1, batches.length)).toFixed(0),
    );
    const values = events.map((e) => JSON.stringify(e.envelope));
    const [, parseMs] = await timed(async () => values.forEach((v) => JSON.parse(v)));
    line('time: JSON.parse of every event (alone)', `${parseMs.toFixed(0)} ms`);
    // Summed over the batches, which run concurrently (one per partition): compare with each other, not with the wall time.
    line(
      'time: mapping events into batches (summed over batches)',
      `${(spent.handle - spent.write).toFixed(0)} ms`,
    );
    line('time: batch writer SQL, rows and rollups (summed)', `${spent.write.toFixed(0)} ms`);
    line('time: projection wall time', `${projectionMs.toFixed(0)} ms`);
    const perThousand = (name: string) => `${((cpuMs.get(name)! / events.length) * 1000).toFixed(0)} ms`;
    line('CPU of this process per 1,000 events: raw consume', perThousand('raw'));
    line('CPU of this process per 1,000 events: projection', perThousand('projection'));
    line(
      'load average',
      loadavg()
        .map((l) => l.toFixed(2))
        .join(', '),
    );

    // 3. Report latency (the projection's figures are printed first: the reports take a while).
    if (process.env.REPORTS !== '0') await reportLatency(owner, app, big); // REPORTS=0: the projection part only
    console.log(`\ntotal bench time ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await producer.close();
    await admin.close();
    // KEEP_DB=1 leaves the loaded database for looking at plans (drop it by hand afterwards).
    if (process.env.KEEP_DB) console.log(`kept database ${db.name} (big tenant ${big})`);
    else await db.drop();
    await kafka.cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
