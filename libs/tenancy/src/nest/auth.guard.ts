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

interface RouteAccess {
  isPublic: boolean;
  roles: Role[] | undefined;
}

/**
 * Secure by default: every route needs a valid token unless marked @Public(); @Authenticated
 * narrows the roles. The tenant comes from the token only, never from the URL or body; it is
 * recorded in the request's context, which is TenantContext for the rest of the request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly routes = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, roles } = this.routeAccess(context);
    if (isPublic) return true;
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

  /** Whether a route is public, and the roles it needs: read once per route (its decorators do not change). */
  private routeAccess(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const type = context.getClass();
    let byHandler = this.routes.get(type);
    if (!byHandler) {
      byHandler = new WeakMap();
      this.routes.set(type, byHandler);
    }
    let access = byHandler.get(handler);
    if (!access) {
      const targets = [handler, type];
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) === true,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets),
      };
      byHandler.set(handler, access);
    }
    return access;
  }
}
