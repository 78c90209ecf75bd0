import { z } from 'zod';
import { absoluteUrlSchema } from './events/fragments';

/**
 * Low fees ("pour un coût très modique"): a session may have a price (integer euro cents, never
 * a float), paid to the CPTS outside Respire. These are the one definition of how a CPTS says
 * it is paid, of how a price and those instructions read in French (pages, messages, PDFs), and
 * of the payment methods a coordinator records.
 */

/** How participants pay a CPTS. */
export const PAYMENT_INSTRUCTION_METHODS = ['on-site', 'cheque', 'bank-transfer', 'payment-link'] as const;
export type PaymentInstructionMethod = (typeof PAYMENT_INSTRUCTION_METHODS)[number];

export const paymentInstructionsSchema = z
  .object({
    method: z
      .enum(PAYMENT_INSTRUCTION_METHODS)
      .describe(
        'on-site: paid at the session; cheque: to the CPTS; bank-transfer: to its account; payment-link: a page such as HelloAsso',
      ),
    details: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .nullable()
      .describe(
        'what to add in the CPTS’s words: cheque payee, IBAN and reference to write, cash or card…; null = none',
      ),
    url: absoluteUrlSchema
      .nullable()
      .describe(
        'the payment page (required for payment-link), e.g. https://www.helloasso.com/associations/…',
      ),
  })
  .refine((value) => value.method !== 'payment-link' || value.url !== null, {
    message: 'url is required when method is payment-link',
    path: ['url'],
  });
export type PaymentInstructions = z.infer<typeof paymentInstructionsSchema>;

/** What a CPTS that says nothing gets: paid on site, nothing to add. */
export const DEFAULT_PAYMENT_INSTRUCTIONS: PaymentInstructions = {
  method: 'on-site',
  details: null,
  url: null,
};

/** Methods a coordinator records a payment with. */
export const PAYMENT_METHODS = ['cash', 'cheque', 'bank-transfer', 'card', 'online'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const paymentMethodSchema = z.enum(PAYMENT_METHODS);

export const PAYMENT_METHOD_NAMES: Readonly<Record<PaymentMethod, string>> = {
  cash: 'Espèces',
  cheque: 'Chèque',
  'bank-transfer': 'Virement',
  card: 'Carte bancaire',
  online: 'Paiement en ligne',
};

/** An amount in euro cents written the French way: 1500 → « 15,00 € » (narrow no-break spaces as Intl writes them). */
export function formatEuros(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`an amount is a whole number of cents, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')}\u00a0€`;
}

/** Cents as a decimal number for spreadsheets, by integer arithmetic: 123456 → « 1234,56 ». */
export function centsAsDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`an amount is a whole number of cents, got ${cents}`);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** « Participation : 15,00 € » or « Gratuit ». */
export function priceLabel(cents: number): string {
  return cents > 0 ? `Participation : ${formatEuros(cents)}` : 'Gratuit';
}

/** How to pay, in French, one sentence plus the CPTS's own details. */
export function paymentInstructionsText(instructions: PaymentInstructions): string {
  const head = {
    'on-site': 'Règlement sur place, le jour de la séance.',
    cheque: 'Règlement par chèque.',
    'bank-transfer': 'Règlement par virement bancaire.',
    'payment-link': `Règlement en ligne : ${instructions.url ?? ''}`.trim(),
  }[instructions.method];
  return instructions.details ? `${head} ${instructions.details}` : head;
}
