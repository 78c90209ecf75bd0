import { EntityManager } from 'typeorm';
import { EventEnvelope, eventRegistry, isCheckedEventData } from '@respire/contracts';
import { currentTraceCarrier } from '@respire/platform';

export const OUTBOX_CHANNEL = 'respire_outbox';

/**
 * Writes events in the caller's transaction. They reach Kafka only if that transaction
 * commits: the relay publishes committed rows, and a rolled-back row never existed.
 */
export class Outbox {
  async add(
    manager: EntityManager,
    event: EventEnvelope,
    headers: Record<string, string> = {},
  ): Promise<void> {
    await this.addAll(manager, [event], headers);
  }

  async addAll(
    manager: EntityManager,
    events: EventEnvelope[],
    headers: Record<string, string> = {},
  ): Promise<void> {
    if (events.length === 0) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.add must be called inside a transaction (use the transaction’s EntityManager)');
    }
    const rows = outboxRows(events, headers);
    const values: unknown[] = [];
    const placeholders = rows.map((row, i) => {
      values.push(
        row.id,
        row.tenantId,
        row.topic,
        row.key,
        row.type,
        JSON.stringify(row.payload),
        JSON.stringify(row.headers),
      );
      const b = i * 7;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::jsonb, $${b + 7}::jsonb)`;
    });
    await manager.query(
      `INSERT INTO outbox (id, tenant_id, topic, key, type, payload, headers) VALUES ${placeholders.join(', ')}`,
      values,
    );
    // Delivered to listeners only when the transaction commits; duplicates within it are folded.
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
  }
}

export interface OutboxRow {
  id: string;
  tenantId: string;
  topic: string;
  key: string;
  type: string;
  payload: EventEnvelope;
  headers: Record<string, string>;
}

/**
 * The outbox rows of `events`, checked against libs/contracts, with the current trace: for a
 * caller writing them in its own statement (a SQL function doing several writes in one round trip).
 */
export function outboxRows(events: EventEnvelope[], headers: Record<string, string> = {}): OutboxRow[] {
  // The trace of the request or event that caused these events travels with them to Kafka.
  const recordHeaders = { ...currentTraceCarrier(), ...headers };
  return events.map((event) => {
    const definition = eventRegistry.find(event.type, event.version);
    if (!definition)
      throw new Error(`Unknown event ${event.type} v${event.version}: add it to libs/contracts`);
    // Data createEvent built was checked then (a registration builds two events: 2 parses, not 4).
    const data = isCheckedEventData(event.data, definition)
      ? event.data
      : definition.schema.parse(event.data);
    return {
      id: event.id,
      tenantId: event.tenantId,
      topic: definition.topic,
      key: definition.partitionKey(data, event.tenantId),
      type: event.type,
      payload: { ...event, data },
      headers: recordHeaders,
    };
  });
}
