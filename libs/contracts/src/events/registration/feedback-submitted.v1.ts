import { z } from 'zod';
import { defineEvent, keyedBySession } from '../../event-definition';
import { Topic } from '../../topics';

export const FEEDBACK_SUBMITTED_V1 = defineEvent({
  type: 'registration.feedback-submitted',
  version: 1,
  topic: Topic.Registration,
  description:
    'A participant gave feedback on a session they attended. Feedback is stored apart from identity: the event ' +
    'names no participant or registration, its envelope subject is the feedbackId and its causationId is null. ' +
    'It is published when the feedback is released, in a batch of the session’s feedback (at least 3, or what is ' +
    'left once its 4-week window closed) written in a random order: occurredAt is the release, not the moment ' +
    'it was given, and the order of these events says nothing about who gave which.',
  schema: z.object({
    feedbackId: z.uuid(),
    sessionId: z.uuid(),
    activityId: z.uuid(),
    rating: z.number().int().min(1).max(5),
    comment: z.string().min(1).nullable(),
    quoteConsent: z.boolean().describe('the participant agrees that the comment be quoted anonymously'),
  }),
  ...keyedBySession,
  example: {
    feedbackId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c09',
    sessionId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c06',
    activityId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c03',
    rating: 5,
    comment: 'On repart moins stressé en ayant découvert une nouvelle activité.',
    quoteConsent: true,
  },
});

export type FeedbackSubmittedV1 = z.infer<typeof FEEDBACK_SUBMITTED_V1.schema>;
