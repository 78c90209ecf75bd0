/**
 * Public pages under load: `npm run bench:web` (options: `--no-build`, `--seconds N`, `--runs N`,
 * `--pages cancel,…` (only these), `--profile web,registration`, `--hold`).
 *
 * Every part runs as its own process, as in production: catalog, registration and notifications
 * (each with its HTTP, consumer, relay and worker roles) and the web app, started from their
 * builds in dist/ (the script builds them first), each with a fresh database, Kafka prefix and
 * Redis prefix, with the demo data; the load comes from wrk (Debian's, installed with apt-get
 * when missing), 50 connections over 2 threads, each sending its next request when the last
 * answered (50 concurrent clients), keep-alive, `Accept-Encoding: br` as browsers send it.
 *
 * Pages measured: the Besançon programme, a registration form, and a participant's cancel link
 * page (rotating over 20 registrations). The rate limiters are on at every hop (their Redis
 * round trips count) with a limit no client reaches. The baseline, measured in the same run with
 * the same client, is the physical minimum: a bare node:http server (own process) answering the
 * very bytes each page answered, after running, for the link page, the one SQL query its data
 * needs (registration's linked_registration, on the same database, over a pool of the same size).
 * Prints p50/p95/p99 per page and the ratio of p95 to the baseline's; on a shared machine the
 * ratio is the figure to compare between runs. It also prints the CPU each process spent per
 * request answered during each measure (user + system time from /proc/<pid>/stat, divided by the
 * requests wrk completed): the web app's and registration's (whose background roles — consumer,
 * relay, worker — spend what the idle line shows), and the baseline's. Unlike latency, this does
 * not move when other work shares the machine.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CATALOG_MIGRATIONS } from '../apps/catalog/src/infrastructure/migrations';
import { NOTIFICATIONS_MIGRATIONS } from '../apps/notifications/src/infrastructure/migrations';
import { REGISTRATION_MIGRATIONS } from '../apps/registration/src/infrastructure/migrations';
import {
  createTestDatabase,
  createTestKafka,
  deleteRedisKeys,
  freePort,
  processCpuMs,
  ServiceProcess,
  spawnServiceProcess,
  TEST_JWT_SECRET,
  TestDatabase,
  testServiceEnv,
  uniqueSuffix,
  waitFor,
} from '@respire/testing';
import { startSmtpServer } from '@respire/testing/smtp';
import { seedDemo } from '../scripts/seed-demo';
import { FeedbackVault } from '../apps/registration/src/registrations/infrastructure/feedback-vault';
import { LINKED_REGISTRATION_STATEMENT } from '../apps/registration/src/registrations/infrastructure/linked-registration.query';
import type { CapturedPage } from './web/static-server';
import { participantForm } from './support/participant-form';

const ROOT = join(__dirname, '..');
const CONNECTIONS = 50;
const LINK_PAGES = 20;
const NO_LIMIT_REACHED = '100000000';

interface Options {
  build: boolean;
  seconds: number;
  runs: number;
  /** Processes to run under --cpu-prof (`--profile web,registration`): profiles are kept in a printed folder. */
  profile: string[];
  /** `--hold`: after measuring, keep everything running (and print where) until Ctrl-C, to probe by hand. */
  hold: boolean;
  /** `--pages link`: measure only the pages whose name starts with one of these (a profile of one page). */
  pages: string[];
}

interface Percentiles {
  requests: number;
  seconds: number;
  failed: number;
  /** Requests not answered within wrk's 5 s (a machine overloaded by other work): counted, not fatal. */
  timeouts: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function options(): Options {
  const args = process.argv.slice(2);
  const value = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    return at === -1 ? fallback : Number(args[at + 1]);
  };
  const profile = args.indexOf('--profile');
  return {
    build: !args.includes('--no-build'),
    seconds: value('--seconds', 15),
    runs: value('--runs', 2),
    profile: profile === -1 ? [] : args[profile + 1].split(','),
    hold: args.includes('--hold'),
    pages: args.includes('--pages') ? args[args.indexOf('--pages') + 1].split(',') : [],
  };
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The one-minute load average, to print beside each figure. */
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

/** CPU milliseconds (user + system) a running process has spent so far. */
const cpuMs = (pid: number): number => processCpuMs(pid) ?? Number.NaN;

/** CPU milliseconds each named process spends while `work` runs. */
function cpuDuring<T>(
  pids: Record<string, number>,
  work: () => T,
): { result: T; cpu: Record<string, number> } {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  const result = work();
  return {
    result,
    cpu: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid) - before[name]])),
  };
}

