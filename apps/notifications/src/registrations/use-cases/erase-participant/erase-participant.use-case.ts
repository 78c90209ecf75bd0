import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ParticipantErasedV1 } from '@respire/contracts';
import { DeliveryRepository } from '../../../deliveries/infrastructure/delivery.repository';
import { afterCommit } from '@respire/tenancy';
import { PreferenceRepository } from '../../../preferences/infrastructure/preference.repository';
import { ReminderScheduler } from '../../../reminders/reminder-scheduler';
import { RegistrationRepository } from '../../infrastructure/registration.repository';

/**
 * registration.participant-erased: the participant's address, first name and links go, unsent
 * messages to them are cancelled, the delivery log keeps no address; their jobs are dropped
 * (and would find nobody to write to anyway).
 */
@Injectable()
export class EraseParticipantUseCase {
  constructor(
    private readonly registrations: RegistrationRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly preferences: PreferenceRepository,
    private readonly scheduler: ReminderScheduler,
  ) {}

  async execute(manager: EntityManager, event: EventEnvelope<ParticipantErasedV1>): Promise<void> {
    const { tenantId, data } = event;
    const erased = await this.registrations.erase(manager, tenantId, data.participantId);
    await this.deliveries.eraseParticipant(manager, tenantId, data.participantId);
    await this.preferences.erase(manager, tenantId, data.participantId);
    afterCommit(manager, async () => {
      for (const registration of erased)
        await this.scheduler.dropRegistration(tenantId, registration.registrationId);
    });
  }
}
