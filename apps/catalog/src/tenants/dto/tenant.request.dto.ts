import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { REGION_CODES, TENANT_CREATED_V1 } from '@respire/contracts';
import { RESERVED_TENANT_SLUGS } from '@respire/platform';
import { isValidZone } from '../../sessions/domain/local-time';

const shape = TENANT_CREATED_V1.schema.shape;

const timezone = z
  .string()
  .refine(isValidZone, { message: 'must be an IANA time zone such as Europe/Paris' })
  .describe('IANA time zone local times are read in (default Europe/Paris)');

const waitlist = z.object({
  mode: shape.waitlist.shape.mode.optional(),
  offerTtlMinutes: shape.waitlist.shape.offerTtlMinutes.optional(),
  offerCutoffMinutes: shape.waitlist.shape.offerCutoffMinutes.optional(),
});

const settingsFields = {
  timezone: timezone.optional(),
  locale: shape.locale.optional().describe('language of messages (default fr)'),
  senderEmail: shape.senderEmail.optional(),
  branding: shape.branding.optional(),
  reminderOffsetsMinutes: shape.reminderOffsetsMinutes.max(5, 'at most 5 reminders').optional(),
  waitlist: waitlist.optional(),
  lateCancellationMinutes: shape.lateCancellationMinutes.optional(),
  listeningLines: shape.listeningLines
    .max(10)
    .optional()
    .describe('default: the national SPS and MOTS lines'),
  privacyContact: shape.privacyContact.optional(),
  retention: shape.retention,
  paymentInstructions: shape.paymentInstructions,
  embedOrigins: z
    .array(
      z
        .url({
          protocol: /^https?$/,
          error: 'each site must be an http(s) address, e.g. https://www.cpts-example.fr',
        })
        .refine(
          (url) => /^https?:\/\/[^/?#]+\/?$/.test(url),
          'each site must be an origin only (no path), e.g. https://www.cpts-example.fr',
        )
        .transform((url) => new URL(url).origin),
    )
    .max(20, 'at most 20 sites')
    .optional()
    .describe(
      'sites allowed to embed the public pages (frame-ancestors), e.g. ["https://www.cpts-example.fr"]',
    ),
  region: z
    .enum(REGION_CODES, { error: `must be one of the French regions: ${REGION_CODES.join(', ')}` })
    .nullable()
    .optional()
    .describe('the region (ARS territory) of the CPTS: its funders read its summaries; null = none'),
};

export const createTenantSchema = z.object({
  slug: z
    .string()
    .max(63)
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      'lowercase letters, digits and single hyphens (e.g. capacites-besancon)',
    )
    .refine((slug) => !RESERVED_TENANT_SLUGS.includes(slug), 'is a path of the web app: choose another slug')
    .describe('the CPTS in public URLs; never changes'),
  name: shape.name.max(200),
  ...settingsFields,
});

export class CreateTenantDto extends createZodDto(createTenantSchema) {}

export const updateTenantSchema = z
  .object({ name: shape.name.max(200).optional(), ...settingsFields })
  .strict();

export class UpdateTenantDto extends createZodDto(updateTenantSchema) {}
