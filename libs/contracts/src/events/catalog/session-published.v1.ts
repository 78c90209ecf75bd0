import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';

export const SESSION_PUBLISHED_V1 = defineEvent({
  type: 'catalog.session.published',
  version: 1,
  topic: Topic.Catalog,
  description: 'A session was published: it is open to registration and visible in the public programme.',
  schema: z.object({
    sessionId: z.uuid(),
    activityId: z.uuid(),
    title: z.string(),
    category: z.string(),
    confidential: z.boolean(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    timezone: z.string(),
    capacity: z.number().int().positive(),
  }),
  partitionKey: (data) => data.sessionId,
});

export type SessionPublishedV1 = z.infer<typeof SESSION_PUBLISHED_V1.schema>;
