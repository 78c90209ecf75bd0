import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TemplateSource } from '../domain/template-catalog';
import { TemplateKey } from '../domain/template-key';

export interface StoredOverride extends TemplateSource {
  updatedBy: string;
  updatedAt: Date;
}

/** A tenant's own wording of a template (the platform's French default otherwise). */
@Injectable()
export class TemplateOverrideRepository {
  async get(manager: EntityManager, tenantId: string, key: TemplateKey): Promise<StoredOverride | null> {
    const rows: { subject: string; html: string; text: string; updated_by: string; updated_at: Date }[] =
      await manager.query(
        `SELECT subject, html, text, updated_by, updated_at FROM template_override WHERE tenant_id = $1 AND key = $2`,
        [tenantId, key],
      );
    const row = rows[0];
    return row
      ? {
          subject: row.subject,
          html: row.html,
          text: row.text,
          updatedBy: row.updated_by,
          updatedAt: row.updated_at,
        }
      : null;
  }

  async save(
    manager: EntityManager,
    tenantId: string,
    key: TemplateKey,
    source: TemplateSource,
    updatedBy: string,
  ): Promise<StoredOverride> {
    const rows: { updated_at: Date }[] = await manager.query(
      `INSERT INTO template_override (tenant_id, key, subject, html, text, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, key) DO UPDATE SET
         subject = EXCLUDED.subject, html = EXCLUDED.html, text = EXCLUDED.text,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING updated_at`,
      [tenantId, key, source.subject, source.html, source.text, updatedBy],
    );
    return { ...source, updatedBy, updatedAt: rows[0].updated_at };
  }

  async remove(manager: EntityManager, tenantId: string, key: TemplateKey): Promise<void> {
    await manager.query(`DELETE FROM template_override WHERE tenant_id = $1 AND key = $2`, [tenantId, key]);
  }
}