function ensureWrk(): void {
  if (spawnSync('sh', ['-c', 'command -v wrk'], { stdio: 'ignore' }).status === 0) return;
  say('wrk is missing: installing Debian’s package (apt-get install -y wrk)');
  const install = spawnSync(
    'sh',
    ['-c', 'apt-get install -y wrk || (apt-get update && apt-get install -y wrk)'],
    { stdio: 'inherit' },
  );
  if (install.status !== 0)
    throw new Error('could not install wrk with apt-get: install it (apt-get install wrk) and run again');
}

/** One wrk run over `paths` of `origin`: its latency percentiles in milliseconds. */
function wrk(origin: string, paths: string[], seconds: number, directory: string): Percentiles {
  const list = join(directory, `paths-${uniqueSuffix()}.txt`);
  writeFileSync(list, `${paths.join('\n')}\n`);
  const output = execFileSync(
    'wrk',
    [
      '-t2',
      `-c${CONNECTIONS}`,
      `-d${seconds}s`,
      '--timeout',
      '5s',
      '-s',
      join(__dirname, 'web', 'wrk-report.lua'),
      origin,
    ],
    { env: { ...process.env, WRK_PATHS: list }, encoding: 'utf8' },
  );
  const json = output.split('\n').find((line) => line.startsWith('{'));
  if (!json) throw new Error(`wrk printed no report:\n${output}`);
  return JSON.parse(json) as Percentiles;
}

/** The bytes a path answers with `Accept-Encoding: br`, as they cross the wire. */
function wireBytes(url: string): Promise<{ status: number; body: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'br', accept: 'text/html' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks),
          encoding: response.headers['content-encoding'],
        }),
      );
    }).on('error', reject);
  });
}

