import { AsyncLocalStorage } from 'node:async_hooks';

export class TenantContextMissingError extends Error {
  constructor() {
    super('No tenant in context: this code must run inside TenantContext.run(tenantId, …)');
  }
}

interface TenantScope {
  readonly tenantId: string;
}

const storage = new AsyncLocalStorage<TenantScope>();

/** The tenant the current request, job or event belongs to. Reading it outside a scope throws. */
export const TenantContext = {
  run<T>(tenantId: string, work: () => T): T {
    return storage.run({ tenantId }, work);
  },

  current(): string {
    const scope = storage.getStore();
    if (!scope) throw new TenantContextMissingError();
    return scope.tenantId;
  },

  currentOrNull(): string | null {
    return storage.getStore()?.tenantId ?? null;
  },
};
