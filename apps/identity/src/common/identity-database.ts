import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { runInRegionTransaction, runInTenantTransaction } from '@respire/tenancy';
import { FunderEmailTakenError, StaffEmailTakenError, TenantNotFoundError } from './identity-errors';

/**
 * Every identity transaction in a tenant's (staff) or a region's (funders) row-level-security scope, with the database's refusals
 * turned into answers (409 for a second account with one address, 404 for an unknown tenant).
 * `beforeTenant` runs the three owner functions that find the tenant first.
 */
@Injectable()
export class IdentityDatabase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async inTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await runInTenantTransaction(this.dataSource, tenantId, work);
    } catch (error) {
      throw translate(error);
    }
  }

  /** A funder account's region: no tenant is set, so no staff row is visible. */
  async inRegion<T>(region: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await runInRegionTransaction(this.dataSource, region, work);
    } catch (error) {
      throw translate(error);
    }
  }

  /** Outside any tenant: only the SECURITY DEFINER functions answer anything here. */
  async beforeTenant<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

function translate(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driverError = (error as QueryFailedError & { driverError: { code?: string; constraint?: string } })
    .driverError;
  if (driverError?.code === '23505' && driverError.constraint === 'staff_email_uq')
    return new StaffEmailTakenError();
  if (driverError?.code === '23505' && driverError.constraint === 'funders_email_uq')
    return new FunderEmailTakenError();
  if (driverError?.code === '23503' && driverError.constraint?.startsWith('staff_tenant_id_fkey'))
    return new TenantNotFoundError();
  return error;
}
