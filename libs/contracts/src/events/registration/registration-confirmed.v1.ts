import { z } from 'zod';
import { departmentSchema, practiceModeSchema, professionSchema } from '../../domain-values';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';
import { EXAMPLE_IDS, EXAMPLE_RECIPIENT, EXAMPLE_SESSION_WITH_CANCEL_LINK } from '../examples';
import { recipientShape, registrationRefShape, sessionWithCancelLinkShape } from '../fragments';

export const REGISTRATION_CONFIRMED_V1 = defineEvent({
  type: 'registration.confirmed',
  version: 1,
  topic: Topic.Registration,
  description:
    'A participant holds a seat in a session, whichever way they got it (`via`). The participant is sent a ' +
    'confirmation with a calendar invitation, and reminders are planned. Reporting counts it, by profession, ' +
    'practice mode and département.',
  schema: z.object({
    ...registrationRefShape,
    ...recipientShape,
    profession: professionSchema,
    practiceMode: practiceModeSchema,
    department: departmentSchema,
    via: z
      .enum(['direct', 'offer', 'auto-promotion', 'coordinator'])
      .describe(
        'direct: registered with a free seat; offer: accepted a waitlist offer; auto-promotion: moved up from the ' +
          'waitlist (tenant in auto-confirm mode); coordinator: registered by a coordinator',
      ),
    ...sessionWithCancelLinkShape,
  }),
  ...keyedBySession,
  example: {
    ...EXAMPLE_IDS,
    ...EXAMPLE_RECIPIENT,
    profession: 'infirmier',
    practiceMode: 'liberal',
    department: '25',
    via: 'direct',
    ...EXAMPLE_SESSION_WITH_CANCEL_LINK,
  },
});

export type RegistrationConfirmedV1 = z.infer<typeof REGISTRATION_CONFIRMED_V1.schema>;
