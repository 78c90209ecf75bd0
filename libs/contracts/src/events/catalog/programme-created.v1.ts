import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { PROGRAMME_EXAMPLE, programmeShape } from './programme-shape';

export const PROGRAMME_CREATED_V1 = defineEvent({
  type: 'catalog.programme.created',
  version: 1,
  topic: Topic.Catalog,
  description: 'A coordinator created a programme (a set of activities over a period, often funded).',
  schema: z.object(programmeShape),
  partitionKey: (data) => data.programmeId,
  keyedBy: 'programmeId',
  example: PROGRAMME_EXAMPLE,
});

export type ProgrammeCreatedV1 = z.infer<typeof PROGRAMME_CREATED_V1.schema>;
