import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { linkSecretOf, NOTIFICATIONS_CONFIG, NotificationsEnv } from '../../../config/env.schema';
import { InvalidPreferenceLinkError } from '../../domain/preference-errors';
import { PreferenceSubject, verifyPreferenceToken } from '../../domain/preference-token';
import { ParticipantPreferences, PreferenceRepository } from '../../infrastructure/preference.repository';

/**
 * A participant, through the link in their messages, stops (or resumes) reminders and feedback
 * requests. Confirmations, offers and cancellations are not optional and always go out.
 */
@Injectable()
export class UpdatePreferencesUseCase {
  private readonly secret: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFICATIONS_CONFIG) config: NotificationsEnv,
    private readonly preferences: PreferenceRepository,
  ) {
    this.secret = linkSecretOf(config);
  }

  subjectOf(token: string | undefined): PreferenceSubject {
    const subject = token ? verifyPreferenceToken(token, this.secret) : null;
    if (!subject) throw new InvalidPreferenceLinkError();
    return subject;
  }

  async read(token: string | undefined): Promise<ParticipantPreferences> {
    const { tenantId, participantId } = this.subjectOf(token);
    return runInTenantTransaction(this.dataSource, tenantId, (manager) =>
      this.preferences.get(manager, tenantId, participantId),
    );
  }

  async update(
    token: string | undefined,
    change: Partial<ParticipantPreferences>,
  ): Promise<ParticipantPreferences> {
    const { tenantId, participantId } = this.subjectOf(token);
    return runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const current = await this.preferences.get(manager, tenantId, participantId);
      const next = { ...current, ...change };
      await this.preferences.save(manager, tenantId, participantId, next);
      return next;
    });
  }
}
