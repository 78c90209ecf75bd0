/**
 * Demo history for the sessions already held: registrations, attendance, no-shows,
 * cancellations and anonymous feedback, imported into the registration service's database and
 * published as events (reporting counts them; notifications sends nothing for past sessions).
 * Called by scripts/seed-demo.ts once the catalog is seeded; idempotent.
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { seedRegistrationHistory } from './seed-registration-history';
import { REGISTRATION_ENTITIES } from '../apps/registration/src/infrastructure/entities';
import { DEV_JWT_SECRET, devDatabaseUrl } from './dev-env';
import type { SeedOptions, SeedResult } from './seed-demo';

const ownerUrl = process.env.REGISTRATION_DATABASE_MIGRATION_URL ?? devDatabaseUrl('registration');
const appUrl = process.env.REGISTRATION_DATABASE_URL ?? ownerUrl.replace('//postgres@', '//respire_app@');

/** The registration service learns sessions from Kafka: wait until it holds every held one. */
async function waitForSessions(
  ids: string[],
  log: (line: string) => void,
  timeoutMs = 120_000,
): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS known FROM session WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      if (rows[0].known >= ids.length) return;
      if (Date.now() > deadline)
        throw new Error(`registration knows ${rows[0].known} of ${ids.length} held sessions`);
      log(`waiting for the registration service to know the held sessions (${rows[0].known}/${ids.length})`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    await client.end();
  }
}

export async function seedDemoRegistrations(result: SeedResult, options: SeedOptions): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? new Date();
  const held = result.tenants.flatMap((t) =>
    t.sessions.filter((s) => new Date(s.endsAt) < now).map((s) => s.id),
  );
  if (held.length === 0) return;
  await waitForSessions(held, log);
  const dataSource = new DataSource({ type: 'postgres', url: appUrl, entities: REGISTRATION_ENTITIES });
  await dataSource.initialize();
  try {
    const report = await seedRegistrationHistory({
      dataSource,
      linkSecret: process.env.REGISTRATION_LINK_SECRET ?? process.env.JWT_SECRET ?? DEV_JWT_SECRET,
      publicBaseUrl: process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3002',
      tenantIds: result.tenants.map((t) => t.id),
    });
    log(
      `demo history: ${report.registrations} registrations on ${report.sessions} held sessions ` +
        `(${report.attended} attended, ${report.noShows} no-shows, ${report.cancelled} cancelled, ${report.feedback} feedback)`,
    );
  } finally {
    await dataSource.destroy();
  }
}
