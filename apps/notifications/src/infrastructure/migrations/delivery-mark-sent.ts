import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `delivery_mark_sent`: records that the mail server accepted a delivery, and adds its
 * notifications.delivery-sent event to the outbox, in ONE round trip (one implicit
 * transaction). The time between the server's "250" and this commit is the only window in
 * which a crash makes the message go out twice; one statement instead of a six-statement
 * transaction keeps it as short as the database allows. The tenant is set inside (row-level
 * security applies as for any query of the service).
 */
export class DeliveryMarkSent1763920000001 implements MigrationInterface {
  name = 'DeliveryMarkSent1763920000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION delivery_mark_sent(
        p_tenant uuid, p_delivery uuid, p_provider_message_id text,
        p_event_id uuid, p_topic text, p_key text, p_type text, p_payload jsonb, p_headers jsonb
      ) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM set_config('app.tenant_id', p_tenant::text, true);
        UPDATE delivery
           SET status = 'sent', provider_message_id = p_provider_message_id, error = NULL, sent_at = now(), updated_at = now()
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
      `DROP FUNCTION delivery_mark_sent(uuid, uuid, text, uuid, text, text, text, jsonb, jsonb)`,
    );
  }
}
