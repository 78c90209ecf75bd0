import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { ACTIVITY_EXAMPLE, activityShape } from './activity-shape';

export const ACTIVITY_CREATED_V1 = defineEvent({
  type: 'catalog.activity.created',
  version: 1,
  topic: Topic.Catalog,
  description: 'A coordinator created an activity (a kind of workshop, run as one or more sessions).',
  schema: z.object(activityShape),
  partitionKey: (data) => data.activityId,
  keyedBy: 'activityId',
  example: ACTIVITY_EXAMPLE,
});

export type ActivityCreatedV1 = z.infer<typeof ACTIVITY_CREATED_V1.schema>;
