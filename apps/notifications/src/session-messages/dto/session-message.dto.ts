import { createDocumentedDto } from '@respire/platform';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { AUDIENCES } from '../domain/session-message';

export const sessionMessageSchema = z.object({
  subject: z
    .string({ error: 'Indiquez l’objet du message' })
    .trim()
    .min(1, 'Indiquez l’objet du message')
    .max(150, 'L’objet ne doit pas dépasser 150 caractères'),
  text: z
    .string({ error: 'Écrivez le message' })
    .trim()
    .min(1, 'Écrivez le message')
    .max(5000, 'Le message ne doit pas dépasser 5 000 caractères'),
  audience: z
    .array(
      z.enum(AUDIENCES, {
        error: 'Destinataires : « confirmed » (inscrits) ou « waitlisted » (liste d’attente)',
      }),
    )
    .min(1, 'Choisissez au moins un groupe de destinataires')
    .transform((list) => [...new Set(list)])
    .describe('confirmed: confirmed people; waitlisted: the waitlist (and pending offers)'),
});
export class SessionMessageDto extends createZodDto(sessionMessageSchema) {}

export class SessionParamsDto extends createZodDto(
  z.object({ id: z.uuid({ error: 'L’identifiant de séance doit être un UUID' }) }),
) {}

export const idempotencyHeaderSchema = z
  .string({
    error: 'En-tête Idempotency-Key manquant : il garantit qu’un message renvoyé n’est envoyé qu’une fois',
  })
  .min(8, 'Idempotency-Key : au moins 8 caractères')
  .max(200, 'Idempotency-Key : au plus 200 caractères');

export class SessionMessagePreviewDto extends createDocumentedDto(
  z.object({
    recipients: z
      .number()
      .int()
      .describe('how many people would get it (one mail each; nobody sees the others)'),
    subject: z.string(),
    html: z.string().describe('the mail as one recipient reads it, their first name shown as [prénom]'),
    text: z.string(),
  }),
) {}

export class SentSessionMessageDto extends createDocumentedDto(
  z.object({
    id: z.uuid(),
    recipients: z.number().int(),
    replayed: z.boolean().describe('true: this Idempotency-Key had already sent it, nothing was sent again'),
  }),
) {}

export class SessionMessageSummaryDto extends createDocumentedDto(
  z.object({
    id: z.uuid(),
    subject: z.string(),
    audience: z.array(z.enum(AUDIENCES)),
    recipients: z.number().int(),
    createdAt: z.string(),
  }),
) {}
