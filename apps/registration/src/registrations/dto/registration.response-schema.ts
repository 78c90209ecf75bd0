import { createDocumentedDto } from '@respire/platform';
import { z } from 'zod';
import { PRACTICE_MODES, PROFESSIONS } from '@respire/contracts';
import { REGISTRATION_STATUSES } from '../domain/registration-status';
import { toRegistrationItem, toSessionSummary } from './registration.response';

/**
 * The answers of the back-office routes as OpenAPI schemas, for the clients generated from
 * docs/openapi/registration.json. The `documented*` guards fail to compile if a mapper drifts.
 */
const instant = z.string().describe('ISO 8601 instant (UTC)');

export const registrationItemSchema = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  participantId: z.uuid(),
  email: z.string().optional().describe('coordinators only'),
  firstName: z.string(),
  lastName: z.string(),
  profession: z.enum(PROFESSIONS),
  practiceMode: z.enum(PRACTICE_MODES).optional().describe('coordinators only'),
  postcode: z.string().optional().describe('coordinators only'),
  status: z.enum(REGISTRATION_STATUSES),
  waitlistPosition: z.number().int().optional().describe('1-based, while waitlisted'),
  offerExpiresAt: instant.optional().describe('while offered'),
  origin: z.enum(['public', 'coordinator', 'import']).optional(),
  confirmedVia: z.enum(['direct', 'offer', 'auto-promotion', 'coordinator']).nullable().optional(),
  createdAt: instant,
  statusChangedAt: instant,
  cancelledBy: z.enum(['participant', 'coordinator', 'session-cancelled']).nullable().optional(),
  cancellationReason: z.string().nullable().optional(),
  lateCancellation: z.boolean().nullable().optional(),
  movedFrom: z.uuid().nullable().optional(),
  feedbackGiven: z.boolean().optional(),
});

export const seatSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: z.string(),
  startsAt: instant,
  endsAt: instant,
  capacity: z.number().int(),
  seatsHeld: z.number().int(),
  placesLeft: z.number().int(),
  confirmed: z.number().int(),
  offered: z.number().int(),
  waitlisted: z.number().int(),
  attended: z.number().int(),
  noShow: z.number().int(),
});

export const registrationAnswerSchema = z.object({
  id: z.uuid(),
  sessionId: z.uuid(),
  status: z.enum(['confirmed', 'waitlisted']),
  waitlistPosition: z.number().int().optional(),
});

export const attendanceAnswerSchema = z.object({
  id: z.uuid(),
  status: z.enum(['attended', 'no_show']),
  changed: z.boolean(),
});

export const cancelAnswerSchema = z.object({
  id: z.uuid(),
  status: z.literal('cancelled'),
  previousStatus: z.enum(REGISTRATION_STATUSES),
});

export const moveAnswerSchema = z.object({
  cancelled: z.object({ id: z.uuid(), sessionId: z.uuid(), status: z.literal('cancelled') }),
  registration: registrationAnswerSchema,
});

export class RegistrationItemDto extends createDocumentedDto(registrationItemSchema) {}
export class SeatSummaryDto extends createDocumentedDto(seatSummarySchema) {}
export class RegistrationAnswerDto extends createDocumentedDto(registrationAnswerSchema) {}
export class AttendanceAnswerDto extends createDocumentedDto(attendanceAnswerSchema) {}
export class CancelAnswerDto extends createDocumentedDto(cancelAnswerSchema) {}
export class MoveAnswerDto extends createDocumentedDto(moveAnswerSchema) {}

export const documentedItem = (
  v: ReturnType<typeof toRegistrationItem>,
): z.input<typeof registrationItemSchema> => v;
export const documentedSummary = (
  v: ReturnType<typeof toSessionSummary>,
): z.input<typeof seatSummarySchema> => v;
