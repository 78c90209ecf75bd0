import { PaymentMethod } from '@respire/contracts';
import { fixedDomainError } from '@respire/platform';

/** A payment as recorded: integer cents, a local date, never changed, only voided. */
export interface Payment {
  tenantId: string;
  id: string;
  registrationId: string;
  sessionId: string;
  amountCents: number;
  method: PaymentMethod;
  paidOn: string;
  reference: string | null;
  receiptNumber: number;
  recordedBy: string;
  recordedAt: Date;
  voidedAt: Date | null;
  voidedBy: string | null;
  voidReason: string | null;
}

/** What a coordinator sends to record one payment. */
export interface PaymentRequest {
  amountCents: number;
  method: PaymentMethod;
  paidOn: string;
  reference: string | null;
}

/** Whether a request sent again with the same Idempotency-Key is the same payment (then it counts once). */
export function isSamePayment(stored: Payment, registrationId: string, request: PaymentRequest): boolean {
  return (
    stored.registrationId === registrationId &&
    stored.amountCents === request.amountCents &&
    stored.method === request.method &&
    stored.paidOn === request.paidOn &&
    (stored.reference ?? null) === (request.reference ?? null)
  );
}

/** The receipt's number as printed: six digits, per CPTS. */
export function receiptLabel(receiptNumber: number): string {
  return String(receiptNumber).padStart(6, '0');
}

export type PaymentState = 'not-due' | 'unpaid' | 'partly-paid' | 'paid';

/**
 * Where a registration stands: nothing is due for a free session; otherwise the payments not
 * voided are added up against the price (paying more than the price is "paid").
 */
export function paymentState(priceCents: number, paidCents: number): PaymentState {
  if (priceCents <= 0) return 'not-due';
  if (paidCents <= 0) return 'unpaid';
  return paidCents < priceCents ? 'partly-paid' : 'paid';
}

/** The sum of the payments that count (not voided). */
export function collectedCents(payments: Pick<Payment, 'amountCents' | 'voidedAt'>[]): number {
  return payments.filter((p) => p.voidedAt === null).reduce((sum, p) => sum + p.amountCents, 0);
}

export class PaymentNotFoundError extends fixedDomainError(
  'payment_not_found',
  'Ce paiement est introuvable.',
  404,
) {}

export class IdempotencyKeyRequiredError extends fixedDomainError(
  'idempotency_key_required',
  'L’en-tête Idempotency-Key est requis pour enregistrer un paiement (une clé par paiement : un envoi répété ne compte qu’une fois).',
  400,
) {}

export class PaymentKeyReusedError extends fixedDomainError(
  'idempotency_key_reused',
  'Cette clé Idempotency-Key a déjà servi pour un autre paiement : utilisez une nouvelle clé.',
  422,
) {}

export class NoCertificateError extends fixedDomainError(
  'no_certificate',
  'Pas d’attestation pour cette inscription : la présence à la séance n’a pas été enregistrée.',
  409,
) {}
