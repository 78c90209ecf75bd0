import { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { useTestDatabase } from '@respire/testing';
import { REGISTRATION_MIGRATIONS } from '../../infrastructure/migrations';
import { LinkedRegistrationFunction1763910000060 } from '../../infrastructure/migrations/linked-registration-function';
import { LINKED_REGISTRATION_STATEMENT, LinkedRegistrationQuery } from './linked-registration.query';

/** The link page's read as a prepared statement, on one pooled connection as the service's role. */
describe('LinkedRegistrationQuery (real PostgreSQL)', () => {
  let pool: Pool;
  // Before the database's own afterAll, which drops it: the pool ends first.
  afterAll(() => pool?.end());
  const db = useTestDatabase(REGISTRATION_MIGRATIONS);
  const query = new LinkedRegistrationQuery();
  const mark = Buffer.alloc(32, 7);
  const tenantId = uuidv7();
  const registrationId = uuidv7();

  beforeAll(async () => {
    const sessionId = uuidv7();
    const participantId = uuidv7();
    await db.owner.query(
      `INSERT INTO session (tenant_id, id, activity_id, title, category, confidential, starts_at, ends_at, timezone, venue, capacity, status)
       VALUES ($1, $2, $3, 'Groupe de parole', 'Gestion des émotions', false, now() + interval '2 days', now() + interval '49 hours',
               'Europe/Paris', '{"name": "Maison de santé", "address": null}'::jsonb, 10, 'published')`,
      [tenantId, sessionId, uuidv7()],
    );
    await db.owner.query(
      `INSERT INTO participant (tenant_id, id, email, first_name, last_name, profession, practice_mode, postcode, department, consents, created_at, updated_at)
       VALUES ($1, $2, $3, 'Claire', 'Martin', 'infirmier', 'liberal', '25000', '25', '{}'::jsonb, now(), now())`,
      [tenantId, participantId, `claire.${participantId}@example.org`],
    );
    await db.owner.query(
      `INSERT INTO registration (tenant_id, id, session_id, participant_id, status, origin, created_at, status_changed_at)
       VALUES ($1, $2, $3, $4, 'confirmed', 'public', now(), now())`,
      [tenantId, registrationId, sessionId, participantId],
    );
    pool = new Pool({ connectionString: db.database.appUrl, max: 1 });
  });

  const preparedOnConnection = async () =>
    (
      await pool.query(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = $1`, [
        LINKED_REGISTRATION_STATEMENT.name,
      ])
    ).rows[0].n as number;

  it('prepares the statement once per connection and reads the registration with it every time', async () => {
    for (let read = 0; read < 3; read++) {
      const found = await query.find(pool, tenantId, registrationId, mark);
      expect(found).toMatchObject({ id: registrationId, status: 'confirmed', feedbackGiven: false });
      expect(found?.session.venue).toEqual({ name: 'Maison de santé', address: null });
    }
    expect(await preparedOnConnection()).toBe(1);
  });

  it('shows nothing under another tenant: the prepared read stays under row-level security', async () => {
    expect(await query.find(pool, uuidv7(), registrationId, mark)).toBeNull();
    expect(await query.find(pool, tenantId, registrationId, mark)).not.toBeNull();
  });

  it('keeps reading after a migration replaces the function (its result is one json column)', async () => {
    const runner = db.owner.createQueryRunner();
    try {
      const migration = new LinkedRegistrationFunction1763910000060();
      await runner.startTransaction();
      await migration.down(runner);
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    expect(await query.find(pool, tenantId, registrationId, mark)).toMatchObject({ id: registrationId });
  });
});
