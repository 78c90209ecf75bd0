import { MigrationInterface, QueryRunner } from 'typeorm';

/** The sites allowed to embed a tenant's public pages (the web app's frame-ancestors). */
export class TenantEmbedOrigins1764500000000 implements MigrationInterface {
  name = 'TenantEmbedOrigins1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants ADD COLUMN embed_origins text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenants DROP COLUMN embed_origins`);
  }
}
