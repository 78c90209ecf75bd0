import { DEFAULT_SUPPRESSION_THRESHOLD } from '../domain/small-count-suppressor';

/** What every report is asked for: a tenant, a period of local dates (inclusive) and a programme, both optional. */
export interface ReportQuery {
  readonly tenantId: string;
  readonly from: string | null;
  readonly to: string | null;
  readonly programmeId: string | null;
}

const T = DEFAULT_SUPPRESSION_THRESHOLD;

/** Said alongside every report: how small counts are shown. */
export const PROTECTION_NOTE = {
  threshold: T,
  hidden: [`<${T}`, `≥${T}`],
  rule:
    `Counts of people from 1 to ${T - 1} show as "<${T}"; other cells are hidden as well (shown "<${T}" or "≥${T}") where a total ` +
    'would give a small count away. Rates and means that would reveal a hidden count are null. Confidential ' +
    'activities appear only as whole activities: never per session, month, venue or participant profile.',
} as const;

export function describeScope(query: ReportQuery, generation: number, now: Date) {
  return {
    from: query.from,
    to: query.to,
    programmeId: query.programmeId,
    generatedAt: now.toISOString(),
    readModelGeneration: generation,
  };
}
