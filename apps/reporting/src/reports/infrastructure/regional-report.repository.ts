import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInRegionTransaction } from '@respire/tenancy';
import { GenerationRepository } from '../../read-models/infrastructure/generation.repository';
import { ReportReader } from './report.repository';

/**
 * A funder's reads: one transaction with `app.region` set and no tenant, so row-level security
 * (the `region_read` policies) shows the region's CPTS and nothing else; each CPTS is read with
 * the same {@link ReportReader} its coordinators' reports use, on one snapshot.
 */
@Injectable()
export class RegionalReportRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly generations: GenerationRepository,
  ) {}

  read<T>(region: string, work: (readerOf: (tenantId: string) => ReportReader) => Promise<T>): Promise<T> {
    return runInRegionTransaction(
      this.dataSource,
      region,
      async (manager) => {
        const generation = await this.generations.active(manager);
        return work((tenantId) => new ReportReader(manager, tenantId, generation));
      },
      'REPEATABLE READ',
    );
  }
}
