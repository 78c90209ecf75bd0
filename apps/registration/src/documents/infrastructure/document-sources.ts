import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { runInTenantTransaction } from '@respire/tenancy';
import { RegistrationRepository } from '../../registrations/infrastructure/registration.repository';
import { SessionRepository } from '../../sessions/infrastructure/session.repository';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { PdfRenderer } from './pdf-renderer';

type PdfDocument = Parameters<PdfRenderer['render']>[0];

/**
 * What the paperwork's PDFs are made from: sessions, registrations and the CPTS's name, read in
 * the tenant's transaction, then rendered once the transaction is over.
 */
@Injectable()
export class DocumentSources {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    readonly sessions: SessionRepository,
    readonly registrations: RegistrationRepository,
    readonly tenants: TenantDirectoryRepository,
    private readonly renderer: PdfRenderer,
  ) {}

  /** Reads what a document shows in the tenant's transaction (`read`), then renders it. */
  async render(tenantId: string, read: (manager: EntityManager) => Promise<PdfDocument>): Promise<Buffer> {
    const document = await runInTenantTransaction(this.dataSource, tenantId, read);
    return this.renderer.render(document);
  }
}
