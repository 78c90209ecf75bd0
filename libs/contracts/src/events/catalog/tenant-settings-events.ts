import { EventEnvelope } from '../../envelope';
import { TENANT_CREATED_V1, TenantCreatedV1 } from './tenant-created.v1';
import { TENANT_SETTINGS_CHANGED_V1, TenantSettingsChangedV1 } from './tenant-settings-changed.v1';

/**
 * The events that carry a tenant's complete settings: its creation (which adds the slug) and
 * each change of them. A consumer that only keeps a copy of the settings handles both alike:
 * `@HandleEvent(TENANT_SETTINGS_EVENTS) onTenant(event: TenantSettingsEvent, …)`.
 */
export const TENANT_SETTINGS_EVENTS = [TENANT_CREATED_V1, TENANT_SETTINGS_CHANGED_V1] as const;

export type TenantSettingsEvent = EventEnvelope<TenantCreatedV1 | TenantSettingsChangedV1>;
