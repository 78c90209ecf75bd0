import { Injectable } from '@nestjs/common';
import { ReportUseCase } from '../report-scope';
import { ReportQuery } from '../report.query';

/** Distinct participants who attended, by profession, practice mode and département (non-confidential activities). */
@Injectable()
export class GetParticipantsReportUseCase extends ReportUseCase {
  execute(query: ReportQuery) {
    return this.totals(query, { participants: [], profiles: true }, ({ model, header }) => {
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
