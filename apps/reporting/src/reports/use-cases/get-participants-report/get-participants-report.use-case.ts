import { Injectable, Inject } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { ReportModel } from '../../domain/report-model';
import { ReportRepository } from '../../infrastructure/report.repository';
import { scopeOf } from '../report-scope';
import { describeScope, PROTECTION_NOTE, ReportQuery } from '../report.query';

/** Distinct participants who attended, by profession, practice mode and département (non-confidential activities). */
@Injectable()
export class GetParticipantsReportUseCase {
  constructor(
    private readonly reports: ReportRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: ReportQuery) {
    const now = this.clock.now();
    return this.reports.read(query.tenantId, async (reader) => {
      const model = ReportModel.build(
        await reader.load(scopeOf(query, now), { participants: [], profiles: true }),
      );
      const total = model.total().figures;
      return {
        scope: describeScope(query, reader.generation.generation, now),
        protection: PROTECTION_NOTE,
        uniqueParticipants: total.uniqueParticipants!,
        returningParticipants: total.returningParticipants!,
        excludesConfidentialActivities: true,
        ...model.profiles()!,
      };
    });
  }
}
