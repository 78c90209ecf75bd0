/**
 * Registration burst: CLIENTS concurrent clients registering over HTTP to the real registration
 * service (a separate Node process, as deployed: HTTP + consumer + worker, relay off so the outbox
 * only fills, as in the baseline), first all on ONE session (every request queues on the same
 * session lock), then spread over SESSIONS sessions. Baseline in the same run: pgbench running
 * the same SQL statements the service runs for one registration (slug lookup; then in one
 * transaction: tenant setting, participant upsert, tenant policy, session row lock, waitlist
 * count, registration insert with the seat trigger, outbox insert, NOTIFY), with the same
 * number of clients, as the same non-owner role under row-level security. The ratio shows what
 * HTTP, validation, Nest and the Node driver cost on top of PostgreSQL.
 *
 *   npm run bench:registration            (CLIENTS=50 REQUESTS=1000 SESSIONS=50 to change the load)
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { createEvent, REGISTRATION_CONFIRMED_V1, RegistrationConfirmedV1 } from '@respire/contracts';
import { createTestDatabase, createTestKafka, deleteRedisKeys, TEST_JWT_SECRET, testInfrastructure } from '@respire/testing';
import { REGISTRATION_MIGRATIONS } from '../apps/registration/src/infrastructure/migrations';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const REQUESTS = Number(process.env.REQUESTS ?? 1000);
const SESSIONS = Number(process.env.SESSIONS ?? 50);
const ONE_SESSION_CAPACITY = 10;
const MANY_SESSIONS_CAPACITY = 20;

interface Result {
  perSecond: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarise(latenciesMs: number[], elapsedMs: number): Result {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return { perSecond: (latenciesMs.length * 1000) / elapsedMs, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Session ids the pgbench script can compute from a number (no lookup table). */
function sessionUuid(n: number): string {
  return `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function postJson(agent: Agent, url: string, body: unknown): Promise<number> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function httpBurst(baseUrl: string, slug: string, sessionFor: (i: number) => string, label: string): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const body = {
          email: `bench-${label}-${i}-${uuidv7().slice(-8)}@example.org`,
          firstName: 'Claire',
          lastName: 'Martin',
          profession: 'infirmier',
          practiceMode: 'liberal',
          postcode: '25000',
          consents: { dataProcessing: true },
        };
        const t = performance.now();
        const status = await postJson(agent, `${baseUrl}/v1/public/tenants/${slug}/sessions/${sessionFor(i)}/registrations`, body);
        latencies.push(performance.now() - t);
        if (status !== 201) failures++;
      }
    }),
  );
  const elapsed = performance.now() - started;
  agent.destroy();
  if (failures > 0) throw new Error(`${label}: ${failures} requests did not answer 201`);
  return summarise(latencies, elapsed);
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

/** The statements the service runs for one public registration, as a pgbench script. */
function pgbenchScript(outboxPayloadBase64: string): string {
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

function pgbenchRun(appUrl: string, script: string, variables: Record<string, string>): Result {
  const dir = mkdtempSync(join(tmpdir(), 'respire-pgbench-'));
  try {
    const file = join(dir, 'registration.sql');
    writeFileSync(file, script);
    const perClient = Math.max(1, Math.round(REQUESTS / CLIENTS));
    const args = ['-n', '-M', 'simple', '-c', String(CLIENTS), '-j', '2', '-t', String(perClient), '-f', file, '-l', `--log-prefix=${join(dir, 'log')}`];
    for (const [name, value] of Object.entries(variables)) args.push('-D', `${name}=${value}`);
    args.push(appUrl);
    const output = execFileSync(pgbenchBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1]);
    const latencies: number[] = [];
    for (const name of readdirSync(dir).filter((n) => n.startsWith('log'))) {
      for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
        const fields = line.trim().split(/\s+/);
        if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);
      }
    }
    const failed = /number of failed transactions: (\d+)/.exec(output)?.[1];
    if (failed && failed !== '0') throw new Error(`pgbench: ${failed} failed transactions\n${output}`);
    const sorted = latencies.sort((a, b) => a - b);
    return { perSecond: tps, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitReady(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the registration service exited (${child.exitCode})`);
    try {
      const response = await fetch(`${baseUrl}/health/ready`);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the registration service did not become ready within 60 s');
}

