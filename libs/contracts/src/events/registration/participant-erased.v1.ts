import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';

export const PARTICIPANT_ERASED_V1 = defineEvent({
  type: 'registration.participant-erased',
  version: 1,
  topic: Topic.Registration,
  description:
    "A participant's personal data was erased (GDPR right to erasure). Every consumer deletes what it holds " +
    'about this participantId (email, first name, links, pending messages); aggregate counts may stay.',
  schema: z.object({
    participantId: z.uuid(),
  }),
  partitionKey: (data) => data.participantId,
  keyedBy: 'participantId',
  example: { participantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c08' },
});

export type ParticipantErasedV1 = z.infer<typeof PARTICIPANT_ERASED_V1.schema>;
