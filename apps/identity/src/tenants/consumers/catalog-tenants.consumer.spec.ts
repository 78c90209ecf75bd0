import { EntityManager } from 'typeorm';
import {
  createEvent,
  TENANT_CREATED_V1,
  TENANT_SETTINGS_CHANGED_V1,
  TenantCreatedV1,
  TenantSettingsChangedV1,
} from '@respire/contracts';
import { EventContext } from '@respire/messaging';
import { TenantRepository } from '../infrastructure/tenant.repository';
import { CatalogTenantsConsumer } from './catalog-tenants.consumer';

describe("identity's copy of a CPTS", () => {
  const saved: Parameters<TenantRepository['save']>[1][] = [];
  const consumer = new CatalogTenantsConsumer({
    save: (_manager: EntityManager, tenant: Parameters<TenantRepository['save']>[1]) => {
      saved.push(tenant);
      return Promise.resolve();
    },
  } as TenantRepository);
  const context = { manager: {} as EntityManager } as EventContext;
  const created = TENANT_CREATED_V1.example as TenantCreatedV1;
  const changed = TENANT_SETTINGS_CHANGED_V1.example as TenantSettingsChangedV1;
  const meta = { tenantId: created.tenantId, source: 'catalog', subject: created.tenantId };

  it('keeps the slug, name and sender of a created CPTS, and the name and sender of its changed settings', async () => {
    await consumer.onTenant(createEvent(TENANT_CREATED_V1, created, meta), context);
    await consumer.onTenant(createEvent(TENANT_SETTINGS_CHANGED_V1, changed, meta), context);
    expect(saved).toEqual([
      {
        tenantId: created.tenantId,
        slug: created.slug,
        name: created.name,
        senderEmail: created.senderEmail,
      },
      { tenantId: changed.tenantId, slug: undefined, name: changed.name, senderEmail: changed.senderEmail },
    ]);
  });
});
