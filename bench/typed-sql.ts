/**
 * What typed SQL costs over a raw `manager.query()`: `npm run bench:typed-sql`.
 * On a migrated catalog database (real PostgreSQL, app role, tenant transaction), the session view
 * (five joins) and a one-row read, each run ROUNDS times in one transaction, raw then typed then
 * raw then typed (the two raw runs and the two typed runs averaged). Also prints the cost of
 * building and compiling the view query alone. Prints the typed/raw ratios.
 */
import { v7 as uuidv7 } from 'uuid';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { db } from '../apps/catalog/src/infrastructure/db';
import { CATALOG_MIGRATIONS } from '../apps/catalog/src/infrastructure/migrations';
import { viewQuery, withViewColumns } from '../apps/catalog/src/sessions/infrastructure/session.repository';
import { runInTenantTransaction } from '../libs/tenancy/src';
import { createTestDatabase } from '../libs/testing/src/test-database';

const ROUNDS = 2000;

/** The session view of the repository (viewQuery, withViewColumns), written by hand. */
const RAW_VIEW = `
  SELECT s.*, a.title AS activity_title, a.category AS activity_category, a.objective AS activity_objective,
         a.confidential AS activity_confidential, a.individual AS activity_individual,
         v.name AS venue_name, v.address AS venue_address, f.name AS facilitator_name,
         p.title AS programme_title, p.funder AS programme_funder, t.timezone
    FROM sessions s
    JOIN tenants t ON t.id = s.tenant_id
    JOIN activities a ON a.tenant_id = s.tenant_id AND a.id = s.activity_id
    JOIN venues v ON v.tenant_id = s.tenant_id AND v.id = s.venue_id
    LEFT JOIN facilitators f ON f.tenant_id = s.tenant_id AND f.id = s.facilitator_id
    LEFT JOIN programmes p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
   WHERE s.tenant_id = $1 AND s.id = $2`;

function typedView(manager: EntityManager, tenantId: string, id: string) {
  return withViewColumns(viewQuery(manager)).where('s.tenant_id', '=', tenantId).where('s.id', '=', id);
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i += 1) await work();
  return ((performance.now() - started) * 1000) / ROUNDS;
}

async function main(): Promise<void> {
  const database = await createTestDatabase(CATALOG_MIGRATIONS);
  try {
    const app = await database.dataSource('app');
    const tenantId = uuidv7();
    const ids = { activity: uuidv7(), venue: uuidv7(), session: uuidv7() };
    const now = new Date();
    await runInTenantTransaction(app, tenantId, async (m) => {
      await sql`INSERT INTO tenants (id, slug, name, timezone, locale, reminder_offsets_minutes, waitlist_mode,
                  offer_ttl_minutes, offer_cutoff_minutes, late_cancellation_minutes)
                VALUES (${tenantId}, 'bench', 'Bench', 'Europe/Paris', 'fr', '{}', 'offer', 1440, 60, 1440)`.execute(
        db(m),
      );
      await db(m)
        .insertInto('activities')
        .values({ tenant_id: tenantId, id: ids.activity, title: 'Yoga', category: 'corps' })
        .execute();
      await db(m)
        .insertInto('venues')
        .values({ tenant_id: tenantId, id: ids.venue, name: 'Salle' })
        .execute();
      await db(m)
        .insertInto('sessions')
        .values({
          tenant_id: tenantId,
          id: ids.session,
          activity_id: ids.activity,
          venue_id: ids.venue,
          starts_at: now,
          ends_at: new Date(now.getTime() + 3_600_000),
          capacity: 10,
          status: 'published',
          eligible_professions: [],
          eligible_practice_modes: [],
        })
        .execute();
    });

    const results = await runInTenantTransaction(app, tenantId, async (m) => {
      const rawView = () => m.query(RAW_VIEW, [tenantId, ids.session]);
      const typed = () => typedView(m, tenantId, ids.session).executeTakeFirst();
      const rawRow = () =>
        m.query(`SELECT * FROM venues WHERE tenant_id = $1 AND id = $2`, [tenantId, ids.venue]);
      const typedRow = () =>
        db(m)
          .selectFrom('venues')
          .selectAll()
          .where('tenant_id', '=', tenantId)
          .where('id', '=', ids.venue)
          .executeTakeFirst();
      const compileOnly = async () => typedView(m, tenantId, ids.session).compile();
      await timed(rawView);
      await timed(typed); // warm-up
      const view = { raw: ((await timed(rawView)) + (await timed(rawView))) / 2, typed: 0 };
      view.typed = ((await timed(typed)) + (await timed(typed))) / 2;
      const row = { raw: ((await timed(rawRow)) + (await timed(rawRow))) / 2, typed: 0 };
      row.typed = ((await timed(typedRow)) + (await timed(typedRow))) / 2;
      return { view, row, compile: await timed(compileOnly) };
    });
    const us = (n: number) => `${n.toFixed(0)} µs`;
    console.log(
      `session view   raw ${us(results.view.raw)}  typed ${us(results.view.typed)}  ratio ${(results.view.typed / results.view.raw).toFixed(2)}`,
    );
    console.log(
      `one-row read   raw ${us(results.row.raw)}  typed ${us(results.row.typed)}  ratio ${(results.row.typed / results.row.raw).toFixed(2)}`,
    );
    console.log(`build + compile of the view query alone: ${us(results.compile)}`);
  } finally {
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
