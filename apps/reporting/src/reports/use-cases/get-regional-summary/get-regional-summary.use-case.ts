import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, Clock } from '@respire/platform';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { RegionalCptsInput, RegionalSummary } from '../../domain/regional-summary';
import { RegionalReportRepository } from '../../infrastructure/regional-report.repository';
import { PROTECTION_NOTE } from '../report.query';

export interface RegionalSummaryQuery {
  region: string;
  from: string | null;
  to: string | null;
}

/**
 * The funder summary of every CPTS of a region, side by side and combined, protected as one
 * table (see {@link RegionalSummary}). Figures only: no activity, session, programme or person.
 */
@Injectable()
export class GetRegionalSummaryUseCase {
  constructor(
    private readonly reports: RegionalReportRepository,
    private readonly directory: TenantDirectoryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(query: RegionalSummaryQuery) {
    const now = this.clock.now();
    const tenants = await this.directory.ofRegion(query.region);
    const inputs: RegionalCptsInput[] = await this.reports.read(query.region, async (readerOf) => {
      const loaded: RegionalCptsInput[] = [];
      for (const tenant of tenants) {
        const input = await readerOf(tenant.tenantId).load(
          { tenantId: tenant.tenantId, from: query.from, to: query.to, programmeId: null, now },
          { participants: [], profiles: true },
        );
        loaded.push({ tenantId: tenant.tenantId, name: tenant.name, input });
      }
      return loaded;
    });
    const summary = RegionalSummary.build(inputs);
    return {
      region: query.region,
      scope: { from: query.from, to: query.to, generatedAt: now.toISOString() },
      protection: PROTECTION_NOTE,
      withheld: summary.withheld,
      cpts: summary.cpts(),
      combined: summary.combined(),
    };
  }
}

export type RegionalSummaryView = Awaited<ReturnType<GetRegionalSummaryUseCase['execute']>>;
