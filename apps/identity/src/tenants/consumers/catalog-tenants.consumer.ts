import { Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  TENANT_CREATED_V1,
  TENANT_SETTINGS_CHANGED_V1,
  TenantCreatedV1,
  TenantSettingsChangedV1,
} from '@respire/contracts';
import { EventContext, HandleEvent } from '@respire/messaging';
import { TenantRepository } from '../infrastructure/tenant.repository';

/** Keeps identity's copy of each CPTS (slug, name, sender) current. */
@Injectable()
export class CatalogTenantsConsumer {
  constructor(private readonly tenants: TenantRepository) {}

  @HandleEvent(TENANT_CREATED_V1)
  async onTenantCreated(event: EventEnvelope<TenantCreatedV1>, { manager }: EventContext): Promise<void> {
    const { tenantId, slug, name, senderEmail } = event.data;
    await this.tenants.save(manager, { tenantId, slug, name, senderEmail });
  }

  @HandleEvent(TENANT_SETTINGS_CHANGED_V1)
  async onSettingsChanged(
    event: EventEnvelope<TenantSettingsChangedV1>,
    { manager }: EventContext,
  ): Promise<void> {
    const { tenantId, name, senderEmail } = event.data;
    await this.tenants.save(manager, { tenantId, name, senderEmail });
  }
}
