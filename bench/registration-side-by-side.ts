/**
 * Two builds of the registration service side by side (two git worktrees, each its own database),
 * driven at the same time by the same load: 50 clients on 50 sessions each, ROUNDS rounds of N
 * public registrations. Prints the CPU milliseconds per registration of each process (from /proc)
 * per round and their mean: on a shared, loaded machine, CPU figures taken one after the other
 * move by ±25 % between runs, two processes measured together see the same machine.
 *
 *   git worktree add --detach ../base main   (node_modules linked as in the checkout)
 *   ROOTS=../base,. node -r @swc-node/register bench/registration-side-by-side.ts
 *   (N=1000 ROUNDS=4 CAPACITY=20; IDEM=1 sends an Idempotency-Key; BASE_PORT=4140)
 */
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { TENANT_DEFAULTS } from '@respire/contracts';
import {
  createTestDatabase,
  createTestKafka,
  deleteRedisKeys,
  processCpuMs,
  testServiceEnv,
  TestDatabase,
} from '@respire/testing';
import { REGISTRATION_MIGRATIONS } from '../apps/registration/src/infrastructure/migrations';
import { postJson } from '../apps/registration/test/support';
import { participantForm } from './support/participant-form';

const N = Number(process.env.N ?? 1000);
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const CLIENTS = 50;
const SESSIONS = 50;
const ROOTS = (process.env.ROOTS ?? '')
  .split(',')
  .filter(Boolean)
  .map((root) => resolve(root));
const BASE_PORT = Number(process.env.BASE_PORT ?? 4140);
const IDEM = process.env.IDEM === '1';

const cpu = (pid: number): number => processCpuMs(pid) ?? Number.NaN;

async function setup(db: TestDatabase) {
  const owner = await db.dataSource('owner');
  const tenantId = uuidv7();
  const slug = `side-${tenantId.slice(-8)}`;
  await owner.query(
    `INSERT INTO tenant_directory (tenant_id, slug, name, timezone, waitlist_mode, offer_ttl_minutes, offer_cutoff_minutes, late_cancellation_minutes)
     VALUES ($1, $2, 'CPTS bench', $3, $4, $5, $6, $7)`,
    [
      tenantId,
      slug,
      TENANT_DEFAULTS.timezone,
      TENANT_DEFAULTS.waitlist.mode,
      TENANT_DEFAULTS.waitlist.offerTtlMinutes,
      TENANT_DEFAULTS.waitlist.offerCutoffMinutes,
      TENANT_DEFAULTS.lateCancellationMinutes,
    ],
  );
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const sessions = Array.from({ length: SESSIONS }, () => uuidv7());
  for (const id of sessions)
    await owner.query(
      `INSERT INTO session (tenant_id, id, activity_id, title, category, confidential, starts_at, ends_at, timezone, venue, capacity, status)
       VALUES ($1, $2, $3, 'Cardio boxing', 'Énergie & Mouvement', false, $4, $5, 'Europe/Paris',
       '{"id": "0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c04", "name": "Association Le Don du Souffle", "address": null}'::jsonb, $6, 'published')`,
      [
        tenantId,
        id,
        uuidv7(),
        startsAt,
        new Date(startsAt.getTime() + 3_600_000),
        Number(process.env.CAPACITY ?? 20),
      ],
    );
  await owner.destroy();
  return { slug, sessions };
}
async function start(root: string, env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/registration/src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      ...env,
      PORT: String(port),
      ...(process.env.SERVICE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SERVICE_NODE_OPTIONS } : {}),
    },
  });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const ok = await new Promise<boolean>((resolve) =>
        httpRequest(`${base}/health/ready`, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        })
          .on('error', () => resolve(false))
          .end(),
      );
      if (ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600 || child.exitCode !== null) throw new Error(`${root} not ready: ${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, base, out: () => out };
}
interface Target {
  root: string;
  slug: string;
  sessions: string[];
  s: Awaited<ReturnType<typeof start>>;
  agent: Agent;
}

async function main() {
  if (ROOTS.length === 0) throw new Error('ROOTS: the checkouts to compare, comma-separated');
  const kafka = await createTestKafka();
  const dbs: TestDatabase[] = [];
  const prefixes: string[] = [];
  const services: Awaited<ReturnType<typeof start>>[] = [];
  try {
    const targets: Target[] = [];
    for (const [i, root] of ROOTS.entries()) {
      const db = await createTestDatabase(REGISTRATION_MIGRATIONS);
      dbs.push(db);
      const t = await setup(db);
      const prefix = `side-by-side-${uuidv7().slice(-12)}`;
      prefixes.push(prefix);
      const s = await start(
        root,
        testServiceEnv(
          { db, kafka, redisPrefix: prefix },
          {
            LOG_LEVEL: 'error',
            PUBLIC_RATE_LIMIT: process.env.RL ?? '0',
            ROLE: process.env.ROLE ?? 'http,consumer,worker',
          },
        ),
        BASE_PORT + i,
      );
      services.push(s);
      targets.push({ root, ...t, s, agent: new Agent({ keepAlive: true, maxSockets: CLIENTS }) });
    }
    const run = async (t: Target, n: number, label: string) => {
      let next = 0;
      let bad = 0;
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (next < n) {
            const i = next++;
            const { status } = await postJson(
              t.agent,
              `${t.s.base}/v1/public/tenants/${t.slug}/sessions/${t.sessions[i % SESSIONS]}/registrations`,
              participantForm(`ab-${label}-${i}-${uuidv7().slice(-8)}@example.org`),
              IDEM ? { 'idempotency-key': uuidv7() } : {},
            );
            if (status !== 201) bad++;
          }
        }),
      );
      if (bad) throw new Error(`${t.root}: ${bad} not 201: ${t.s.out().slice(-2000)}`);
    };
    await Promise.all(targets.map((t) => run(t, 1000, 'warm')));
    const totals = targets.map(() => [] as number[]);
    for (let r = 0; r < ROUNDS; r++) {
      const line: string[] = [];
      await Promise.all(
        targets.map(async (t, k) => {
          const a = cpu(t.s.child.pid!);
          const t0 = Date.now();
          await run(t, N, `r${r}`);
          const per = (cpu(t.s.child.pid!) - a) / N;
          totals[k].push(per);
          line[k] =
            `${t.root.split('/').pop()}: ${per.toFixed(3)} ms/reg ${((N * 1000) / (Date.now() - t0)).toFixed(0)} reg/s`;
        }),
      );
      console.log(
        `round ${r}: ${line.join('   ')}  (load ${loadavg()
          .map((x) => x.toFixed(1))
          .join(', ')})`,
      );
    }
    console.log(
      'mean: ' +
        targets
          .map(
            (t, k) =>
              `${t.root.split('/').pop()} ${(totals[k].reduce((a, b) => a + b, 0) / ROUNDS).toFixed(3)}`,
          )
          .join('   '),
    );
  } finally {
    for (const s of services) {
      s.child.kill('SIGTERM');
      await new Promise((r) => s.child.once('exit', r));
    }
    for (const db of dbs) await db.drop().catch(() => undefined);
    for (const p of prefixes) await deleteRedisKeys(p);
    await kafka.cleanup();
  }
}
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
