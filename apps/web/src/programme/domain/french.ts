import { DateTime } from 'luxon';
import {
  formatEuros,
  PaymentInstructions,
  paymentInstructionsText,
  PracticeMode,
  practiceModeAudience,
  Profession,
  PROFESSION_NAMES,
  TENANT_DEFAULTS,
} from '@respire/contracts';

/** « jeudi 21 janvier 2027 » from a local date (YYYY-MM-DD). */
export function longDate(localDate: string): string {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).setLocale('fr').toFormat('cccc d LLLL yyyy');
}

/** « 18h30 » from a local time (HH:MM). */
export function frenchTime(localTime: string): string {
  const [hours, minutes] = localTime.split(':');
  return `${Number(hours)}h${minutes}`;
}

/** « janvier 2027 » from a month (YYYY-MM). */
export function monthName(month: string): string {
  return DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).setLocale('fr').toFormat('LLLL yyyy');
}

const longDateTimes = new Map<string, string>();

/**
 * An instant in a zone, in words: « mercredi 20 janvier 2027 à 18h30 ». Remembered (the same
 * session starts are written on every page, and luxon's zone arithmetic is the slow part).
 */
export function longDateTime(instant: string, timezone: string): string {
  const key = `${instant} ${timezone}`;
  let words = longDateTimes.get(key);
  if (words === undefined) {
    const local = DateTime.fromISO(instant).setZone(timezone).setLocale('fr');
    words = `${local.toFormat('cccc d LLLL yyyy')} à ${local.toFormat("H'h'mm")}`;
    if (longDateTimes.size >= 10_000) longDateTimes.clear();
    longDateTimes.set(key, words);
  }
  return words;
}

/** « Gratuit », or « 5,00 € ». */
export function price(cents: number): string {
  return cents === 0 ? 'Gratuit' : formatEuros(cents);
}

/** How to pay a CPTS's priced sessions, in its words (libs/contracts, as in the mails). */
export function paymentText(tenant: { paymentInstructions?: PaymentInstructions }): string {
  return paymentInstructionsText(tenant.paymentInstructions ?? TENANT_DEFAULTS.paymentInstructions);
}

/**
 * « Pour les infirmiers et les médecins », or for everyone; followed by the practice-mode rule
 * when there is one (« Pour tous les professionnels de santé — libéraux uniquement »).
 */
export function audience(eligible: readonly string[], practiceModes: readonly string[] = []): string {
  const rule = practiceModeAudience(practiceModes as PracticeMode[]);
  return rule ? `${professionAudience(eligible)} — ${rule}` : professionAudience(eligible);
}

function professionAudience(eligible: readonly string[]): string {
  if (eligible.length === 0) return 'Pour tous les professionnels de santé';
  const names = eligible.map((p) => PROFESSION_NAMES[p as Profession]?.many ?? p);
  const last = names.pop()!;
  return `Pour les ${names.length ? `${names.join(', les ')} et les ${last}` : last}`;
}
