import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { EntityManager } from 'typeorm';
import { camelRow, excludedValues } from '@respire/tenancy';
import { db } from '../../infrastructure/db';
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
    const row = await db(manager)
      .selectFrom('template_override')
      .select(['subject', 'html', 'text', 'updated_by', 'updated_at'])
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? camelRow(row) : null;
  }

  async save(
    manager: EntityManager,
    tenantId: string,
    key: TemplateKey,
    source: TemplateSource,
    updatedBy: string,
  ): Promise<StoredOverride> {
    const row = await db(manager)
      .insertInto('template_override')
      .values({
        tenant_id: tenantId,
        key,
        subject: source.subject,
        html: source.html,
        text: source.text,
        updated_by: updatedBy,
      })
      .onConflict((conflict) =>
        conflict.columns(['tenant_id', 'key']).doUpdateSet((eb) => ({
          ...excludedValues(eb, ['subject', 'html', 'text', 'updated_by']),
          updated_at: sql<Date>`now()`,
        })),
      )
      .returning('updated_at')
      .executeTakeFirstOrThrow();
    return { ...source, updatedBy, updatedAt: row.updated_at };
  }

  async remove(manager: EntityManager, tenantId: string, key: TemplateKey): Promise<void> {
    await db(manager)
      .deleteFrom('template_override')
      .where('tenant_id', '=', tenantId)
      .where('key', '=', key)
      .execute();
  }
}
