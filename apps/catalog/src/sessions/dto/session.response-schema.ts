import { createDocumentedDto } from '@respire/platform';
import { z } from 'zod';
import { SESSION_STATUSES } from '../domain/session';
import { sessionResponse } from './session.response.dto';

const instant = z.string().describe('ISO 8601 instant (UTC)');

/** What the back office reads of a session: the OpenAPI schema its typed client is generated from. */
export const sessionResponseSchema = z.object({
  id: z.uuid(),
  status: z.enum(SESSION_STATUSES),
  activityId: z.uuid(),
  programmeId: z.uuid().nullable(),
  venueId: z.uuid(),
  facilitatorId: z.uuid().nullable(),
  activity: z.object({
    id: z.uuid(),
    title: z.string(),
    category: z.string(),
    objective: z.string().nullable(),
    confidential: z.boolean(),
    individual: z.boolean(),
  }),
  venue: z.object({ id: z.uuid(), name: z.string(), address: z.string().nullable() }),
  facilitator: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  programme: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  startsAt: instant,
  endsAt: instant,
  timezone: z.string(),
  localDate: z.string().describe('YYYY-MM-DD in the tenant zone'),
  localStartTime: z.string().describe('HH:mm'),
  localEndTime: z.string().describe('HH:mm'),
  capacity: z.number().int(),
  seatsTaken: z.number().int().describe('confirmed + offered, as registration last reported'),
  placesLeft: z.number().int(),
  registrationOpensAt: instant.nullable(),
  registrationClosesAt: instant.nullable(),
  eligibleProfessions: z.array(z.string()).describe('empty: every profession'),
  eligiblePracticeModes: z.array(z.string()).describe('empty: every practice mode'),
  priceCents: z.number().int(),
  sequence: z.number().int(),
  cancellationReason: z.string().nullable(),
  publishedAt: instant.nullable(),
  cancelledAt: instant.nullable(),
  completedAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
});

export class SessionResponseDto extends createDocumentedDto(sessionResponseSchema) {}
export class SeriesResponseDto extends createDocumentedDto(
  z.object({ sessions: z.array(sessionResponseSchema) }),
) {}

// Compile-time guard: the mapper must keep producing what the schema documents.
export const documentedSession = (
  value: ReturnType<typeof sessionResponse>,
): z.input<typeof sessionResponseSchema> => value;
