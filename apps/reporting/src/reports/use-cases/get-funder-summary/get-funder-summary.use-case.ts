import { Injectable, Inject } from '@nestjs/common';
import { DomainError, CLOCK, Clock } from '@respire/platform';
import { collectedAmounts } from '../../../payments/domain/collected-amounts';
import { PaymentTotalsRepository } from '../../../payments/infrastructure/payment-totals.repository';
import { ReportModel } from '../../domain/report-model';
import { ReportRepository } from '../../infrastructure/report.repository';
import { ReportUseCase, scopeOf } from '../report-scope';
import { describeScope, PROTECTION_NOTE, ReportQuery } from '../report.query';

export class ProgrammeNotFoundError extends DomainError {
  constructor() {
    super('programme_not_found', 'Programme introuvable.', 404);
  }
}

/**
 * The funder report (what a CPTS sends its ARS): for one programme and one period — by default
 * the programme's own — sessions held, places offered, registrations, attendance, unique
 * professionals by profession and practice mode, satisfaction (with the most recent quotes:
 * `TESTIMONIALS_SHOWN`) and unmet demand.
 */
@Injectable()
export class GetFunderSummaryUseCase extends ReportUseCase {
  constructor(
    reports: ReportRepository,
    @Inject(CLOCK) clock: Clock,
    private readonly payments: PaymentTotalsRepository,
  ) {
    super(reports, clock);
  }

  async execute(query: ReportQuery) {
    const report = await this.figures(query);
    const cells = await this.payments.amounts(query.tenantId, {
      from: report.scope.from,
      to: report.scope.to,
      programmeId: query.programmeId,
    });
    return { ...report, amountsCollected: collectedAmounts(cells) };
  }

  private figures(query: ReportQuery) {
    const now = this.clock.now();
    return this.reports.read(query.tenantId, async (reader) => {
      const programme = query.programmeId ? await reader.programme(query.programmeId) : null;
      if (query.programmeId && !programme) throw new ProgrammeNotFoundError();
      const scope: ReportQuery = {
        ...query,
        from: query.from ?? programme?.startsOn ?? null,
        to: query.to ?? programme?.endsOn ?? null,
      };
      const input = await reader.load(scopeOf(scope, now), {
        participants: ['activity', 'month'],
        profiles: true,
        ratings: true,
        testimonials: true,
      });
      const model = ReportModel.build(input);
      return {
        scope: describeScope(scope, reader.generation.generation, now),
        protection: PROTECTION_NOTE,
        tenant: { name: await reader.tenantName() },
        programme,
        totals: model.total().figures,
        activities: model.rows('activity'),
        months: {
          rows: model.rows('month'),
          total: model.totalNonConfidential(),
          excludesConfidentialActivities: true,
        },
        participants: { ...model.profiles()!, excludesConfidentialActivities: true },
        satisfaction: {
          ...model.satisfaction()!,
          testimonials: input.testimonials!.shown,
          testimonialsNotShown: input.testimonials!.notShown,
        },
        unmetDemand: model.unmetDemand(),
      };
    });
  }
}

export type FunderSummary = Awaited<ReturnType<GetFunderSummaryUseCase['execute']>>;
