import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { TENANT_CREATED_V1 } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { catalogEvent } from '../../../common/catalog-event';
import { applySettingsPatch, DEFAULT_TENANT_SETTINGS, TenantSettings } from '../../domain/tenant-settings';
import { TenantRecord, TenantRepository } from '../../infrastructure/tenant.repository';
import { CreateTenantCommand } from './create-tenant.command';

/** A platform admin onboards a CPTS: its row and catalog.tenant.created, in one transaction. */
@Injectable()
export class CreateTenantUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly tenants: TenantRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: CreateTenantCommand): Promise<TenantRecord> {
    const { slug, ...patch } = command;
    const settings = applySettingsPatch(
      { ...DEFAULT_TENANT_SETTINGS, name: command.name } as TenantSettings,
      patch,
    );
    const id = uuidv7();
    // The new tenant's own scope: the policy's WITH CHECK (id = app_current_tenant()) holds.
    return this.db.inTenant(id, async (manager) => {
      const tenant = await this.tenants.insert(manager, id, slug, settings, this.clock.now());
      await this.outbox.add(
        manager,
        catalogEvent(TENANT_CREATED_V1, { tenantId: id, slug, ...settings }, { tenantId: id, subject: id }),
      );
      return tenant;
    });
  }
}
