import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `linked_registration(tenant, registration, feedback mark)`: what a participant's link page
 * shows of their registration (status, waitlist position, session, the CPTS's slug, whether
 * feedback was given) in ONE round trip, one implicit transaction: link pages are opened by many
 * people at once (a mail to a whole waitlist), and a read in an explicit transaction costs four
 * (BEGIN, the tenant, the query, COMMIT). The tenant is set inside, so row-level security
 * applies as for any query of the service.
 */
export class LinkedRegistrationFunction1763910000060 implements MigrationInterface {
  name = 'LinkedRegistrationFunction1763910000060';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION linked_registration(p_tenant uuid, p_registration uuid, p_mark bytea)
      RETURNS TABLE (
        id uuid, status text, offer_expires_at timestamptz, waitlist_position bigint, feedback_given boolean, slug text,
        session_id uuid, title text, confidential boolean, session_status text, starts_at timestamptz, ends_at timestamptz,
        timezone text, venue jsonb
      ) LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        RETURN QUERY
          SELECT r.id, r.status, r.offer_expires_at,
                 CASE WHEN r.status = 'waitlisted' THEN
                   (SELECT count(*) FROM registration w WHERE w.tenant_id = r.tenant_id AND w.session_id = r.session_id
                       AND w.status = 'waitlisted' AND w.seq <= r.seq) END,
                 r.feedback_given OR EXISTS (
                   SELECT 1 FROM feedback_given_mark m WHERE m.tenant_id = r.tenant_id AND m.mark = p_mark),
                 t.slug, s.id, s.title, s.confidential, s.status, s.starts_at, s.ends_at, s.timezone, s.venue
            FROM registration r
            JOIN session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
            LEFT JOIN tenant_directory t ON t.tenant_id = r.tenant_id
           WHERE r.tenant_id = p_tenant AND r.id = p_registration;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION linked_registration(uuid, uuid, bytea)`);
  }
}
