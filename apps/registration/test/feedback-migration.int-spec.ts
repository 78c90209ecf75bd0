import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { MessagingTables1763900000000 } from '@respire/messaging';
import { TenancyFunctions1763900000005 } from '@respire/tenancy';
import { useTestDatabase } from '@respire/testing';
import { FeedbackApart1763910000020 } from '../src/infrastructure/migrations/feedback-apart';
import { RegistrationSchema1763910000000 } from '../src/infrastructure/migrations/registration-schema';

/** Feedback stored before the upgrade shared its registration's transaction id; after it, none does. */
describe('FeedbackApart migration (real PostgreSQL)', () => {
  const db = useTestDatabase([
    MessagingTables1763900000000,
    TenancyFunctions1763900000005,
    RegistrationSchema1763910000000,
  ]);
  const tenantId = uuidv7();
  const sessionId = uuidv7();

  beforeAll(async () => {
    await db.owner.query(
      `INSERT INTO session (tenant_id, id, activity_id, title, category, confidential, starts_at, ends_at, timezone, venue, capacity, status)
       VALUES ($1, $2, $3, 'Groupe de parole', 'Gestion des émotions', true, now() - interval '2 days', now() - interval '47 hours',
               'Europe/Paris', '{}'::jsonb, 10, 'published')`,
      [tenantId, sessionId, uuidv7()],
    );
    // As the service used to: registration marked and feedback written in one transaction each.
    for (let i = 0; i < 3; i++) {
      await db.owner.transaction(async (m) => {
        const participantId = uuidv7();
        const registrationId = uuidv7();
        await m.query(
          `INSERT INTO participant (tenant_id, id, email, first_name, last_name, profession, practice_mode, postcode, department, consents, created_at, updated_at)
           VALUES ($1, $2, $3, 'Claire', 'Martin', 'infirmier', 'liberal', '25000', '25', '{}'::jsonb, now(), now())`,
          [tenantId, participantId, `p${i}.${participantId}@example.org`],
        );
        await m.query(
          `INSERT INTO registration (tenant_id, id, session_id, participant_id, status, origin, created_at, status_changed_at, feedback_given)
           VALUES ($1, $2, $3, $4, 'attended', 'public', now(), now(), true)`,
          [tenantId, registrationId, sessionId, participantId],
        );
        await m.query(
          `INSERT INTO feedback (tenant_id, id, session_id, activity_id, rating, comment, quote_consent, submitted_on)
           SELECT $1, $2, $3, activity_id, $4, NULL, false, current_date FROM session WHERE id = $3`,
          [tenantId, uuidv4(), sessionId, i + 3],
        );
      });
    }
  });

  const sharedXmins = async () =>
    (
      await db.owner.query(
        `SELECT count(*)::int AS n FROM feedback f JOIN registration r ON r.xmin::text = f.xmin::text WHERE f.tenant_id = $1`,
        [tenantId],
      )
    )[0].n;

  it('writes the old feedback again in its own transaction, keeping every rating', async () => {
    expect(await sharedXmins()).toBe(3);

    const runner = db.owner.createQueryRunner();
    await runner.startTransaction();
    await new FeedbackApart1763910000020().up(runner);
    await runner.commitTransaction();
    await runner.release();

    expect(await sharedXmins()).toBe(0);
    const ratings = await db.owner.query(`SELECT rating FROM feedback WHERE tenant_id = $1 ORDER BY rating`, [
      tenantId,
    ]);
    expect(ratings.map((r: { rating: number }) => r.rating)).toEqual([3, 4, 5]);
    const [{ forced }] = await db.owner.query(
      `SELECT relforcerowsecurity AS forced FROM pg_class WHERE relname = 'feedback'`,
    );
    expect(forced).toBe(true);
  });
});
