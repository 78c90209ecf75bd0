import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { ReportModel } from '../domain/report-model';
import { ReportInput } from '../domain/report-groups';
import { Testimonials } from '../domain/testimonials';
import {
  ReportParts,
  ReportReader,
  ReportRepository,
  ReportScope,
} from '../infrastructure/report.repository';
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

/** What a report of totals is shown from: its protected model, its header, and what was loaded for it. */
export interface TotalsView {
  model: ReportModel;
  header: ReportHeader;
  input: ReportInput & { testimonials?: Testimonials };
}

/**
 * A report use case over the live read models, as of the clock's now: `read` for any report,
 * `totals` for a report of totals — the scope's parts loaded, protected as one model, and the
 * view the report shows of it.
 */
@Injectable()
export abstract class ReportUseCase {
  constructor(
    protected readonly reports: ReportRepository,
    @Inject(CLOCK) protected readonly clock: Clock,
  ) {}

  protected read<T>(
    query: ReportQuery,
    work: (reader: ReportReader, scope: ReportScope, header: ReportHeader) => Promise<T>,
  ): Promise<T> {
    return readReport(this.reports, query, this.clock.now(), work);
  }

  protected totals<T>(query: ReportQuery, parts: ReportParts, view: (totals: TotalsView) => T): Promise<T> {
    return this.read(query, async (reader, scope, header) => {
      const input = await reader.load(scope, parts);
      return view({ model: ReportModel.build(input), header, input });
    });
  }
}
