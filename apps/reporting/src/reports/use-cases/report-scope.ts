import { ReportReader, ReportRepository, ReportScope } from '../infrastructure/report.repository';
import { describeScope, PROTECTION_NOTE, ReportQuery } from './report.query';

export function scopeOf(query: ReportQuery, now: Date): ReportScope {
  return { tenantId: query.tenantId, from: query.from, to: query.to, programmeId: query.programmeId, now };
}

/** What a protected report begins with: the scope it answers for and how small counts are shown. */
export interface ReportHeader {
  readonly scope: ReturnType<typeof describeScope>;
  readonly protection: typeof PROTECTION_NOTE;
}

/** Runs `work` on one snapshot of the live generation, with the scope to load and the report's header, both as of `now`. */
export function readReport<T>(
  reports: ReportRepository,
  query: ReportQuery,
  now: Date,
  work: (reader: ReportReader, scope: ReportScope, header: ReportHeader) => Promise<T>,
): Promise<T> {
  return reports.read(query.tenantId, (reader) =>
    work(reader, scopeOf(query, now), {
      scope: describeScope(query, reader.generation.generation, now),
      protection: PROTECTION_NOTE,
    }),
  );
}
