import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { createDocumentedDto } from '@respire/platform';
import { PAYMENT_INSTRUCTION_METHODS, PAYMENT_METHODS, PaymentInstructions } from '@respire/contracts';
import { REGISTRATION_STATUSES } from '../../registrations/domain/registration-status';
import { Payment, receiptLabel } from '../domain/payment';
import { PaymentHistoryEntry } from '../infrastructure/payment.repository';
import { SessionPayments } from '../use-cases/list-session-payments.use-case';

const MAX_AMOUNT_CENTS = 1_000_000;

export const recordPaymentSchema = z.object({
  amountCents: z
    .number({ error: 'Montant : nombre entier de centimes attendu (1500 pour 15,00 €)' })
    .int('Montant : nombre entier de centimes attendu (1500 pour 15,00 €)')
    .positive('Montant : il doit être supérieur à zéro')
    .max(MAX_AMOUNT_CENTS, 'Montant : 10 000 € au plus')
    .describe('integer euro cents (1500 = 15,00 €)'),
  method: z.enum(PAYMENT_METHODS, { error: `Moyen de paiement inconnu : ${PAYMENT_METHODS.join(', ')}` }),
  paidOn: z.iso
    .date({ error: 'Date du paiement : AAAA-MM-JJ attendu' })
    .describe('the day it was paid (local date)'),
  reference: z
    .string()
    .trim()
    .max(100, 'Référence : 100 caractères au plus')
    .transform((value) => value || null)
    .nullish()
    .describe('cheque number, transfer reference…'),
});
export class RecordPaymentDto extends createZodDto(recordPaymentSchema) {}

export const voidPaymentSchema = z.object({
  reason: z.string().trim().max(200, 'Motif : 200 caractères au plus').nullish(),
});
export class VoidPaymentDto extends createZodDto(voidPaymentSchema) {}

export const paymentParamsSchema = z.object({
  id: z.uuid({ error: 'Identifiant d’inscription invalide' }),
  paymentId: z.uuid({ error: 'Identifiant de paiement invalide' }),
});
export class PaymentParamsDto extends createZodDto(paymentParamsSchema) {}

export const sessionPaymentsQuerySchema = z.object({
  state: z
    .enum(['not-due', 'unpaid', 'partly-paid', 'paid'], {
      error: 'state : not-due, unpaid, partly-paid ou paid',
    })
    .optional(),
});
export class SessionPaymentsQueryDto extends createZodDto(sessionPaymentsQuerySchema) {}

const paymentSchema = z.object({
  id: z.uuid(),
  registrationId: z.uuid(),
  amountCents: z.number().int(),
  method: z.enum(PAYMENT_METHODS),
  paidOn: z.string(),
  reference: z.string().nullable(),
  receiptNumber: z.string(),
  recordedAt: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});

export const paymentAnswerSchema = paymentSchema.extend({
  replayed: z.boolean().describe('true when this Idempotency-Key had recorded it already: nothing was added'),
});

export const sessionPaymentsSchema = z.object({
  sessionId: z.uuid(),
  priceCents: z.number().int(),
  paymentInstructions: z.object({
    method: z.enum(PAYMENT_INSTRUCTION_METHODS),
    details: z.string().nullable(),
    url: z.string().nullable(),
  }),
  collectedCents: z.number().int().describe('payments not voided'),
  registrations: z.array(
    z.object({
      registrationId: z.uuid(),
      firstName: z.string(),
      lastName: z.string(),
      status: z.enum(REGISTRATION_STATUSES),
      paidCents: z.number().int(),
      state: z.enum(['not-due', 'unpaid', 'partly-paid', 'paid']),
      payments: z.array(paymentSchema),
    }),
  ),
});

export const registrationPaymentsSchema = z.object({
  payments: z.array(paymentSchema),
  history: z.array(
    z.object({
      paymentId: z.uuid(),
      change: z.enum(['recorded', 'voided']),
      actor: z.string(),
      at: z.string(),
    }),
  ),
});

export class PaymentAnswerDto extends createDocumentedDto(paymentAnswerSchema) {}
export class SessionPaymentsDto extends createDocumentedDto(sessionPaymentsSchema) {}
export class RegistrationPaymentsDto extends createDocumentedDto(registrationPaymentsSchema) {}

export function toPaymentItem(p: Payment): z.input<typeof paymentSchema> {
  return {
    id: p.id,
    registrationId: p.registrationId,
    amountCents: p.amountCents,
    method: p.method,
    paidOn: p.paidOn,
    reference: p.reference,
    receiptNumber: receiptLabel(p.receiptNumber),
    recordedAt: p.recordedAt.toISOString(),
    voidedAt: p.voidedAt?.toISOString() ?? null,
    voidReason: p.voidReason,
  };
}

export function toSessionPayments(view: SessionPayments): z.input<typeof sessionPaymentsSchema> {
  const instructions: PaymentInstructions = view.paymentInstructions;
  return {
    sessionId: view.session.id,
    priceCents: view.session.priceCents,
    paymentInstructions: instructions,
    collectedCents: view.collectedCents,
    registrations: view.registrations.map((row) => ({
      registrationId: row.registration.id,
      firstName: row.registration.firstName,
      lastName: row.registration.lastName,
      status: row.registration.status,
      paidCents: row.paidCents,
      state: row.state,
      payments: row.payments.map(toPaymentItem),
    })),
  };
}

export function toRegistrationPayments(view: {
  payments: Payment[];
  history: (PaymentHistoryEntry & { paymentId: string })[];
}): z.input<typeof registrationPaymentsSchema> {
  return {
    payments: view.payments.map(toPaymentItem),
    history: view.history.map((h) => ({
      paymentId: h.paymentId,
      change: h.change,
      actor: h.actor,
      at: h.at.toISOString(),
    })),
  };
}
