import { createDocumentedDto } from '@respire/platform';
import { z } from 'zod';
import { PEOPLE_METRICS } from '../domain/report-figures';
import { GROUP_DIMENSIONS } from '../domain/report-groups';
import { TESTIMONIALS_SHOWN } from '../domain/testimonials';

/** OpenAPI description of the report answers (documentation: the use cases build them). */

const count = z
  .union([z.number().int().nonnegative(), z.enum(['<5', '≥5'])])
  .describe('a count of people; "<5" (1–4, or a hidden 0) or "≥5" when hidden by small-count protection');
const rate = z
  .number()
  .min(0)
  .nullable()
  .describe('0–1; null when not computable or when it would reveal a hidden count');

const figures = z.object({
  sessions: z.number().int(),
  sessionsHeld: z.number().int().describe('not cancelled and started'),
  sessionsCancelled: z.number().int(),
  placesOffered: z.number().int().describe('seats of the sessions not cancelled'),
  ...Object.fromEntries(PEOPLE_METRICS.map((metric) => [metric, count])),
  fillRate: rate,
  attendanceRate: rate,
  noShowRate: rate,
  uniqueParticipants: count.optional().describe('distinct participants who attended at least one session'),
  returningParticipants: count.optional().describe('of those, who attended at least two'),
});

const scope = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  programmeId: z.string().nullable(),
  generatedAt: z.string(),
  readModelGeneration: z.number().int(),
});

const protection = z.object({ threshold: z.number().int(), hidden: z.array(z.string()), rule: z.string() });

const groupRow = z.object({ key: z.string(), label: z.string(), confidential: z.boolean(), figures });

const sessionRow = z.object({
  sessionId: z.uuid(),
  activityId: z.uuid(),
  activityTitle: z.string(),
  category: z.string(),
  programmeId: z.uuid().nullable(),
  programmeTitle: z.string().nullable(),
  venueId: z.uuid().nullable(),
  venueName: z.string().nullable(),
  localDate: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['published', 'cancelled', 'completed']),
  capacity: z.number().int(),
  figures: figures.extend({ waitlistPeak: count.describe('most people waiting at once') }),
});

const profileCount = z.object({ value: z.string(), participants: count });
const profiles = z.object({
  participants: count,
  byProfession: z.array(profileCount),
  byPracticeMode: z.array(profileCount),
  byDepartment: z.array(profileCount),
});

const satisfactionRow = z.object({
  responses: count,
  distribution: z.record(z.string(), count).describe('answers per rating "1" to "5"'),
  mean: z.number().nullable().describe('null when a cell of the row is hidden'),
});
const TESTIMONIALS_DESCRIPTION = `only comments whose author agreed to anonymous quotation: the ${TESTIMONIALS_SHOWN} most recent of the scope, oldest first`;
const TESTIMONIALS_NOT_SHOWN_DESCRIPTION =
  'older quotes of the scope not shown (read them over a shorter period)';
const testimonial = z.object({
  quote: z.string(),
  activityId: z.uuid(),
  activityTitle: z.string(),
  month: z.string().nullable().describe('null for a confidential activity'),
});
const satisfaction = z.object({
  activities: z.array(
    satisfactionRow.extend({ activityId: z.uuid(), activityTitle: z.string(), confidential: z.boolean() }),
  ),
  total: satisfactionRow,
  testimonials: z.array(testimonial).describe(TESTIMONIALS_DESCRIPTION),
  testimonialsNotShown: z.number().int().describe(TESTIMONIALS_NOT_SHOWN_DESCRIPTION),
});

const unmetDemandRow = z.object({
  activityId: z.uuid(),
  activityTitle: z.string(),
  confidential: z.boolean(),
  month: z.string().nullable().describe('null: the whole activity over the period'),
  sessionsHeld: z.number().int(),
  averageCapacity: z.number(),
  unservedAtStart: count,
  extraSessionsNeeded: z
    .number()
    .int()
    .nullable()
    .describe('ceil(unserved ÷ average capacity); null when the count is hidden'),
});
const unmetDemand = z.object({
  rows: z.array(unmetDemandRow).describe('by activity and month (non-confidential activities)'),
  activities: z.array(unmetDemandRow).describe('by activity over the period (all activities)'),
  total: z.object({
    unservedAtStart: count,
    extraSessionsNeeded: z
      .number()
      .int()
      .nullable()
      .describe(
        'per-activity: sum over the activities; pooled: ceil(total unserved ÷ average capacity of the sessions held)',
      ),
    method: z.enum(['per-activity', 'pooled']).describe('pooled when an activity’s count is hidden'),
    activitiesHidden: z.number().int().describe('activities whose unserved count is hidden'),
  }),
});

