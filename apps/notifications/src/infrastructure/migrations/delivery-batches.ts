import { MigrationInterface, QueryRunner } from 'typeorm';
import { DeliveryClaim1763920000006 } from './delivery-claim';
import { DeliveryMarkSent1763920000001 } from './delivery-mark-sent';

/**
 * Claims and marks for many deliveries in one statement each, and claims that are leases.
 *
 * - `delivery.claimed_until`: a claim holds the row until then. Another claim of the same row
 *   before that time gets it back as `busy` (its job retries later); after it (the claimer died
 *   mid-send) the row is claimed again and the attempt counted as interrupted. Cleared when the
 *   row is marked sent or back to pending.
 * - `delivery_claim_many(tenant, ids, lease_ms)`: claims every unfinished, unleased row of `ids`
 *   (locked with SKIP LOCKED: a row another transaction is claiming right now is not waited for,
 *   it is reported busy) and returns `{deliveries: [row as found…], busy: [id…], tenant,
 *   overrides: {template: {subject, html, text}}}`. An id in neither list is missing or finished.
 * - `delivery_mark_sent_many(tenant, marks)`: `marks` is a JSON array of `{id,
 *   provider_message_id, message_id, event_id, topic, key, type, payload, headers}`; every row
 *   still `sending` becomes `sent` and its notifications.delivery-sent goes to the outbox, one
 *   NOTIFY for all. Returns the ids it marked (a replayed mark returns none: idempotent).
 *
 * They replace `delivery_claim` (no lease) and `delivery_mark_sent`, dropped here so that there is
 * one definition of a claim. The tenant is set inside each function: row-level security applies.
 */
export class DeliveryBatches1764600000120 implements MigrationInterface {
  name = 'DeliveryBatches1764600000120';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE delivery ADD COLUMN claimed_until timestamptz`);
    await queryRunner.query(`
      CREATE FUNCTION delivery_claim_many(p_tenant uuid, p_ids uuid[], p_lease_ms integer)
        RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        v_claimed jsonb;
        v_claimed_ids uuid[];
        v_templates text[];
        v_busy jsonb;
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        WITH found AS (
          SELECT d.* FROM delivery d
           WHERE d.tenant_id = p_tenant AND d.id = ANY (p_ids)
             AND (d.status = 'pending'
                  OR (d.status = 'sending' AND (d.claimed_until IS NULL OR d.claimed_until <= clock_timestamp())))
           ORDER BY d.id
           FOR UPDATE SKIP LOCKED
        ), claimed AS (
          UPDATE delivery d
             SET status = 'sending', attempts = d.attempts + 1,
                 interrupted_attempts = d.interrupted_attempts + CASE WHEN f.status = 'sending' THEN 1 ELSE 0 END,
                 claimed_until = clock_timestamp() + p_lease_ms * interval '1 millisecond',
                 updated_at = now()
            FROM found f
           WHERE d.tenant_id = f.tenant_id AND d.id = f.id
          RETURNING f.*
        )
        SELECT coalesce(jsonb_agg(to_jsonb(c)), '[]'::jsonb), coalesce(array_agg(c.id), '{}'),
               coalesce(array_agg(DISTINCT c.template), '{}')
          INTO v_claimed, v_claimed_ids, v_templates
          FROM claimed c;
        -- A new snapshot: rows another claim committed meanwhile are seen as they are now.
        SELECT coalesce(jsonb_agg(d.id), '[]'::jsonb) INTO v_busy
          FROM delivery d
         WHERE d.tenant_id = p_tenant AND d.id = ANY (p_ids) AND NOT (d.id = ANY (v_claimed_ids))
           AND d.status IN ('pending', 'sending');
        RETURN jsonb_build_object(
          'deliveries', v_claimed,
          'busy', v_busy,
          'tenant', (SELECT to_jsonb(t) FROM tenant_directory t WHERE t.tenant_id = p_tenant),
          'overrides', (SELECT coalesce(jsonb_object_agg(o.key, jsonb_build_object('subject', o.subject, 'html', o.html, 'text', o.text)), '{}'::jsonb)
                          FROM template_override o WHERE o.tenant_id = p_tenant AND o.key = ANY (v_templates)));
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION delivery_mark_sent_many(p_tenant uuid, p_marks jsonb)
        RETURNS uuid[] LANGUAGE plpgsql AS $$
      DECLARE
        v_marked uuid[];
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        WITH marks AS (
          SELECT * FROM jsonb_to_recordset(p_marks) AS m(
            id uuid, provider_message_id text, message_id text,
            event_id uuid, topic text, key text, type text, payload jsonb, headers jsonb)
        ), marked AS (
          UPDATE delivery d
             SET status = 'sent', provider_message_id = m.provider_message_id, message_id = m.message_id,
                 error = NULL, claimed_until = NULL, sent_at = now(), updated_at = now()
            FROM marks m
           WHERE d.tenant_id = p_tenant AND d.id = m.id AND d.status = 'sending'
          RETURNING d.id
        ), events AS (
          INSERT INTO outbox (id, tenant_id, topic, key, type, payload, headers)
          SELECT m.event_id, p_tenant, m.topic, m.key, m.type, m.payload, m.headers
            FROM marks m JOIN marked USING (id)
        )
        SELECT coalesce(array_agg(id), '{}') INTO v_marked FROM marked;
        IF cardinality(v_marked) > 0 THEN
          PERFORM pg_notify('respire_outbox', '');
        END IF;
        RETURN v_marked;
      END $$`);
    await queryRunner.query(`DROP FUNCTION delivery_claim(uuid, uuid)`);
    await queryRunner.query(
      `DROP FUNCTION delivery_mark_sent(uuid, uuid, text, uuid, text, text, text, jsonb, jsonb, text)`,
    );
    await queryRunner.query(
      `DROP FUNCTION delivery_mark_sent(uuid, uuid, text, uuid, text, text, text, jsonb, jsonb)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION delivery_mark_sent_many(uuid, jsonb)`);
    await queryRunner.query(`DROP FUNCTION delivery_claim_many(uuid, uuid[], integer)`);
    await queryRunner.query(`ALTER TABLE delivery DROP COLUMN claimed_until`);
    await new DeliveryMarkSent1763920000001().up(queryRunner);
    await new DeliveryClaim1763920000006().up(queryRunner);
  }
}