async function main(): Promise<void> {
  const opts = options();
  ensureWrk();
  if (opts.build) {
    say('building web, catalog, registration, notifications (node scripts/build.mjs)');
    execFileSync(
      process.execPath,
      [join(ROOT, 'scripts', 'build.mjs'), 'web', 'catalog', 'registration', 'notifications'],
      { stdio: 'ignore' },
    );
  }

  const started: ServiceProcess[] = [];
  const databases: TestDatabase[] = [];
  const redisPrefix = `bench-web-${uniqueSuffix()}`;
  const kafka = await createTestKafka();
  const smtp = await startSmtpServer();
  const directory = mkdtempSync(join(tmpdir(), 'bench-web-'));
  const profiles = opts.profile.length ? mkdtempSync(join(tmpdir(), 'bench-web-profiles-')) : null;
  const profiled = (name: string): Record<string, string> =>
    profiles && opts.profile.includes(name)
      ? {
          NODE_OPTIONS: `--disable-warning=TimeoutNegativeWarning --cpu-prof --cpu-prof-dir=${profiles}/${name}`,
        }
      : {};
  let baseline: ReturnType<typeof spawn> | null = null;
  try {
    const webPort = await freePort();
    const origin = `http://127.0.0.1:${webPort}`;
    const common = {
      PUBLIC_BASE_URL: origin,
      PUBLIC_RATE_LIMIT: NO_LIMIT_REACHED,
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
    };
    const service = async (
      name: string,
      migrations: Parameters<typeof createTestDatabase>[0],
      extra: Record<string, string> = {},
    ) => {
      const db = await createTestDatabase(migrations);
      databases.push(db);
      const env = testServiceEnv(
        { db, kafka, redisPrefix: `${redisPrefix}-${name}` },
        { ...common, ROLE: 'http,consumer,relay,worker', ...extra, ...profiled(name) },
      );
      const process = await spawnServiceProcess(`dist/apps/${name}/main.js`, env);
      started.push(process);
      return process;
    };
    say('starting catalog, registration, notifications and the web app, each in its own process');
    const catalog = await service('catalog', CATALOG_MIGRATIONS);
    const registration = await service('registration', REGISTRATION_MIGRATIONS);
    await service('notifications', NOTIFICATIONS_MIGRATIONS, { SMTP_URL: smtp.url });
    const web = await spawnServiceProcess(
      'dist/apps/web/main.js',
      {
        NODE_ENV: 'test',
        JWT_SECRET: TEST_JWT_SECRET,
        ...common,
        CATALOG_URL: catalog.baseUrl,
        REGISTRATION_URL: registration.baseUrl,
        REDIS_URL: testServiceEnv({ db: databases[0], kafka, redisPrefix }).REDIS_URL,
        REDIS_PREFIX: `${redisPrefix}-web`,
        WEB_CATALOG_CACHE_SECONDS: '5',
        ...profiled('web'),
      },
      { port: webPort },
    );
    started.push(web);

    say('demo data, and registrations whose cancel link pages are measured');
    const demo = await seedDemo({ catalogUrl: catalog.baseUrl, jwtSecret: TEST_JWT_SECRET });
    const besancon = demo.tenants.find((t) => t.slug === 'capacites-besancon')!;
    const open = besancon.sessions.filter((s) => s.status === 'published' && !s.confidential);
    const registrationDb = await databases[1].dataSource('owner');
    await waitFor(
      async () =>
        (
          await registrationDb.query(`SELECT count(*)::int AS n FROM session WHERE id = ANY($1::uuid[])`, [
            open.map((s) => s.id),
          ])
        )[0].n as number,
      (known) => known === open.length,
      { what: 'registration to know the demo sessions', timeoutMs: 90_000 },
    );
    for (let i = 0; i < LINK_PAGES; i++) {
      const answer = await fetch(
        `${registration.baseUrl}/v1/public/tenants/capacites-besancon/registrations`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            sessionIds: [open[i % open.length].id],
            ...participantForm(`bench.${i}.${uniqueSuffix()}@example.org`),
          }),
        },
      );
      if (answer.status !== 201)
        throw new Error(`registration answered ${answer.status}: ${await answer.text()}`);
    }
    const linked: { path: string; tenantId: string; registrationId: string }[] = (
      await registrationDb.query(
        `SELECT o.payload->'data'->'links'->>'cancel' AS link, r.tenant_id AS "tenantId", r.id AS "registrationId"
           FROM outbox o JOIN registration r ON r.id = (o.payload->'data'->>'registrationId')::uuid
          WHERE o.type = 'registration.confirmed' ORDER BY o.seq`,
      )
    ).map((row: { link: string; tenantId: string; registrationId: string }) => ({
      ...row,
      path: new URL(row.link).pathname + new URL(row.link).search,
    }));
    if (linked.length !== LINK_PAGES)
      throw new Error(`found ${linked.length} cancel links for ${LINK_PAGES} registrations`);
    const links = linked.map((l) => l.path);
    // The link page's floor: the one query registration runs for it (LinkedRegistrationQuery), run directly.
    const vault = new FeedbackVault(TEST_JWT_SECRET);
    const pageSql = new Map(
      linked.map((l) => [
        l.path,
        {
          ...LINKED_REGISTRATION_STATEMENT,
          values: [
            l.tenantId,
            l.registrationId,
            { bytea: vault.givenMark(l.tenantId, l.registrationId).toString('base64') },
          ],
        },
      ]),
    );

    const formPath = (await fetch(`${origin}/capacites-besancon`).then((r) => r.text())).match(
      /href="(\/capacites-besancon\/activites\/[^"?]+\/inscription)"/,
    )![1];
    const pages: { name: string; paths: string[] }[] = [
      { name: 'programme', paths: ['/capacites-besancon'] },
      { name: 'registration form', paths: [formPath] },
      { name: 'cancel link page', paths: links },
    ].filter((page) => !opts.pages.length || opts.pages.some((prefix) => page.name.startsWith(prefix)));

    say('');
    say('bytes transferred (br), HTML + CSS + JS:');
    const assets = [
      ...(await fetch(`${origin}/capacites-besancon`).then((r) => r.text())).matchAll(
        /(?:href|src)="(\/assets\/[^"]+)"/g,
      ),
    ].map((m) => m[1]);
    let assetBytes = 0;
    for (const asset of assets) assetBytes += (await wireBytes(`${origin}${asset}`)).body.length;
    const bodies: Record<string, CapturedPage> = {};
    for (const page of pages) {
      for (const path of page.paths) {
        const answer = await wireBytes(`${origin}${path}`);
        if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
        bodies[path] = {
          base64: answer.body.toString('base64'),
          encoding: answer.encoding ?? null,
          sql: pageSql.get(path),
        };
      }
      const first = bodies[page.paths[0]];
      const html = Buffer.from(first.base64, 'base64').length;
      say(
        `  ${page.name.padEnd(18)} ${html} B html (${first.encoding ?? 'not compressed'}) + ${assetBytes} B css/js = ${((html + assetBytes) / 1024).toFixed(1)} KB`,
      );
    }

    const bodiesFile = join(directory, 'bodies.json');
    writeFileSync(bodiesFile, JSON.stringify(bodies));
    const baselinePort = await freePort();
    baseline = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        join(__dirname, 'web', 'static-server.ts'),
        bodiesFile,
        String(baselinePort),
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databases[1].appUrl },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve) => baseline!.stdout!.once('data', () => resolve()));
    const baselineOrigin = `http://127.0.0.1:${baselinePort}`;

    say('');
    say(
      `latency, ${CONNECTIONS} concurrent clients (wrk -t2 -c${CONNECTIONS}), ${opts.seconds} s per measure, ${opts.runs} runs, ms:`,
    );
    const ms = (value: number) => value.toFixed(1).padStart(6);
    const servicePids = { web: web.child.pid!, registration: registration.child.pid! };
    const idle = cpuDuring(servicePids, () => spawnSync('sleep', ['3']));
    say(
      `  idle CPU: web ${(idle.cpu.web / 3).toFixed(1)} ms/s, registration ${(idle.cpu.registration / 3).toFixed(1)} ms/s (its consumer, relay and worker roles)`,
    );
    for (const page of pages) wrk(origin, page.paths, 3, directory); // warm-up: JIT, caches, pools
    for (let run = 1; run <= opts.runs; run++) {
      for (const page of pages) {
        const { result: measured, cpu } = cpuDuring(servicePids, () =>
          wrk(origin, page.paths, opts.seconds, directory),
        );
        const { result: floor, cpu: floorCpu } = cpuDuring({ baseline: baseline!.pid! }, () =>
          wrk(baselineOrigin, page.paths, opts.seconds, directory),
        );
        if (measured.failed > 0 || floor.failed > 0)
          throw new Error(`${page.name}: ${measured.failed} failed requests (baseline ${floor.failed})`);
        if (measured.timeouts > 0 || floor.timeouts > 0)
          say(
            `        ${measured.timeouts} requests timed out (baseline ${floor.timeouts}): the machine is overloaded`,
          );
        const perRequest = (spent: number, of: Percentiles) => (spent / of.requests).toFixed(3);
        say(
          `  run ${run} ${page.name.padEnd(18)} p50 ${ms(measured.p50)} p95 ${ms(measured.p95)} p99 ${ms(measured.p99)} (${Math.round(measured.requests / measured.seconds)} req/s)` +
            ` | baseline p50 ${ms(floor.p50)} p95 ${ms(floor.p95)} p99 ${ms(floor.p99)} (${Math.round(floor.requests / floor.seconds)} req/s)` +
            ` | p95 ratio ${(measured.p95 / floor.p95).toFixed(1)}`,
        );
        say(
          `        CPU ms/request: web ${perRequest(cpu.web, measured)}, registration ${perRequest(cpu.registration, measured)}` +
            ` | baseline ${perRequest(floorCpu.baseline, floor)} | load ${loadAverage()}`,
        );
      }
    }
    if (opts.hold) {
      say(
        `\nholding: web ${origin}, catalog ${catalog.baseUrl}, registration ${registration.baseUrl}, baseline ${baselineOrigin}`,
      );
      say(
        `a link page: ${links[0]}; registration reads it at ${registration.baseUrl}/v1/public/registrations/${links[0].split('/')[2]}?token=${new URLSearchParams(links[0].split('?')[1]).get('token')}`,
      );
      say('Ctrl-C (SIGINT) stops and cleans up');
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    }
  } finally {
    const stopping = performance.now();
    baseline?.kill('SIGTERM');
    for (const process of started.reverse()) await process.stop();
    for (const db of databases) await db.drop().catch(() => undefined);
    await kafka.cleanup().catch(() => undefined);
    await deleteRedisKeys(redisPrefix).catch(() => undefined);
    await smtp.close();
    rmSync(directory, { recursive: true, force: true });
    say(`(stopped and cleaned up in ${((performance.now() - stopping) / 1000).toFixed(1)} s)`);
    if (profiles) say(`CPU profiles (open in Chrome DevTools): ${profiles}`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