async function main(): Promise<void> {
  const kafka = await createTestKafka();
  const db = await createTestDatabase(REGISTRATION_MIGRATIONS);
  const owner = await db.dataSource('owner');
  const redisPrefix = `bench-${uuidv7().slice(-12)}`;
  const tenantId = uuidv7();
  const slug = `bench-${tenantId.slice(-8)}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  try {
    // The tenant and sessions as the catalog events would have left them.
    await owner.query(`INSERT INTO tenant_directory (tenant_id, slug, name) VALUES ($1, $2, 'CPTS bench')`, [tenantId, slug]);
    const startsAt = new Date(Date.now() + 7 * 86_400_000);
    const insertSession = (id: string, capacity: number) =>
      owner.query(
        `INSERT INTO session (tenant_id, id, activity_id, title, category, confidential, starts_at, ends_at, timezone, venue,
           capacity, status)
         VALUES ($1, $2, $3, 'Cardio boxing', 'Énergie & Mouvement', false, $4, $5, 'Europe/Paris',
           '{"id": "0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c04", "name": "Association Le Don du Souffle", "address": null}'::jsonb,
           $6, 'published')`,
        [tenantId, id, uuidv7(), startsAt, new Date(startsAt.getTime() + 3_600_000), capacity],
      );
    const httpOne = uuidv7();
    const pgOne = uuidv7();
    const warmup = uuidv7();
    for (const id of [httpOne, pgOne]) await insertSession(id, ONE_SESSION_CAPACITY);
    await insertSession(warmup, 1000);
    const httpMany = Array.from({ length: SESSIONS }, (_, i) => sessionUuid(1001 + i));
    for (const id of httpMany) await insertSession(id, MANY_SESSIONS_CAPACITY);
    for (let i = 1; i <= SESSIONS; i++) await insertSession(sessionUuid(i), MANY_SESSIONS_CAPACITY);

    child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/registration/src/main.ts'], {
      cwd: join(__dirname, '..'),
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        ROLE: 'http,consumer,worker',
        PORT: String(port),
        DATABASE_URL: db.appUrl,
        JWT_SECRET: TEST_JWT_SECRET,
        KAFKA_BROKERS: testInfrastructure.kafkaBrokers.join(','),
        KAFKA_PREFIX: kafka.prefix,
        REDIS_URL: testInfrastructure.redisUrl,
        REDIS_PREFIX: redisPrefix,
        PUBLIC_RATE_LIMIT: '0',
        LOG_LEVEL: 'error',
      },
    });
    await waitReady(baseUrl, child);
    await httpBurst(baseUrl, slug, () => warmup, 'warmup');

    const httpOneResult = await httpBurst(baseUrl, slug, () => httpOne, 'one');
    const httpManyResult = await httpBurst(baseUrl, slug, (i) => httpMany[i % SESSIONS], 'many');

    const example = REGISTRATION_CONFIRMED_V1.example as RegistrationConfirmedV1;
    const payload = createEvent(REGISTRATION_CONFIRMED_V1, example, { tenantId, source: 'registration', subject: example.registrationId });
    const script = pgbenchScript(Buffer.from(JSON.stringify(payload)).toString('base64'));
    const pgOneResult = pgbenchRun(db.appUrl, script, { tenant: tenantId, slug, one: pgOne, sessions: '1' });
    const pgManyResult = pgbenchRun(db.appUrl, script, { tenant: tenantId, slug, one: pgOne, sessions: String(SESSIONS) });

    // Whatever the load, no session holds more seats than it has.
    const [overbooked] = await owner.query(
      `SELECT count(*)::int AS n FROM session s WHERE tenant_id = $1 AND (seats_held > capacity
         OR seats_held <> (SELECT count(*) FROM registration r WHERE r.tenant_id = s.tenant_id AND r.session_id = s.id
                            AND r.status IN ('confirmed', 'offered', 'attended', 'no_show')))`,
      [tenantId],
    );
    if (overbooked.n !== 0) throw new Error(`${overbooked.n} sessions oversold or miscounted`);

    const row = (name: string, service: Result, baseline: Result) =>
      `${name.padEnd(22)}${service.perSecond.toFixed(0).padStart(8)}${service.p50.toFixed(1).padStart(9)}${service.p99.toFixed(1).padStart(9)}` +
      `${baseline.perSecond.toFixed(0).padStart(11)}${baseline.p50.toFixed(1).padStart(9)}${baseline.p99.toFixed(1).padStart(9)}` +
      `${(service.perSecond / baseline.perSecond).toFixed(2).padStart(9)}`;
    console.log(`registration burst: ${CLIENTS} concurrent clients, ${REQUESTS} registrations per scenario`);
    console.log(`                        service over HTTP         pgbench, same SQL     ratio`);
    console.log(`scenario                 reg/s   p50 ms   p99 ms      tps   p50 ms   p99 ms  (reg/s)`);
    console.log(row(`one session (${ONE_SESSION_CAPACITY} seats)`, httpOneResult, pgOneResult));
    console.log(row(`${SESSIONS} sessions`, httpManyResult, pgManyResult));
    console.log('no session oversold; seat counters match the registrations');
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
    await db.drop();
    await deleteRedisKeys(redisPrefix);
    await kafka.cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
