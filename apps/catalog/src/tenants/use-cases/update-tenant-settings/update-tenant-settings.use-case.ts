import { Inject, Injectable } from '@nestjs/common';
import { TENANT_SETTINGS_CHANGED_V1 } from '@respire/contracts';
import { Outbox } from '@respire/messaging';
import { Clock, CLOCK } from '@respire/platform';
import { CatalogDatabase } from '../../../common/catalog-database';
import { ResourceNotFoundError } from '../../../common/catalog-errors';
import { catalogEvent } from '../../../common/catalog-event';
import { applySettingsPatch, sameSettings, settingsOf } from '../../domain/tenant-settings';
import { TenantRecord, TenantRepository } from '../../infrastructure/tenant.repository';
import { UpdateTenantSettingsCommand } from './update-tenant-settings.command';

/**
 * Changes a CPTS's settings and publishes them whole (catalog.tenant.settings-changed), so the
 * other services simply replace what they hold. A change that changes nothing publishes nothing.
 */
@Injectable()
export class UpdateTenantSettingsUseCase {
  constructor(
    private readonly db: CatalogDatabase,
    private readonly tenants: TenantRepository,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: UpdateTenantSettingsCommand): Promise<TenantRecord> {
    return this.db.inTenant(command.tenantId, async (manager) => {
      const current = await this.tenants.find(manager, command.tenantId, true);
      if (!current) throw new ResourceNotFoundError('tenant');
      const before = settingsOf(current);
      const after = applySettingsPatch(before, command.changes);
      if (sameSettings(before, after)) return current;
      const updated = await this.tenants.updateSettings(manager, command.tenantId, after, this.clock.now());
      await this.outbox.add(
        manager,
        catalogEvent(
          TENANT_SETTINGS_CHANGED_V1,
          { tenantId: command.tenantId, ...after },
          { tenantId: command.tenantId, subject: command.tenantId },
        ),
      );
      return updated;
    });
  }
}
