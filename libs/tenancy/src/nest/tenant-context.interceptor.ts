import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { TenantContext } from '../tenant-context';
import { AuthenticatedRequest } from './authenticated.decorator';

/** Runs an authenticated request's handler inside its tenant's context (logs, repositories). */
@Injectable()
export class TenantContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const tenantId = context.switchToHttp().getRequest<AuthenticatedRequest>().principal?.tenantId;
    if (!tenantId) return next.handle();
    return new Observable((subscriber) =>
      TenantContext.run(tenantId, () => next.handle().subscribe(subscriber)),
    );
  }
}
