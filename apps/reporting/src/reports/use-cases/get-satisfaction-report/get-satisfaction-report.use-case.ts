import { Injectable, Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { ReportModel } from '../../domain/report-model';
import { ReportRepository } from '../../infrastructure/report.repository';
import { readReport } from '../report-scope';
import { ReportQuery } from '../report.query';

/** Ratings per activity (distribution and mean) and the comments participants agreed to have quoted. */
@Injectable()
export class GetSatisfactionReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ReportQuery) {
    return readReport(this.reports, query, this.clock.now(), async (reader, scope, header) => {
      const input = await reader.load(scope, { ratings: true, testimonials: true });
      const model = ReportModel.build(input);
      return {
        ...header,
        ...model.satisfaction()!,
        testimonials: input.testimonials!,
      };
    });
  }
}
