import { MigrationInterface, QueryRunner } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { createEvent, EventEnvelope, SESSION_PUBLISHED_V1, SessionPublishedV1 } from '@respire/contracts';
import { EventHandlerRegistration } from '../src';

/** A consumer-side table the test handler writes to: one row per subject, with a hit count. */
export class EffectsTable1763900000001 implements MigrationInterface {
  name = 'EffectsTable1763900000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE effects (
        event_id uuid PRIMARY KEY,
        session_id uuid NOT NULL,
        capacity integer NOT NULL,
        hits integer NOT NULL DEFAULT 1,
        received_seq bigserial
      )`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE effects`);
  }
}

/** Records every handled event; a second delivery that got through would bump `hits`. */
export const recordEffect: EventHandlerRegistration = {
  definition: SESSION_PUBLISHED_V1,
  name: 'recordEffect',
  handle: async (event, { manager }) => {
    const data = event.data as { sessionId: string; capacity: number };
    await manager.query(
      `INSERT INTO effects (event_id, session_id, capacity) VALUES ($1, $2, $3)
       ON CONFLICT (event_id) DO UPDATE SET hits = effects.hits + 1`,
      [event.id, data.sessionId, data.capacity],
    );
  },
};

export function sessionPublished(tenantId: string, sessionId: string, capacity = 10): EventEnvelope {
  return createEvent(
    SESSION_PUBLISHED_V1,
    { ...(SESSION_PUBLISHED_V1.example as SessionPublishedV1), sessionId, activityId: uuidv7(), capacity },
    { tenantId, source: 'catalog', subject: sessionId },
  );
}
