import { createDocumentedDto } from '@respire/platform';
import { z } from 'zod';
import { tenantSettingsShape } from '@respire/contracts/events/catalog/tenant-settings';
import { activityResponse } from '../activities/dto/activity.dto';
import { facilitatorResponse } from '../facilitators/dto/facilitator.dto';
import { programmeResponse } from '../programmes/dto/programme.dto';
import { tenantDirectoryResponse, tenantResponse } from '../tenants/dto/tenant.response.dto';
import { venueResponse } from '../venues/dto/venue.dto';
import type { ImportReport } from '../programmes/use-cases/import-programme/import-programme.use-case';

/**
 * The answers of the catalogue's routes as OpenAPI schemas, for the clients generated from
 * docs/openapi/catalog.json (the back office). Each `documented*` guard fails to compile if a
 * mapper stops producing what its schema says.
 */
const instant = z.string().describe('ISO 8601 instant (UTC)');
const archiving = {
  archived: z.boolean(),
  archivedAt: instant.nullable(),
  createdAt: instant.nullable(),
  updatedAt: instant.nullable(),
};

export const venueResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  ...archiving,
});

export const facilitatorResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  bio: z.string().nullable(),
  ...archiving,
});

export const programmeResponseSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  funder: z.string().nullable(),
  partners: z.array(z.string()),
  ...archiving,
});

export const activityResponseSchema = z.object({
  id: z.uuid(),
  programmeId: z.uuid().nullable(),
  title: z.string(),
  category: z.string(),
  objective: z.string().nullable(),
  description: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
  capacity: z.number().int().nullable(),
  venueId: z.uuid().nullable(),
  facilitatorId: z.uuid().nullable(),
  confidential: z.boolean(),
  individual: z.boolean(),
  ...archiving,
});

export const tenantResponseSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  ...tenantSettingsShape,
  createdAt: instant,
  updatedAt: instant,
});

export const tenantDirectoryEntrySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  timezone: z.string(),
  createdAt: instant,
});

export class VenueResponseDto extends createDocumentedDto(venueResponseSchema) {}
export class FacilitatorResponseDto extends createDocumentedDto(facilitatorResponseSchema) {}
export class ProgrammeResponseDto extends createDocumentedDto(programmeResponseSchema) {}
export class ActivityResponseDto extends createDocumentedDto(activityResponseSchema) {}
export class TenantResponseDto extends createDocumentedDto(tenantResponseSchema) {}
export class TenantDirectoryEntryDto extends createDocumentedDto(tenantDirectoryEntrySchema) {}

/** Compiles only when what the builder `F` answers is what the schema `S` documents. */
type Answers<S extends z.ZodType, F extends (...args: never[]) => z.input<S>> = F;
/** Each response builder answers what its OpenAPI schema documents (checked by the compiler). */
export type ResponsesAsDocumented = [
  Answers<typeof venueResponseSchema, typeof venueResponse>,
  Answers<typeof facilitatorResponseSchema, typeof facilitatorResponse>,
  Answers<typeof programmeResponseSchema, typeof programmeResponse>,
  Answers<typeof activityResponseSchema, typeof activityResponse>,
  Answers<typeof tenantResponseSchema, typeof tenantResponse>,
  Answers<typeof tenantDirectoryEntrySchema, typeof tenantDirectoryResponse>,
];

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  valid: z.boolean(),
  lines: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), field: z.string().nullable(), message: z.string() })),
  activitiesToCreate: z.array(z.object({ title: z.string(), category: z.string() })),
  sessions: z.array(
    z.object({
      line: z.number().int(),
      activity: z.string(),
      category: z.string(),
      newActivity: z.boolean(),
      venue: z.string(),
      localDate: z.string(),
      localStartTime: z.string(),
      localEndTime: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      capacity: z.number().int(),
      id: z.string().nullable().describe('null in a dry run'),
    }),
  ),
});

/** The answer of an import, dry run or not (also the `details` of its 400 when a line is wrong). */
export class ImportReportDto extends createDocumentedDto(importReportSchema) {}
export const documentedImportReport = (v: ImportReport): z.input<typeof importReportSchema> => v;
