import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

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
    const rows: { reminders: boolean; feedback_requests: boolean }[] = await manager.query(
      `SELECT reminders, feedback_requests FROM participant_preference WHERE tenant_id = $1 AND participant_id = $2`,
      [tenantId, participantId],
    );
    return rows[0]
      ? { reminders: rows[0].reminders, feedbackRequests: rows[0].feedback_requests }
      : DEFAULT_PREFERENCES;
  }

  async save(
    manager: EntityManager,
    tenantId: string,
    participantId: string,
    preferences: ParticipantPreferences,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO participant_preference (tenant_id, participant_id, reminders, feedback_requests)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, participant_id) DO UPDATE SET
         reminders = EXCLUDED.reminders, feedback_requests = EXCLUDED.feedback_requests, updated_at = now()`,
      [tenantId, participantId, preferences.reminders, preferences.feedbackRequests],
    );
  }

  async erase(manager: EntityManager, tenantId: string, participantId: string): Promise<void> {
    await manager.query(`DELETE FROM participant_preference WHERE tenant_id = $1 AND participant_id = $2`, [
      tenantId,
      participantId,
    ]);
  }
}
