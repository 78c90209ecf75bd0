import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TENANT_DEFAULTS } from '@respire/contracts';
import { inTenantBatches } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { ParticipantErasureRepository } from '../../infrastructure/participant-erasure.repository';
import { EraseParticipantUseCase } from '../erase-participant/erase-participant.use-case';

const BATCH = 200;

/**
 * Retention: participants with no registration, and no session, for the tenant's retention
 * period (TENANT_DEFAULTS.retention.participantMonths unless the CPTS set its own) are erased, as
 * if they had asked, a batch per transaction. Answers how many, per tenant walked.
 */
@Injectable()
export class EraseDormantParticipantsUseCase {
  private readonly logger = new Logger('Retention');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectoryRepository,
    private readonly erasure: ParticipantErasureRepository,
    private readonly erase: EraseParticipantUseCase,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(): Promise<number> {
    const tenantIds = await this.tenants.allTenantIds(this.dataSource.manager);
    const erased = await inTenantBatches(this.dataSource, tenantIds, BATCH, async (manager, tenantId) => {
      const months =
        (await this.erasure.retentionMonths(manager, tenantId)) ??
        TENANT_DEFAULTS.retention.participantMonths;
      const dormant = await this.erasure.dormant(manager, tenantId, months, this.clock.now(), BATCH);
      for (const id of dormant) await this.erase.eraseIn(manager, tenantId, id);
      return dormant.length;
    });
    if (erased > 0) this.logger.log(`erased ${erased} participant(s) past their retention period`);
    return erased;
  }
}