export class FunderSummaryDto extends createDocumentedDto(
  z.object({
    scope,
    protection,
    tenant: z.object({ name: z.string().nullable() }),
    programme: z
      .object({
        programmeId: z.uuid(),
        title: z.string(),
        startsOn: z.string().nullable(),
        endsOn: z.string().nullable(),
        funder: z.string().nullable(),
        partners: z.array(z.string()),
      })
      .nullable(),
    totals: figures,
    activities: z.array(groupRow),
    months: z.object({
      rows: z.array(groupRow),
      total: groupRow,
      excludesConfidentialActivities: z.literal(true),
    }),
    participants: profiles.extend({ excludesConfidentialActivities: z.literal(true) }),
    satisfaction,
    unmetDemand,
    amountsCollected: z
      .object({
        total: z.object({ amountCents: z.number().int().nullable() }),
        programmes: z.array(
          z.object({
            programmeId: z.uuid().nullable(),
            title: z.string(),
            amountCents: z.number().int().nullable(),
          }),
        ),
        activities: z.array(
          z.object({
            activityId: z.uuid(),
            title: z.string(),
            confidential: z.boolean(),
            programmeId: z.uuid().nullable(),
            amountCents: z.number().int().nullable(),
          }),
        ),
      })
      .describe(
        'payments recorded (not voided) and paid in the period, integer euro cents; null when fewer than 5 payments would tell how many paid',
      ),
  }),
) {}

export class SessionReportDto extends createDocumentedDto(
  sessionRow.partial({ figures: true }).extend({
    scope,
    protection: protection
      .nullable()
      .describe(
        'null: operational figures for the coordinator running the session, exact (no small-count protection)',
      ),
    confidential: z.boolean(),
    figures: sessionRow.shape.figures.nullable().describe('null for a session of a confidential activity'),
  }),
) {}

export class SessionListReportDto extends createDocumentedDto(
  z.object({
    scope,
    protection,
    sessions: z.array(sessionRow),
    confidentialSessionsNotListed: z.number().int(),
  }),
) {}

export class BreakdownReportDto extends createDocumentedDto(
  z.object({
    scope,
    protection,
    dimension: z.enum(GROUP_DIMENSIONS),
    excludesConfidentialActivities: z
      .boolean()
      .describe('venue and month rows (and their total) leave confidential activities out'),
    rows: z.array(groupRow),
    total: groupRow,
  }),
) {}

export class ParticipantsReportDto extends createDocumentedDto(
  profiles.extend({
    scope,
    protection,
    uniqueParticipants: count,
    returningParticipants: count,
    excludesConfidentialActivities: z.literal(true),
  }),
) {}

export class UnmetDemandReportDto extends createDocumentedDto(unmetDemand.extend({ scope, protection })) {}

export class SatisfactionReportDto extends createDocumentedDto(satisfaction.extend({ scope, protection })) {}

export class DeliveriesReportDto extends createDocumentedDto(
  z.object({
    scope,
    rows: z.array(
      z.object({
        template: z.string(),
        channel: z.string(),
        sent: z.number().int(),
        retrying: z.number().int(),
        failed: z.number().int(),
      }),
    ),
  }),
) {}

export class ReadModelStatusDto extends createDocumentedDto(
  z.object({
    activeGeneration: z.number().int(),
    generations: z.array(
      z.object({
        generation: z.number().int(),
        status: z.enum(['building', 'active', 'retired']),
        consumerGroup: z.string(),
        createdAt: z.string(),
        activatedAt: z.string().nullable(),
        retiredAt: z.string().nullable(),
      }),
    ),
  }),
) {}
