import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { linkSecretOf, NOTIFICATIONS_CONFIG, NotificationsEnv } from '../../../config/env.schema';
import { ExpiredPreferenceLinkError, InvalidPreferenceLinkError } from '../../domain/preference-errors';
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
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.secret = linkSecretOf(config);
  }

  subjectOf(token: string | undefined): PreferenceSubject {
    const check = token
      ? verifyPreferenceToken(token, this.secret, this.clock.now())
      : { status: 'invalid' as const };
    if (check.status === 'expired') throw new ExpiredPreferenceLinkError();
    if (check.status === 'invalid') throw new InvalidPreferenceLinkError();
    return check.subject;
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
