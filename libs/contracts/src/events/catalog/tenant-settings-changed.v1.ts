import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { TENANT_SETTINGS_EXAMPLE, tenantSettingsShape } from './tenant-settings';

export const TENANT_SETTINGS_CHANGED_V1 = defineEvent({
  type: 'catalog.tenant.settings-changed',
  version: 1,
  topic: Topic.Catalog,
  description:
    "A CPTS's settings changed. Carries the complete settings after the change (not a diff): a consumer replaces what it holds.",
  schema: z.object({
    tenantId: z.uuid(),
    ...tenantSettingsShape,
  }),
  partitionKey: (data) => data.tenantId,
  keyedBy: 'tenantId',
  example: {
    tenantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01',
    ...TENANT_SETTINGS_EXAMPLE,
    reminderOffsetsMinutes: [2880, 60],
  },
});

export type TenantSettingsChangedV1 = z.infer<typeof TENANT_SETTINGS_CHANGED_V1.schema>;
