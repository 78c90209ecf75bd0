import { columnAdded } from './column-added';

/** The sites allowed to embed a tenant's public pages (the web app's frame-ancestors). */
export const TenantEmbedOrigins1764500000000 = columnAdded(
  'TenantEmbedOrigins1764500000000',
  'tenants',
  'embed_origins',
  "text[] NOT NULL DEFAULT '{}'",
);
