import { Injectable } from '@nestjs/common';
import { TENANT_SETTINGS_EVENTS, TenantSettingsEvent } from '@respire/contracts';
import { EventContext, HandleEvent } from '@respire/messaging';
import { TenantRepository } from '../infrastructure/tenant.repository';

/** Keeps identity's copy of each CPTS (slug, name, sender) current. */
@Injectable()
export class CatalogTenantsConsumer {
  constructor(private readonly tenants: TenantRepository) {}

  /** A CPTS created, or its settings changed: both carry its name and sender. */
  @HandleEvent(TENANT_SETTINGS_EVENTS)
  async onTenant(event: TenantSettingsEvent, { manager }: EventContext): Promise<void> {
    const { tenantId, name, senderEmail } = event.data;
    // Only tenant.created carries the slug; a settings change keeps the one known.
    const slug = 'slug' in event.data ? event.data.slug : undefined;
    await this.tenants.save(manager, { tenantId, slug, name, senderEmail });
  }
}
