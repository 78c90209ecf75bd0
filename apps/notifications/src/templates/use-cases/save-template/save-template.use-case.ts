import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { checkTemplate } from '../../domain/check-template';
import { TEMPLATE_CATALOG, TemplateSource } from '../../domain/template-catalog';
import { TemplateNotFoundError } from '../../domain/template-errors';
import { isTemplateKey } from '../../domain/template-key';
import {
  StoredOverride,
  TemplateOverrideRepository,
} from '../../infrastructure/template-override.repository';

/** A coordinator rewrites one of their tenant's templates: refused whole unless every part checks. */
@Injectable()
export class SaveTemplateUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly overrides: TemplateOverrideRepository,
  ) {}

  async execute(command: {
    tenantId: string;
    key: string;
    source: TemplateSource;
    by: string;
  }): Promise<StoredOverride> {
    if (!isTemplateKey(command.key)) throw new TemplateNotFoundError(command.key);
    const key = command.key;
    checkTemplate(TEMPLATE_CATALOG[key], command.source);
    return runInTenantTransaction(this.dataSource, command.tenantId, (manager) =>
      this.overrides.save(manager, command.tenantId, key, command.source, command.by),
    );
  }

  async reset(command: { tenantId: string; key: string }): Promise<void> {
    if (!isTemplateKey(command.key)) throw new TemplateNotFoundError(command.key);
    const key = command.key;
    await runInTenantTransaction(this.dataSource, command.tenantId, (manager) =>
      this.overrides.remove(manager, command.tenantId, key),
    );
  }
}
