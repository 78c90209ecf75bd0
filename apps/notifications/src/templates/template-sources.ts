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
    const override = await this.overrides.get(manager, tenantId, key);
    if (override)
      return {
        source: { subject: override.subject, html: override.html, text: override.text },
        overridden: true,
      };
    return { source: TEMPLATE_CATALOG[key].defaults, overridden: false };
  }
}
