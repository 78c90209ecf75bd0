import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { practiceModeSchema, professionSchema } from '@respire/contracts';
import { LOCAL_DATE, LOCAL_TIME } from '../domain/local-time';
import { SESSION_STATUSES } from '../domain/session';

export const localDate = z
  .string()
  .regex(LOCAL_DATE, 'must be a local date YYYY-MM-DD')
  .describe('local date, e.g. 2026-01-22');
export const localTime = z
  .string()
  .regex(LOCAL_TIME, 'must be a local time HH:MM (24 h)')
  .describe('local time, e.g. 18:30');
const capacity = z.number().int().min(1, 'must be at least 1').max(10_000).describe('seats');
const eligibleProfessions = z
  .array(professionSchema)
  .max(20)
  .refine((list) => new Set(list).size === list.length, 'lists a profession twice')
  .describe('professions that may register; empty or absent = all');
const eligiblePracticeModes = z
  .array(practiceModeSchema)
  .max(4)
  .refine((list) => new Set(list).size === list.length, 'lists a practice mode twice')
  .describe('practice modes that may register (e.g. ["liberal"], ["etudiant", …]); empty or absent = all');
const priceCents = z.number().int().min(0).max(1_000_000).describe('price in euro cents, usually 0');
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

const common = {
  activityId: z.uuid(),
  venueId: z.uuid().optional().describe("default: the activity's venue"),
  facilitatorId: z.uuid().nullable().optional().describe("default: the activity's facilitator"),
  startTime: localTime,
  endTime: localTime,
  capacity: capacity.optional().describe("seats (default: the activity's capacity)"),
  eligibleProfessions: eligibleProfessions.optional(),
  eligiblePracticeModes: eligiblePracticeModes.optional(),
  priceCents: priceCents.optional(),
  publish: z.boolean().optional().describe('publish at once (default false: created as draft)'),
};

export const createSessionSchema = z.object({
  ...common,
  date: localDate,
  registrationOpensAt: instant.nullable().optional().describe('null: open as soon as published'),
  registrationClosesAt: instant.nullable().optional().describe('null: open until the session starts'),
});
export class CreateSessionDto extends createZodDto(createSessionSchema) {}

export const createSeriesSchema = z.object({
  ...common,
  dates: z
    .array(localDate)
    .min(1, 'needs at least one date')
    .max(366)
    .describe('local dates, e.g. ["2026-01-22", "2026-02-19"]'),
  registrationOpensDaysBefore: z
    .number()
    .int()
    .min(0)
    .max(366)
    .nullable()
    .optional()
    .describe('registration opens this many days before each session'),
  registrationClosesMinutesBefore: z
    .number()
    .int()
    .min(0)
    .max(366 * 24 * 60)
    .nullable()
    .optional()
    .describe('registration closes this many minutes before each session starts'),
});
export class CreateSeriesDto extends createZodDto(createSeriesSchema) {}

export const updateSessionSchema = z
  .object({
    date: localDate.optional(),
    startTime: localTime.optional(),
    endTime: localTime.optional(),
    venueId: z.uuid().optional(),
    capacity: capacity.optional(),
    facilitatorId: z.uuid().nullable().optional(),
    registrationOpensAt: instant.nullable().optional(),
    registrationClosesAt: instant.nullable().optional(),
    eligibleProfessions: eligibleProfessions.optional(),
    eligiblePracticeModes: eligiblePracticeModes.optional(),
    priceCents: priceCents.optional(),
  })
  .strict();
export class UpdateSessionDto extends createZodDto(updateSessionSchema) {}

export class CancelSessionDto extends createZodDto(
  z.preprocess(
    (value) => value ?? {},
    z.object({
      reason: z.string().trim().min(1).max(1000).nullable().optional().describe('shown to participants'),
    }),
  ),
) {}

/** A period bound: a local date (whole day in the tenant's zone) or an ISO instant. */
export const periodBound = z.union([localDate, z.iso.datetime({ offset: true })]);

export class ListSessionsQueryDto extends createZodDto(
  z.object({
    from: periodBound.optional().describe('local date (from its start) or ISO instant'),
    to: periodBound.optional().describe('local date (inclusive) or ISO instant (exclusive)'),
    status: z
      .string()
      .optional()
      .transform((value) => (value ? value.split(',').map((s) => s.trim()) : undefined))
      .pipe(z.array(z.enum(SESSION_STATUSES)).optional())
      .describe('comma-separated statuses (default: all)'),
    activityId: z.uuid().optional(),
    programmeId: z.uuid().optional(),
    category: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  }),
) {}

export class PublicSessionsQueryDto extends createZodDto(
  z.object({
    from: periodBound.optional().describe('local date or ISO instant (default: now — upcoming sessions)'),
    to: periodBound.optional().describe('local date (inclusive) or ISO instant (exclusive)'),
    category: z.string().min(1).max(120).optional(),
    cancelled: z
      .enum(['include'])
      .optional()
      .describe(
        '`include`: cancelled sessions too (those once published), so a calendar feed can mark them cancelled',
      ),
  }),
) {}
