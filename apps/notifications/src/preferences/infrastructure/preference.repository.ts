import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { db } from '../../infrastructure/db';

export interface ParticipantPreferences {
  reminders: boolean;
  feedbackRequests: boolean;
}

export const DEFAULT_PREFERENCES: ParticipantPreferences = { reminders: true, feedbackRequests: true };

@Injectable()
export class PreferenceRepository {
  async get(
    manager: EntityManager,
    tenantId: string,
    participantId: string,
  ): Promise<ParticipantPreferences> {
    const row = await db(manager)
      .selectFrom('participant_preference')
      .select(['reminders', 'feedback_requests'])
      .where('tenant_id', '=', tenantId)
      .where('participant_id', '=', participantId)
      .executeTakeFirst();
    return row ? { reminders: row.reminders, feedbackRequests: row.feedback_requests } : DEFAULT_PREFERENCES;
  }

  async save(
    manager: EntityManager,
    tenantId: string,
    participantId: string,
    preferences: ParticipantPreferences,
  ): Promise<void> {
    await db(manager)
      .insertInto('participant_preference')
      .values({
        tenant_id: tenantId,
        participant_id: participantId,
        reminders: preferences.reminders,
        feedback_requests: preferences.feedbackRequests,
      })
      .onConflict((conflict) =>
        conflict.columns(['tenant_id', 'participant_id']).doUpdateSet((eb) => ({
          reminders: eb.ref('excluded.reminders'),
          feedback_requests: eb.ref('excluded.feedback_requests'),
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }

  async erase(manager: EntityManager, tenantId: string, participantId: string): Promise<void> {
    await db(manager)
      .deleteFrom('participant_preference')
      .where('tenant_id', '=', tenantId)
      .where('participant_id', '=', participantId)
      .execute();
  }
}
