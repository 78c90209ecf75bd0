import { DEFAULT_SUPPRESSION_THRESHOLD } from '../../reports/domain/small-count-suppressor';

export interface AmountCell {
  activityId: string;
  activityTitle: string;
  confidential: boolean;
  programmeId: string | null;
  programmeTitle: string | null;
  amountCents: number;
  payments: number;
}

export interface PublishedAmount {
  /** Integer euro cents; null when hidden (fewer payments than the threshold would tell how many people paid). */
  amountCents: number | null;
}

export interface CollectedAmounts {
  total: PublishedAmount;
  programmes: (PublishedAmount & { programmeId: string | null; title: string })[];
  activities: (PublishedAmount & {
    activityId: string;
    title: string;
    confidential: boolean;
    programmeId: string | null;
  })[];
}

/**
 * Amounts collected per activity and programme, for the funder report. With a known price, an
 * amount tells how many people paid, so it is published like a count of people: an activity
 * with 1 to threshold − 1 payments shows no amount, and when a programme has exactly one hidden
 * activity the programme's amount is hidden too (else subtracting the others would reveal it);
 * the grand total likewise when exactly one programme is hidden.
 */
export function collectedAmounts(
  cells: AmountCell[],
  threshold = DEFAULT_SUPPRESSION_THRESHOLD,
): CollectedAmounts {
  const small = (payments: number) => payments > 0 && payments < threshold;
  const activities = cells.map((c) => ({
    activityId: c.activityId,
    title: c.activityTitle,
    confidential: c.confidential,
    programmeId: c.programmeId,
    amountCents: small(c.payments) ? null : c.amountCents,
  }));
  const byProgramme = new Map<string | null, AmountCell[]>();
  for (const c of cells) byProgramme.set(c.programmeId, [...(byProgramme.get(c.programmeId) ?? []), c]);
  const programmes = [...byProgramme.entries()].map(([programmeId, own]) => {
    const payments = own.reduce((n, c) => n + c.payments, 0);
    const hiddenInside = own.filter((c) => small(c.payments)).length;
    return {
      programmeId,
      title: own[0].programmeTitle ?? 'Hors programme',
      amountCents:
        small(payments) || hiddenInside === 1 ? null : own.reduce((sum, c) => sum + c.amountCents, 0),
    };
  });
  const payments = cells.reduce((n, c) => n + c.payments, 0);
  const hiddenProgrammes = programmes.filter((p) => p.amountCents === null).length;
  return {
    total: {
      amountCents:
        small(payments) || (hiddenProgrammes === 1 && programmes.length > 1)
          ? null
          : cells.reduce((s, c) => s + c.amountCents, 0),
    },
    programmes,
    activities,
  };
}
