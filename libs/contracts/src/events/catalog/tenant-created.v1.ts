import { z } from 'zod';
import { defineEvent } from '../../event-definition';
import { Topic } from '../../topics';
import { TENANT_SETTINGS_EXAMPLE, tenantSettingsShape } from './tenant-settings';

export const TENANT_CREATED_V1 = defineEvent({
  type: 'catalog.tenant.created',
  version: 1,
  topic: Topic.Catalog,
  description: 'A CPTS was onboarded on the platform, with its initial settings (defaults filled in).',
  schema: z.object({
    tenantId: z.uuid(),
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    ...tenantSettingsShape,
  }),
  partitionKey: (data) => data.tenantId,
  keyedBy: 'tenantId',
  example: {
    tenantId: '0198c6a2-4b1e-7c3a-9f10-2d5e8a7b6c01',
    slug: 'capacites-besancon',
    ...TENANT_SETTINGS_EXAMPLE,
  },
});

export type TenantCreatedV1 = z.infer<typeof TENANT_CREATED_V1.schema>;
