import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The send path in two round trips instead of eight:
 *
 * - `delivery_claim(tenant, delivery)`: locks the row; when it is unfinished marks it `sending`,
 *   counts the attempt (and the interrupted one when it was found `sending`), and returns the row
 *   as found with what rendering needs — the tenant's settings row and its override of the
 *   template, if any. NULL when the row is missing or finished. One implicit transaction.
 * - `delivery_mark_sent(…, message_id)`: as before (sent + delivery-sent in the outbox, one round
 *   trip) and records the Message-ID the message went out with, which the claim no longer writes
 *   (it is derived from the tenant's sender, known once the claim returned).
 *
 * The tenant is set inside each function: row-level security applies as for any query.
 */
export class DeliveryClaim1763920000004 implements MigrationInterface {
  name = 'DeliveryClaim1763920000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION delivery_claim(p_tenant uuid, p_delivery uuid) RETURNS jsonb LANGUAGE plpgsql AS $$
      DECLARE
        current delivery;
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        SELECT * INTO current FROM delivery WHERE tenant_id = p_tenant AND id = p_delivery FOR UPDATE;
        IF NOT FOUND OR current.status NOT IN ('pending', 'sending') THEN
          RETURN NULL;
        END IF;
        UPDATE delivery
           SET status = 'sending', attempts = attempts + 1,
               interrupted_attempts = interrupted_attempts + CASE WHEN current.status = 'sending' THEN 1 ELSE 0 END,
               updated_at = now()
         WHERE tenant_id = p_tenant AND id = p_delivery;
        RETURN jsonb_build_object(
          'delivery', to_jsonb(current),
          'tenant', (SELECT to_jsonb(t) FROM tenant_directory t WHERE t.tenant_id = p_tenant),
          'override', (SELECT jsonb_build_object('subject', o.subject, 'html', o.html, 'text', o.text)
                         FROM template_override o WHERE o.tenant_id = p_tenant AND o.key = current.template));
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION delivery_mark_sent(
        p_tenant uuid, p_delivery uuid, p_provider_message_id text,
        p_event_id uuid, p_topic text, p_key text, p_type text, p_payload jsonb, p_headers jsonb,
        p_message_id text
      ) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        UPDATE delivery
           SET status = 'sent', provider_message_id = p_provider_message_id, message_id = p_message_id,
               error = NULL, sent_at = now(), updated_at = now()
         WHERE tenant_id = p_tenant AND id = p_delivery AND status = 'sending';
        IF NOT FOUND THEN
          RETURN false;
        END IF;
        INSERT INTO outbox (id, tenant_id, topic, key, type, payload, headers)
        VALUES (p_event_id, p_tenant, p_topic, p_key, p_type, p_payload, p_headers);
        PERFORM pg_notify('respire_outbox', '');
        RETURN true;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP FUNCTION delivery_mark_sent(uuid, uuid, text, uuid, text, text, text, jsonb, jsonb, text)`,
    );
    await queryRunner.query(`DROP FUNCTION delivery_claim(uuid, uuid)`);
  }
}
