/**
 * Registration burst: CLIENTS concurrent clients registering over HTTP to the real registration
 * service (a separate Node process, as deployed), first all on ONE session (every request queues
 * on the same session lock), then spread over SESSIONS sessions; then the same hot session with
 * the whole system running (catalog, notifications with an SMTP server, reporting, and the
 * registration relay publishing every event).
 *
 * Baselines, same run, same number of clients (pgbench):
 *  - the minimal write, the ceiling of a registration on PostgreSQL:
 *      BEGIN; UPDATE seats SET taken = taken + 1 WHERE id = 1 AND taken < capacity;
 *      INSERT registration; INSERT outbox; END;
 *    on bench tables of the same shape (one seat row, or SESSIONS rows for the spread scenario);
 *  - the service's former SQL, statement by statement (slug lookup; then in one transaction:
 *    tenant setting, participant upsert, tenant policy, session row lock, waitlist count,
 *    registration insert with the seat trigger, outbox insert, NOTIFY), as the non-owner role
 *    under row-level security: what HTTP costs on top of the SQL.
 *
 * Every answer is checked: no session holds more seats than it has, seat counters match the
 * rows, and the waitlist positions answered on a session are 1..n without gap or repeat.
 *
 * Then the hot session in an open loop: REQUESTS arrivals at RATE per second whatever the answers
 * (people do not wait for each other's answer), against pgbench --rate running the minimal write
 * at the same rate. A closed loop of CLIENTS clients measures throughput: there each latency is
 * CLIENTS / throughput by Little's law, for PostgreSQL alone too; the open loop measures the
 * latency a person sees at a given load.
 *
 * INSTANCES=2 runs the service alone as two processes (two replicas), the requests sent to each in
 * turn: one Node process handles its requests on one thread, where pgbench's 50 connections are
 * 50 PostgreSQL processes the machine's cores share.
 *
 *   npm run bench:registration   (CLIENTS=50 REQUESTS=1000 SESSIONS=50 RATE=200 INSTANCES=1; WHOLE_SYSTEM=0 skips that part)
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import {
  createEvent,
  REGISTRATION_CONFIRMED_V1,
  RegistrationConfirmedV1,
  TENANT_DEFAULTS,
} from '@respire/contracts';
import {
  createTestDatabase,
  createTestKafka,
  deleteRedisKeys,
  processCpuMs,
  ServiceProcess,
  spawnServiceProcess,
  TestDatabase,
  testServiceEnv,
  waitFor,
} from '@respire/testing';
import { startSmtpServer } from '@respire/testing/smtp';
import { CATALOG_MIGRATIONS } from '../apps/catalog/src/infrastructure/migrations';
import { NOTIFICATIONS_MIGRATIONS } from '../apps/notifications/src/infrastructure/migrations';
import { REGISTRATION_MIGRATIONS } from '../apps/registration/src/infrastructure/migrations';
import { REPORTING_MIGRATIONS } from '../apps/reporting/src/infrastructure/migrations';
import { CatalogFeed, sessionPublished, tenantCreated } from '../apps/registration/test/support';
import { CpuMeter } from './support/cpu-meter';
import { participantForm } from './support/participant-form';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const REQUESTS = Number(process.env.REQUESTS ?? 1000);
const SESSIONS = Number(process.env.SESSIONS ?? 50);
const WHOLE_SYSTEM = process.env.WHOLE_SYSTEM !== '0';
/** Arrivals per second of the open-loop scenario (0 skips it). */
const RATE = Number(process.env.RATE ?? 200);
/** Processes of the service in the "alone" scenarios, each request to the next in turn. */
const INSTANCES = Number(process.env.INSTANCES ?? 1);
/** BENCH_PORT=4600: the services listen on 4600, 4601, … instead of ports the system picks. */
let nextPort = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined;
const port = () => (nextPort === undefined ? {} : { port: nextPort++ });
const ONE_SESSION_CAPACITY = 10;
const MANY_SESSIONS_CAPACITY = 20;

