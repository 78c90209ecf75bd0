/**
 * Money in the back office: amounts travel as integer euro cents; a coordinator types euros
 * (« 15 », « 15,50 », « 15.5 »), read here digit by digit, never through a float.
 */

/** « 15,50 » → 1550; null when it is not an amount of euros with at most two decimals. */
export function parseEuros(text: string): number | null {
  const match = /^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*(?:€)?\s*$/.exec(text);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return cents > 0 ? cents : null;
}

/** 1550 → « 15,50 € ». */
export function formatCents(cents: number): string {
  const euros = Math.floor(Math.abs(cents) / 100);
  const rest = String(Math.abs(cents) % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}${euros},${rest}\u00a0€`;
}

export const PAYMENT_METHOD_LABELS: Record<string, string> = {
  cash: 'Espèces',
  cheque: 'Chèque',
  'bank-transfer': 'Virement',
  card: 'Carte bancaire',
  online: 'Paiement en ligne',
};

export const PAYMENT_STATE_LABELS: Record<string, string> = {
  'not-due': 'Rien à payer',
  unpaid: 'Non payé',
  'partly-paid': 'Payé en partie',
  paid: 'Payé',
};
