import { Injectable, Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { ReportModel } from '../../domain/report-model';
import { ReportRepository } from '../../infrastructure/report.repository';
import { readReport } from '../report-scope';
import { ReportQuery } from '../report.query';

/** Distinct participants who attended, by profession, practice mode and département (non-confidential activities). */
@Injectable()
export class GetParticipantsReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ReportQuery) {
    return readReport(this.reports, query, this.clock.now(), async (reader, scope, header) => {
      const model = ReportModel.build(await reader.load(scope, { participants: [], profiles: true }));
      const total = model.total().figures;
      return {
        ...header,
        uniqueParticipants: total.uniqueParticipants!,
        returningParticipants: total.returningParticipants!,
        excludesConfidentialActivities: true,
        ...model.profiles()!,
      };
    });
  }
}
