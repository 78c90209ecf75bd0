import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TEMPLATE_CATALOG, TemplateSource } from './domain/template-catalog';
import { TemplateKey } from './domain/template-key';
import { TemplateOverrideRepository } from './infrastructure/template-override.repository';

/** The wording a tenant's message uses: its override, else the French default. */
@Injectable()
export class TemplateSources {
  constructor(private readonly overrides: TemplateOverrideRepository) {}

  async sourceOf(
    manager: EntityManager,
    tenantId: string,
    key: TemplateKey,
  ): Promise<{ source: TemplateSource; overridden: boolean }> {
    return templateSourceOf(key, await this.overrides.get(manager, tenantId, key));
  }
}

/** The tenant's override of a template when it has one, else the French default. */
export function templateSourceOf(
  key: TemplateKey,
  override: TemplateSource | null,
): { source: TemplateSource; overridden: boolean } {
  if (override)
    return {
      source: { subject: override.subject, html: override.html, text: override.text },
      overridden: true,
    };
  return { source: TEMPLATE_CATALOG[key].defaults, overridden: false };
}