interface Result {
  perSecond: number;
  p50: number;
  p99: number;
  /** CPU milliseconds per registration, of the service's process and of its PostgreSQL backends. */
  cpu?: { service: number; postgres: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarise(latenciesMs: number[], elapsedMs: number): Result {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    perSecond: (latenciesMs.length * 1000) / elapsedMs,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

/** Session ids the pgbench script can compute from a number (no lookup table). */
function sessionUuid(n: number): string {
  return `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

interface Answer {
  status: number;
  body: { sessionId?: string; status?: string; waitlistPosition?: number };
}

function postJson(agent: Agent, url: string, body: unknown): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The answers of one session are coherent: `capacity` seats at most, positions 1..n exactly. */
function checkAnswers(label: string, answers: Answer['body'][], capacity: number): void {
  const bySession = new Map<string, Answer['body'][]>();
  for (const answer of answers)
    bySession.set(answer.sessionId!, [...(bySession.get(answer.sessionId!) ?? []), answer]);
  for (const [sessionId, list] of bySession) {
    const confirmed = list.filter((a) => a.status === 'confirmed').length;
    const positions = list
      .filter((a) => a.status === 'waitlisted')
      .map((a) => a.waitlistPosition!)
      .sort((a, b) => a - b);
    if (confirmed > capacity)
      throw new Error(`${label}: ${sessionId} oversold (${confirmed} seats for ${capacity})`);
    if (positions.some((position, i) => position !== i + 1)) {
      throw new Error(`${label}: ${sessionId} waitlist positions not contiguous: ${positions.join(',')}`);
    }
    if (positions.length > 0 && confirmed !== capacity) {
      throw new Error(
        `${label}: ${sessionId} waitlisted people while ${capacity - confirmed} seats were free`,
      );
    }
  }
}

async function httpBurst(
  baseUrls: string[],
  slug: string,
  sessionFor: (i: number) => string,
  label: string,
  capacity: number,
): Promise<Result> {
  return burst(label, capacity, CLIENTS, async (register) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < REQUESTS) {
          const i = next++;
          await register(
            i,
            performance.now(),
            `${baseUrls[i % baseUrls.length]}/v1/public/tenants/${slug}/sessions/${sessionFor(i)}/registrations`,
          );
        }
      }),
    );
  });
}

/**
 * Open loop: REQUESTS registrations arriving at RATE per second whatever the answers, as people
 * clicking at their own pace do; each latency counts from the request's scheduled time (a request
 * sent late because the process was busy counts its wait), as pgbench --rate does.
 */
async function httpArrivals(
  baseUrls: string[],
  slug: string,
  session: string,
  label: string,
  capacity: number,
) {
  return burst(label, capacity, REQUESTS, async (register) => {
    const path = `/v1/public/tenants/${slug}/sessions/${session}/registrations`;
    const started = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      pending.push(register(i, due, `${baseUrls[i % baseUrls.length]}${path}`));
    }
    await Promise.all(pending);
  });
}

type Register = (i: number, scheduledAt: number, url: string) => Promise<void>;

/** Runs `drive` with a function that registers one new person, then checks every answer. */
async function burst(
  label: string,
  capacity: number,
  sockets: number,
  drive: (register: Register) => Promise<void>,
): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const latencies: number[] = [];
  const answers: Answer['body'][] = [];
  let failures = 0;
  const started = performance.now();
  await drive(async (i, scheduledAt, url) => {
    const answer = await postJson(
      agent,
      url,
      participantForm(`bench-${label}-${i}-${uuidv7().slice(-8)}@example.org`),
    );
    latencies.push(performance.now() - scheduledAt);
    if (answer.status !== 201) failures++;
    else answers.push(answer.body);
  });
  const elapsed = performance.now() - started;
  agent.destroy();
  if (failures > 0) throw new Error(`${label}: ${failures} requests did not answer 201`);
  checkAnswers(label, answers, capacity);
  return summarise(latencies, elapsed);
}

/** A scenario's figures as soon as they are known (on stderr), with the machine's load. */
function progress(name: string, result: Result): Result {
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(', ');
  const cpu = result.cpu
    ? `, CPU ms per registration: service ${result.cpu.service.toFixed(2)}, postgres ${result.cpu.postgres.toFixed(2)}`
    : '';
  console.error(
    `${name}: ${result.perSecond.toFixed(0)} reg/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms${cpu} (load average ${load})`,
  );
  return result;
}

/**
 * Stops `meter` once the services' processes have been quiet (under 10 % of a core together)
 * for two seconds in a row: the consumers, mail and projections caught up. At most 120 s.
 */
async function untilQuiet<K extends string>(meter: CpuMeter<K>, pids: number[]): Promise<Record<K, number>> {
  const total = () => pids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
  let quietSince = Date.now();
  let last = total();
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = total();
    if (now - last > 50) quietSince = Date.now();
    last = now;
    if (Date.now() - quietSince >= 2000) break;
  }
  return meter.stop();
}

/** Runs a scenario of the service alone, counting the CPU its process and its PostgreSQL backends spend. */
async function metered(
  services: ServiceProcess[],
  database: TestDatabase,
  scenario: () => Promise<Result>,
): Promise<Result> {
  const meter = await CpuMeter.start(
    {
      service: () => services.map((service) => service.child.pid!),
      postgres: backendsOf(database),
    },
    // Sampled as often as pgbench's backends, so that both sides pay the same for the measure.
    20,
  );
  const result = await scenario();
  const spent = await meter.stop();
  return { ...result, cpu: { service: spent.service / REQUESTS, postgres: spent.postgres / REQUESTS } };
}

/**
 * The server processes of the connections to a database as the app role (the service's, or
 * pgbench's), from their process titles ("postgres: 15/main: respire_app <database> …"); the
 * list is read again at most every 200 ms (reading every title is not free on a loaded machine).
 */
function backendsOf(database: TestDatabase): () => number[] {
  const title = ` ${new URL(database.appUrl).username} ${database.name} `;
  let pids: number[] = [];
  let readAt = 0;
  return () => {
    if (Date.now() - readAt < 200) return pids;
    readAt = Date.now();
    pids = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(title)) pids.push(Number(entry));
      } catch {
        // gone meanwhile
      }
    }
    return pids;
  };
}

function pgbenchBinary(): string {
  try {
    return execFileSync('which', ['pgbench']).toString().trim();
  } catch {
    const base = '/usr/lib/postgresql';
    for (const version of existsSync(base) ? readdirSync(base).sort().reverse() : []) {
      const candidate = join(base, version, 'bin', 'pgbench');
      if (existsSync(candidate)) return candidate;
    }
    throw new Error('pgbench not found (it comes with PostgreSQL)');
  }
}

/** Tables for the minimal write: a seat counter per session, registrations, an outbox. */
const MINIMAL_TABLES = `
  CREATE TABLE bench_seats (id integer PRIMARY KEY, taken integer NOT NULL, capacity integer NOT NULL);
  CREATE TABLE bench_registration (id uuid PRIMARY KEY, seat_id integer NOT NULL, created_at timestamptz NOT NULL);
  CREATE TABLE bench_outbox (id uuid PRIMARY KEY, topic text NOT NULL, key text NOT NULL, type text NOT NULL,
    payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
  GRANT SELECT, INSERT, UPDATE ON bench_seats, bench_registration, bench_outbox TO PUBLIC;`;

/** The ceiling: the least a registration must write, four statements in one transaction. */
function minimalScript(outboxPayloadBase64: string): string {
  return `\\set s random(1, :sessions)
BEGIN;
UPDATE bench_seats SET taken = taken + 1 WHERE id = :s AND taken < capacity;
INSERT INTO bench_registration (id, seat_id, created_at) VALUES (gen_random_uuid(), :s, now());
INSERT INTO bench_outbox (id, topic, key, type, payload)
  VALUES (gen_random_uuid(), 'registration.events.v1', :s, 'registration.confirmed', convert_from(decode('${outboxPayloadBase64}', 'base64'), 'UTF8')::jsonb);
END;
`;
}

/** The statements the service ran for one public registration before issue 16, as a pgbench script. */
function formerServiceScript(outboxPayloadBase64: string): string {
  return `\\set r random(1, 2000000000)
\\set s random(0, :sessions - 1)
SELECT tenant_id FROM tenant_directory WHERE slug = ':slug';
BEGIN;
SELECT set_config('app.tenant_id', ':tenant', true);
INSERT INTO participant (tenant_id, id, email, first_name, last_name, profession, practice_mode, postcode, department, rpps, consents, created_at, updated_at)
  VALUES (':tenant', gen_random_uuid(), 'pgb-' || :client_id || '-' || :r || '@example.org', 'Claire', 'Martin', 'infirmier', 'liberal', '25000', '25', NULL, '{"dataProcessing": true}'::jsonb, now(), now())
  ON CONFLICT (tenant_id, email) DO UPDATE SET first_name = EXCLUDED.first_name, updated_at = EXCLUDED.updated_at
  RETURNING id AS participant_id \\gset
SELECT * FROM tenant_directory WHERE tenant_id = ':tenant';
SELECT seats_held, capacity FROM session
  WHERE tenant_id = ':tenant' AND id = CASE WHEN :sessions = 1 THEN ':one'::uuid ELSE format('00000000-0000-7000-8000-%s', lpad((:s + 1)::text, 12, '0'))::uuid END
  FOR UPDATE \\gset
SELECT count(*)::int AS waiting FROM registration
  WHERE tenant_id = ':tenant' AND session_id = CASE WHEN :sessions = 1 THEN ':one'::uuid ELSE format('00000000-0000-7000-8000-%s', lpad((:s + 1)::text, 12, '0'))::uuid END
    AND status = 'waitlisted' \\gset
INSERT INTO registration (tenant_id, id, session_id, participant_id, status, origin, confirmed_via, created_at, status_changed_at)
  VALUES (':tenant', gen_random_uuid(),
    CASE WHEN :sessions = 1 THEN ':one'::uuid ELSE format('00000000-0000-7000-8000-%s', lpad((:s + 1)::text, 12, '0'))::uuid END,
    ':participant_id', CASE WHEN :capacity - :seats_held > :waiting THEN 'confirmed' ELSE 'waitlisted' END, 'public',
    CASE WHEN :capacity - :seats_held > :waiting THEN 'direct' END, now(), now());
INSERT INTO outbox (id, tenant_id, topic, key, type, payload, headers)
  VALUES (gen_random_uuid(), ':tenant', 'registration.events.v1', ':one', 'registration.confirmed',
    convert_from(decode('${outboxPayloadBase64}', 'base64'), 'UTF8')::jsonb, '{}'::jsonb);
SELECT pg_notify('respire_outbox', '');
COMMIT;
`;
}

/** Runs pgbench, again while the shared server has no connection slots left for its clients (other work finishing). */
async function pgbenchWithConnections(args: string[], dir: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await promisify(execFile)(pgbenchBinary(), args, { maxBuffer: 16 * 1024 * 1024 })).stdout;
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? '');
      if (attempt >= 30 || !/connection slots|too many clients/.test(stderr)) throw error;
      for (const name of readdirSync(dir).filter((n) => n.startsWith('log'))) rmSync(join(dir, name));
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

async function pgbenchRun(
  database: TestDatabase,
  script: string,
  variables: Record<string, string>,
  { rate }: { rate?: number } = {},
): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'respire-pgbench-'));
  try {
    const file = join(dir, 'registration.sql');
    writeFileSync(file, script);
    // With a rate, pgbench schedules the arrivals and counts each latency from its schedule.
    const clients = rate ? Math.min(CLIENTS, REQUESTS) : CLIENTS;
    const perClient = Math.max(1, Math.round(REQUESTS / clients));
    const args = [
      '-n',
      '-M',
      'simple',
      '-c',
      String(clients),
      '-j',
      '2',
      ...(rate ? ['-R', String(rate)] : []),
      '-t',
      String(perClient),
      '-f',
      file,
      '-l',
      `--log-prefix=${join(dir, 'log')}`,
    ];
    for (const [name, value] of Object.entries(variables)) args.push('-D', `${name}=${value}`);
    args.push(database.appUrl);
    // pgbench's backends are sampled while it runs: they exit with it.
    const meter = await CpuMeter.start({ postgres: backendsOf(database) }, 20);
    const output = await pgbenchWithConnections(args, dir);
    const spent = await meter.stop();
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1]);
    const latencies: number[] = [];
    for (const name of readdirSync(dir).filter((n) => n.startsWith('log'))) {
      for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
        const fields = line.trim().split(/\s+/);
        // time (µs), then with --rate the schedule lag as the 7th field
        if (fields.length >= 3) latencies.push((Number(fields[2]) + Number(fields[6] ?? 0)) / 1000);
      }
    }
    const failed = /number of failed transactions: (\d+)/.exec(output)?.[1];
    if (failed && failed !== '0') throw new Error(`pgbench: ${failed} failed transactions\n${output}`);
    const sorted = latencies.sort((a, b) => a - b);
    return {
      perSecond: tps,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      cpu: { service: 0, postgres: spent.postgres / latencies.length },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SESSION_INSERT = `
  INSERT INTO session (tenant_id, id, activity_id, title, category, confidential, starts_at, ends_at, timezone, venue, capacity, status)
  VALUES ($1, $2, $3, 'Cardio boxing', 'Énergie & Mouvement', false, $4, $5, 'Europe/Paris',
    '{"id": "0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c04", "name": "Association Le Don du Souffle", "address": null}'::jsonb, $6, 'published')`;

async function main(): Promise<void> {
  const kafka = await createTestKafka();
  const databases: TestDatabase[] = [];
  const db = await createTestDatabase(REGISTRATION_MIGRATIONS);
  databases.push(db);
  const owner = await db.dataSource('owner');
  const redisPrefix = `bench-${uuidv7().slice(-12)}`;
  const tenant = { tenantId: uuidv7(), slug: '' };
  tenant.slug = `bench-${tenant.tenantId.slice(-8)}`;
  const processes: ServiceProcess[] = [];
  const smtp = WHOLE_SYSTEM ? await startSmtpServer() : null;
  const envFor = (database: TestDatabase, service: string, extra: Record<string, string>) =>
    testServiceEnv(
      { db: database, kafka, redisPrefix: `${redisPrefix}-${service}` },
      // SERVICE_NODE_OPTIONS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the services.
      {
        LOG_LEVEL: 'error',
        PUBLIC_RATE_LIMIT: '0',
        ...(process.env.SERVICE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SERVICE_NODE_OPTIONS } : {}),
        ...extra,
      },
    );

  try {
    // The tenant and sessions as the catalog events would have left them.
    await owner.query(
      `INSERT INTO tenant_directory (tenant_id, slug, name, timezone, waitlist_mode, offer_ttl_minutes, offer_cutoff_minutes,
         late_cancellation_minutes)
       VALUES ($1, $2, 'CPTS bench', $3, $4, $5, $6, $7)`,
      [
        tenant.tenantId,
        tenant.slug,
        TENANT_DEFAULTS.timezone,
        TENANT_DEFAULTS.waitlist.mode,
        TENANT_DEFAULTS.waitlist.offerTtlMinutes,
        TENANT_DEFAULTS.waitlist.offerCutoffMinutes,
        TENANT_DEFAULTS.lateCancellationMinutes,
      ],
    );
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const insertSession = (id: string, capacity: number) =>
      owner.query(SESSION_INSERT, [
        tenant.tenantId,
        id,
        uuidv7(),
        startsAt,
        new Date(startsAt.getTime() + 3_600_000),
        capacity,
      ]);
    const httpOne = uuidv7();
    const httpPaced = uuidv7();
    const pgOne = uuidv7();
    const warmup = uuidv7();
    for (const id of [httpOne, httpPaced, pgOne]) await insertSession(id, ONE_SESSION_CAPACITY);
    await insertSession(warmup, 1000);
    const httpMany = Array.from({ length: SESSIONS }, (_, i) => sessionUuid(1001 + i));
    for (const id of httpMany) await insertSession(id, MANY_SESSIONS_CAPACITY);
    for (let i = 1; i <= SESSIONS; i++) await insertSession(sessionUuid(i), MANY_SESSIONS_CAPACITY);
    await owner.query(MINIMAL_TABLES);
    await owner.query(`INSERT INTO bench_seats SELECT n, 0, 1000000000 FROM generate_series(1, $1) n`, [
      SESSIONS,
    ]);

    // Service alone: HTTP, consumer and worker; the relay off, so the outbox only fills (as in the baselines).
    const alone: ServiceProcess[] = [];
    for (let n = 0; n < INSTANCES; n++) {
      const instance = await spawnServiceProcess(
        'apps/registration/src/main.ts',
        envFor(db, 'registration', { ROLE: 'http,consumer,worker' }),
        port(),
      );
      processes.push(instance);
      alone.push(instance);
    }
    const aloneUrls = alone.map((instance) => instance.baseUrl);
    await httpBurst(aloneUrls, tenant.slug, () => warmup, 'warmup', 1000);
    const httpOneResult = progress(
      'one session',
      await metered(alone, db, () =>
        httpBurst(aloneUrls, tenant.slug, () => httpOne, 'one', ONE_SESSION_CAPACITY),
      ),
    );
    const httpManyResult = progress(
      'many sessions',
      await metered(alone, db, () =>
        httpBurst(aloneUrls, tenant.slug, (i) => httpMany[i % SESSIONS], 'many', MANY_SESSIONS_CAPACITY),
      ),
    );
    const httpPacedResult = RATE
      ? progress(
          `one session at ${RATE}/s`,
          await metered(alone, db, () =>
            httpArrivals(aloneUrls, tenant.slug, httpPaced, 'paced', ONE_SESSION_CAPACITY),
          ),
        )
      : null;
    for (const instance of alone) await instance.stop();

    const example = REGISTRATION_CONFIRMED_V1.example as RegistrationConfirmedV1;
    const payload = createEvent(REGISTRATION_CONFIRMED_V1, example, {
      tenantId: tenant.tenantId,
      source: 'registration',
      subject: example.registrationId,
    });
    const payload64 = Buffer.from(JSON.stringify(payload)).toString('base64');
    const minimalOne = await pgbenchRun(db, minimalScript(payload64), { sessions: '1' });
    const minimalMany = await pgbenchRun(db, minimalScript(payload64), { sessions: String(SESSIONS) });
    const minimalPaced = RATE
      ? await pgbenchRun(db, minimalScript(payload64), { sessions: '1' }, { rate: RATE })
      : null;
    const formerVars = { tenant: tenant.tenantId, slug: tenant.slug, one: pgOne };
    const formerOne = await pgbenchRun(db, formerServiceScript(payload64), { ...formerVars, sessions: '1' });
    const formerMany = await pgbenchRun(db, formerServiceScript(payload64), {
      ...formerVars,
      sessions: String(SESSIONS),
    });

    // The whole system: every service with every role, mail, the relay publishing each event.
    let wholeResult: Result | null = null;
    let minimalDuringWhole: Result | null = null;
    let wholeCpu: Record<string, number> | null = null;
    if (WHOLE_SYSTEM) {
      // The scenarios above left their events in the outbox (no relay then): thousands of events,
      // and as many mails, that the relay would otherwise publish while the burst runs. They are
      // not part of it: marked published, so that the whole system handles the burst's alone.
      await owner.query(`UPDATE outbox SET published_at = now() WHERE published_at IS NULL`);
      const others: Record<string, { process: ServiceProcess; database: TestDatabase }> = {};
      for (const [service, migrations] of [
        ['catalog', CATALOG_MIGRATIONS],
        ['notifications', NOTIFICATIONS_MIGRATIONS],
        ['reporting', REPORTING_MIGRATIONS],
      ] as const) {
        const database = await createTestDatabase(migrations);
        databases.push(database);
        const spawned = await spawnServiceProcess(
          `apps/${service}/src/main.ts`,
          envFor(database, service, {
            ROLE: 'http,consumer,relay,worker',
            ...(service === 'notifications' ? { SMTP_URL: smtp!.url } : {}),
          }),
          port(),
        );
        processes.push(spawned);
        others[service] = { process: spawned, database };
      }
      const registration = await spawnServiceProcess(
        'apps/registration/src/main.ts',
        envFor(db, 'registration', { ROLE: 'http,consumer,relay,worker' }),
        port(),
      );
      processes.push(registration);
      // The hot session as catalog publishes it, so notifications and reporting know it too.
      const feed = new CatalogFeed(kafka);
      const published = sessionPublished(tenant.tenantId, { capacity: ONE_SESSION_CAPACITY });
      await feed.publish(tenantCreated(tenant), published);
      await feed.close();
      const wholeOne = published.data.sessionId;
      await waitFor(
        () => owner.query(`SELECT count(*)::int AS n FROM session WHERE id = $1`, [wholeOne]),
        (rows) => rows[0].n === 1,
        { what: 'registration to know the published session', timeoutMs: 60_000 },
      );
      await owner.query(`UPDATE bench_seats SET taken = 0`);
      // Each process's CPU, from the burst until everything it caused is done (events relayed,
      // consumed, mailed, projected): what the rest of the system costs per registration.
      const wholeMeter = await CpuMeter.start({
        registration: () => [registration.child.pid!],
        'registration db': backendsOf(db),
        ...Object.fromEntries(
          Object.entries(others).flatMap(([service, { process, database }]) => [
            [service, () => [process.child.pid!]],
            [`${service} db`, backendsOf(database)],
          ]),
        ),
        'bench (clients, SMTP)': () => [process.pid],
      });
      wholeResult = progress(
        'whole system',
        await httpBurst([registration.baseUrl], tenant.slug, () => wholeOne, 'whole', ONE_SESSION_CAPACITY),
      );
      await waitFor(
        () => owner.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`),
        (rows) => rows[0].n === 0,
        { what: 'the relay publishing every event', timeoutMs: 120_000 },
      );
      wholeCpu = await untilQuiet(wholeMeter, [
        registration.child.pid!,
        ...Object.values(others).map(({ process }) => process.child.pid!),
      ]);
      minimalDuringWhole = await pgbenchRun(db, minimalScript(payload64), { sessions: '1' });
    }

    // Whatever the load, no session holds more seats than it has.
    const [overbooked] = await owner.query(
      `SELECT count(*)::int AS n FROM session s WHERE tenant_id = $1 AND (seats_held > capacity
         OR seats_held <> (SELECT count(*) FROM registration r WHERE r.tenant_id = s.tenant_id AND r.session_id = s.id
                            AND r.status IN ('confirmed', 'offered', 'attended', 'no_show')))`,
      [tenant.tenantId],
    );
    if (overbooked.n !== 0) throw new Error(`${overbooked.n} sessions oversold or miscounted`);

    const row = (name: string, service: Result, baseline: Result, former: Result | null) =>
      `${name.padEnd(24)}${service.perSecond.toFixed(0).padStart(7)}${service.p50.toFixed(1).padStart(9)}${service.p99.toFixed(1).padStart(9)}` +
      `${baseline.perSecond.toFixed(0).padStart(9)}${baseline.p50.toFixed(1).padStart(9)}${baseline.p99.toFixed(1).padStart(9)}` +
      `${(service.perSecond / baseline.perSecond).toFixed(2).padStart(8)}` +
      (former
        ? `${former.perSecond.toFixed(0).padStart(10)}${(service.perSecond / former.perSecond).toFixed(2).padStart(8)}`
        : '');
    console.log(
      `registration burst: ${CLIENTS} concurrent clients, ${REQUESTS} registrations per scenario, ` +
        `service alone as ${INSTANCES} process${INSTANCES > 1 ? 'es' : ''}`,
    );
    console.log(
      `                          service over HTTP                   minimal write          former service SQL`,
    );
    console.log(
      `scenario                  reg/s   p50 ms   p99 ms      tps   p50 ms   p99 ms   ratio       tps   ratio`,
    );
    console.log(row(`one session (${ONE_SESSION_CAPACITY} seats)`, httpOneResult, minimalOne, formerOne));
    console.log(row(`${SESSIONS} sessions`, httpManyResult, minimalMany, formerMany));
    if (httpPacedResult && minimalPaced)
      console.log(row(`one session, ${RATE}/s open`, httpPacedResult, minimalPaced, null));
    if (wholeResult && minimalDuringWhole) {
      console.log(row('whole system, one', wholeResult, minimalOne, null));
      console.log(row('  (vs minimal, loaded)', wholeResult, minimalDuringWhole, null));
    }
    const cpu = (name: string, service: Result, baseline: Result) =>
      `${name.padEnd(24)}${service.cpu!.service.toFixed(2).padStart(9)}${service.cpu!.postgres.toFixed(2).padStart(10)}` +
      `${baseline.cpu!.postgres.toFixed(2).padStart(14)}`;
    console.log('CPU ms per registration      service  postgres  minimal write');
    console.log(cpu('one session', httpOneResult, minimalOne));
    console.log(cpu(`${SESSIONS} sessions`, httpManyResult, minimalMany));
    if (httpPacedResult && minimalPaced)
      console.log(cpu(`one session, ${RATE}/s open`, httpPacedResult, minimalPaced));
    if (wholeCpu) {
      console.log('CPU ms per registration, whole system (burst until every consequence is done)');
      for (const [name, ms] of Object.entries(wholeCpu))
        console.log(`  ${name.padEnd(24)}${(ms / REQUESTS).toFixed(2).padStart(8)}`);
    }
    console.log('no session oversold; seat counters match the registrations; waitlist positions contiguous');
    console.log(
      `load average at the end: ${loadavg()
        .map((n) => n.toFixed(1))
        .join(', ')}`,
    );
  } finally {
    for (const service of processes.reverse()) await service.stop().catch(() => undefined);
    await owner.destroy().catch(() => undefined);
    for (const database of databases) await database.drop().catch(() => undefined);
    for (const service of ['registration', 'catalog', 'notifications', 'reporting'])
      await deleteRedisKeys(`${redisPrefix}-${service}`);
    await kafka.cleanup();
    await smtp?.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
