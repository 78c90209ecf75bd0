import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  TENANT_CREATED_V1,
  TENANT_SETTINGS_CHANGED_V1,
  TenantCreatedV1,
  TenantSettingsChangedV1,
} from '@respire/contracts';
import { EventContext, HandleEvent } from '@respire/messaging';
import { TenantDirectoryRepository } from '../infrastructure/tenant-directory.repository';

/** Keeps reporting's tenant directory (slug, name, time zone, region) current. */
@Injectable()
export class CatalogTenantsConsumer {
  constructor(private readonly directory: TenantDirectoryRepository) {}

  @HandleEvent(TENANT_CREATED_V1)
  async onTenantCreated(event: EventEnvelope<TenantCreatedV1>, { manager }: EventContext): Promise<void> {
    const { slug, name, timezone, region } = event.data;
    await this.directory.save(manager, {
      tenantId: event.tenantId,
      slug,
      name,
      timezone,
      region: region ?? null,
    });
  }

  @HandleEvent(TENANT_SETTINGS_CHANGED_V1)
  async onSettingsChanged(
    event: EventEnvelope<TenantSettingsChangedV1>,
    { manager }: EventContext,
  ): Promise<void> {
    const { name, timezone, region } = event.data;
    await this.directory.save(manager, { tenantId: event.tenantId, name, timezone, region: region ?? null });
  }
}
