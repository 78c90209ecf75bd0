import { Injectable, Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { ReportModel } from '../../domain/report-model';
import { ReportRepository } from '../../infrastructure/report.repository';
import { scopeOf } from '../report-scope';
import { describeScope, PROTECTION_NOTE, ReportQuery } from '../report.query';

/** Ratings per activity (distribution and mean) and the comments participants agreed to have quoted. */
@Injectable()
export class GetSatisfactionReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ReportQuery) {
    const now = this.clock.now();
    return this.reports.read(query.tenantId, async (reader) => {
      const input = await reader.load(scopeOf(query, now), { ratings: true, testimonials: true });
      const model = ReportModel.build(input);
      return {
        scope: describeScope(query, reader.generation.generation, now),
        protection: PROTECTION_NOTE,
        ...model.satisfaction()!,
        testimonials: input.testimonials!,
      };
    });
  }
}
