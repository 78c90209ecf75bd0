import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE, RequestContext } from '@respire/platform';
import { Role } from '../auth/principal';
import { InvalidTokenError, TokenVerifier } from '../auth/token-verifier';
import { AuthenticatedRequest, REQUIRED_ROLES } from './authenticated.decorator';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/**
 * Secure by default: every route needs a valid token unless marked @Public(); @Authenticated
 * narrows the roles. The tenant comes from the token only, never from the URL or body; it is
 * recorded in the request's context, which is TenantContext for the rest of the request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const header = request.headers.authorization ?? '';
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw new UnauthorizedException('Bearer token required');
    try {
      request.principal = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidTokenError)
        throw new UnauthorizedException(`Invalid token: ${error.message}`);
      throw error;
    }
    if (roles && roles.length > 0 && !roles.some((role) => request.principal!.roles.includes(role))) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    if (request.principal.tenantId) RequestContext.set({ tenantId: request.principal.tenantId });
    return true;
  }
}
