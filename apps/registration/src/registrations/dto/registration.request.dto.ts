import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { departmentFromPostcode, PRACTICE_MODES, PROFESSIONS } from '@respire/contracts';
import { isValidRpps, normaliseRpps } from '../domain/rpps';

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} : texte attendu` })
    .trim()
    .min(1, `${label} : champ obligatoire`)
    .max(max, `${label} : ${max} caractères au plus`);

export const registerParticipantSchema = z.object({
  email: z
    .string({ error: 'Adresse e-mail : champ obligatoire' })
    .trim()
    .toLowerCase()
    .max(254, 'Adresse e-mail : 254 caractères au plus')
    .pipe(z.email({ error: 'Adresse e-mail invalide' }))
    .describe('normalised to lower case; one participant per email and tenant'),
  firstName: text('Prénom', 100),
  lastName: text('Nom', 100),
  profession: z.enum(PROFESSIONS, { error: `Profession inconnue : ${PROFESSIONS.join(', ')}` }),
  practiceMode: z.enum(PRACTICE_MODES, { error: `Mode d’exercice inconnu : ${PRACTICE_MODES.join(', ')}` }),
  postcode: z
    .string({ error: 'Code postal : champ obligatoire' })
    .trim()
    .regex(/^\d{5}$/, { message: 'Code postal : 5 chiffres attendus', abort: true })
    .refine(
      (postcode) => departmentFromPostcode(postcode) !== null,
      'Code postal : ce n’est pas un code postal français',
    ),
  rpps: z
    .string({ error: 'Numéro RPPS : texte attendu' })
    .max(20, { message: 'Numéro RPPS : 11 chiffres attendus', abort: true })
    .transform(normaliseRpps)
    .refine(isValidRpps, 'Numéro RPPS invalide : 11 chiffres attendus, dont une clé de contrôle')
    .nullish()
    .describe('optional RPPS number: 11 digits with a Luhn check digit'),
  consents: z.object(
    {
      dataProcessing: z.literal(true, {
        error: 'Votre accord pour le traitement de vos données est nécessaire à l’inscription',
      }),
      feedbackRequests: z.boolean().optional().describe('agrees to be asked for feedback after the session'),
    },
    { error: 'Consentements : objet attendu, avec dataProcessing: true' },
  ),
});

export class RegisterParticipantDto extends createZodDto(registerParticipantSchema) {}

export const registerForSessionsSchema = registerParticipantSchema.extend({
  sessionIds: z
    .array(z.uuid({ error: 'Identifiant de séance invalide' }), { error: 'Séances : une liste est attendue' })
    .min(1, 'Choisissez au moins une date')
    .max(20, 'Séances : 20 au plus en une fois')
    .refine(
      (ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length,
      'Séances : une date est choisie deux fois',
    )
    .describe('the sessions to register to, each confirmed or waitlisted on its own'),
});
export class RegisterForSessionsDto extends createZodDto(registerForSessionsSchema) {}

export const publicTenantParamsSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Identifiant de CPTS invalide')
    .max(63),
});
export class PublicTenantParamsDto extends createZodDto(publicTenantParamsSchema) {}

export const publicSessionParamsSchema = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Identifiant de CPTS invalide')
    .max(63),
  sessionId: z.uuid({ error: 'Identifiant de séance invalide' }),
});
export class PublicSessionParamsDto extends createZodDto(publicSessionParamsSchema) {}

export const sessionParamsSchema = z.object({
  sessionId: z.uuid({ error: 'Identifiant de séance invalide' }),
});
export class SessionParamsDto extends createZodDto(sessionParamsSchema) {}

export const registrationParamsSchema = z.object({
  id: z.uuid({ error: 'Identifiant d’inscription invalide' }),
});
export class RegistrationParamsDto extends createZodDto(registrationParamsSchema) {}

export const idempotencyKeySchema = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'Idempotency-Key : 1 à 255 caractères ASCII visibles')
    .optional(),
});

export const linkTokenSchema = z.object({
  token: z
    .string({ error: 'Le jeton du lien (token) est manquant : utilisez le lien reçu par e-mail' })
    .min(1, 'Le jeton du lien (token) est manquant : utilisez le lien reçu par e-mail')
    .max(200, 'Ce lien n’est pas valide'),
});

export const linkActionBodySchema = z.object({ token: z.string().max(200).optional() });
export class LinkActionBodyDto extends createZodDto(linkActionBodySchema) {}

export const feedbackSchema = z.object({
  token: z.string().max(200).optional(),
  rating: z
    .number({ error: 'Note : un nombre de 1 à 5 est attendu' })
    .int('Note : un nombre entier de 1 à 5 est attendu')
    .min(1, 'Note : de 1 à 5')
    .max(5, 'Note : de 1 à 5'),
  comment: z
    .string({ error: 'Commentaire : texte attendu' })
    .trim()
    .max(2000, 'Commentaire : 2000 caractères au plus')
    .nullish()
    .transform((comment) => (comment ? comment : null)),
  quoteConsent: z.boolean({ error: 'quoteConsent : vrai ou faux attendu' }).default(false),
});
export class FeedbackDto extends createZodDto(feedbackSchema) {}

export const attendanceSchema = z.object({
  registrationId: z.uuid({ error: 'Identifiant d’inscription invalide' }),
  attended: z.boolean({ error: 'attended : vrai ou faux attendu' }),
});
export class AttendanceDto extends createZodDto(attendanceSchema) {}

export const coordinatorCancelSchema = z
  .object({ reason: z.string().trim().min(1).max(500, 'Motif : 500 caractères au plus').optional() })
  .default({});

/** The optional body of a coordinator's cancellation, for OpenAPI (the route parses an absent body as {}). */
export class CoordinatorCancelDto extends createZodDto(
  z.object({ reason: z.string().max(500).optional().describe('shown to the participant') }),
) {}

export const moveSchema = z.object({
  sessionId: z.uuid({ error: 'Identifiant de séance de destination invalide' }),
  waitlistIfFull: z
    .boolean()
    .default(false)
    .describe('join the waitlist when the target is full, instead of refusing'),
});
export class MoveRegistrationDto extends createZodDto(moveSchema) {}
