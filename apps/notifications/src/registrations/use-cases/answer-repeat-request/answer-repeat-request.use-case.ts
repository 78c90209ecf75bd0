import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, RegistrationRepeatRequestedV1 } from '@respire/contracts';
import { TemplateKey } from '../../../templates/domain/template-key';
import { ParticipantNotifier } from '../../participant-notifier';
import { RegistrationContext } from '../../registration-context';

/**
 * Someone registered an address already registered to the session: the public answer said
 * nothing about it, so the participant learns their real status here. The registration itself
 * did not change: nothing is recorded but the message.
 */
@Injectable()
export class AnswerRepeatRequestUseCase {
  constructor(
    private readonly context: RegistrationContext,
    private readonly notifier: ParticipantNotifier,
  ) {}

  async execute(manager: EntityManager, event: EventEnvelope<RegistrationRepeatRequestedV1>): Promise<void> {
    const { data } = event;
    const { tenant, session, over } = await this.context.load(manager, event);
    if (over) return;
    const current = {
      confirmed: data.status === 'confirmed',
      waitlisted: data.status === 'waitlisted',
      offered: data.status === 'offered',
      position: data.position === null ? null : String(data.position),
    };
    await this.notifier.notify(
      manager,
      {
        tenant,
        session,
        to: { ...data },
        causeId: event.id,
        template: TemplateKey.RegistrationRepeated,
        variables: { current, links: { cancel: data.links.cancel } },
      },
      { correlationId: event.correlationId },
    );
  }
}
