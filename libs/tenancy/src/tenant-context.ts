import { AsyncLocalStorage } from 'node:async_hooks';
import { RequestContext } from '@respire/platform';

export class TenantContextMissingError extends Error {
  constructor() {
    super('No tenant in context: this code must run inside TenantContext.run(tenantId, …)');
  }
}

interface TenantScope {
  readonly tenantId: string;
}

const storage = new AsyncLocalStorage<TenantScope>();

/**
 * The tenant the current request, job or event belongs to. Reading it outside a scope throws.
 * A scope is entered with `run` (jobs, events, tenant transactions) or, for an HTTP request,
 * by the AuthGuard, which records the verified token's tenant in the request's context (where
 * the logs read it too): no interceptor wraps every route, public ones included, for it.
 */
export const TenantContext = {
  run<T>(tenantId: string, work: () => T): T {
    return storage.run({ tenantId }, work);
  },

  current(): string {
    const tenantId = TenantContext.currentOrNull();
    if (tenantId === null) throw new TenantContextMissingError();
    return tenantId;
  },

  currentOrNull(): string | null {
    return storage.getStore()?.tenantId ?? RequestContext.current()?.tenantId ?? null;
  },
};
