import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { MessageComposer } from '../../../messages/message-composer';
import { displayName } from '../../../tenants/domain/tenant-settings';
import { TenantDirectoryRepository } from '../../../tenants/infrastructure/tenant-directory.repository';
import { checkTemplate } from '../../domain/check-template';
import { TEMPLATE_CATALOG, TemplateSource } from '../../domain/template-catalog';
import { TemplateNotFoundError } from '../../domain/template-errors';
import { isTemplateKey, TemplateKey } from '../../domain/template-key';
import { TemplateSources } from '../../template-sources';

export interface Preview {
  key: TemplateKey;
  subject: string;
  html: string;
  text: string;
}

/**
 * Renders a template (the tenant's current one, or a draft over it) with sample data, in the
 * tenant's layout: what a coordinator checks before saving.
 */
@Injectable()
export class PreviewTemplateUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenants: TenantDirectoryRepository,
    private readonly sources: TemplateSources,
    private readonly composer: MessageComposer,
  ) {}

  async execute(command: {
    tenantId: string;
    key: string;
    draft: Partial<TemplateSource>;
  }): Promise<Preview> {
    if (!isTemplateKey(command.key)) throw new TemplateNotFoundError(command.key);
    const key = command.key;
    const definition = TEMPLATE_CATALOG[key];
    const { tenant, current } = await runInTenantTransaction(
      this.dataSource,
      command.tenantId,
      async (manager) => ({
        tenant: await this.tenants.settings(manager, command.tenantId),
        current: (await this.sources.sourceOf(manager, command.tenantId, key)).source,
      }),
    );
    const source: TemplateSource = { ...current, ...command.draft };
    checkTemplate(definition, source);
    const sample = {
      ...definition.sample,
      tenant: { name: displayName(tenant), privacyContact: tenant.privacyContact },
      listeningLines: tenant.listeningLines.map((l) => ({
        name: l.name,
        phone: l.phone,
        description: l.description ?? null,
      })),
    };
    const layout = this.composer.layoutOf(
      tenant,
      definition.key === TemplateKey.FacilitatorAttendees ? null : '00000000-0000-7000-8000-000000000000',
    );
    const rendered = this.composer.render(source, sample, layout);
    return { key, ...rendered };
  }
}
