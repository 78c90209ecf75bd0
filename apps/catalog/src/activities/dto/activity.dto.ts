import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { includeArchivedSchema } from '../../common/list-query.dto';
import { iso } from '../../common/sql';
import { ActivityRow } from '../infrastructure/activity.repository';

const fields = {
  title: z.string().trim().min(1).max(200).describe('e.g. Cardio boxing'),
  category: z.string().trim().min(1).max(120).describe('e.g. Énergie & Mouvement, Gestion des Émotions'),
  programmeId: z.uuid().nullable().optional(),
  objective: z
    .string()
    .trim()
    .max(1000)
    .nullable()
    .optional()
    .describe('e.g. décompresser, se reconnecter à son corps'),
  description: z.string().trim().max(4000).nullable().optional(),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .nullable()
    .optional()
    .describe('default duration of its sessions'),
  capacity: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .nullable()
    .optional()
    .describe('default seats of its sessions'),
  venueId: z.uuid().nullable().optional().describe('default venue of its sessions'),
  facilitatorId: z.uuid().nullable().optional().describe('who usually leads it'),
  confidential: z
    .boolean()
    .optional()
    .describe('participation is sensitive (practice analysis, emotion management): messages never name it'),
  individual: z
    .boolean()
    .optional()
    .describe(
      'individual support (« accompagnement individuel »): one-person slots, only free ones shown publicly, reported as a whole',
    ),
};

export class CreateActivityDto extends createZodDto(z.object(fields)) {}

export class UpdateActivityDto extends createZodDto(
  z.object({ ...fields, title: fields.title.optional(), category: fields.category.optional() }).strict(),
) {}

export class ListActivitiesQueryDto extends createZodDto(
  z.object({
    includeArchived: includeArchivedSchema,
    programmeId: z.uuid().optional(),
    category: z.string().min(1).optional(),
  }),
) {}

export function activityResponse(row: ActivityRow) {
  return {
    id: row.id,
    programmeId: row.programme_id,
    title: row.title,
    category: row.category,
    objective: row.objective,
    description: row.description,
    durationMinutes: row.default_duration_minutes,
    capacity: row.default_capacity,
    venueId: row.venue_id,
    facilitatorId: row.facilitator_id,
    confidential: row.confidential,
    individual: row.individual,
    archived: row.archived_at !== null,
    archivedAt: iso(row.archived_at),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
