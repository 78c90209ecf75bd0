import { ServiceName } from '../config/platform-env.schema';

/**
 * Which service answers each `/v1/...` path on the public host: the one table the Kubernetes
 * Ingress is generated from (`npm run ingress`, checked in `npm test`) and the web app's `/v1`
 * proxy routes by. Never route by another copy.
 *
 * Paths are regular expressions matched from the start of the URI path, case-insensitive, in
 * RE2 syntax (no lookaround), as ingress-nginx with `use-regex` reads them. NGINX writes regex
 * locations longest first and takes the first that matches, so a rule nested under another
 * service's prefix (`/v1/sessions/:id/registrations` under catalog's `/v1/sessions`) wins by
 * being written longer. `routeOf` applies the same rule.
 */
export interface RouteRule {
  readonly service: ServiceName;
  readonly path: string;
}

export const ROUTE_TABLE: readonly RouteRule[] = [
  // registration
  { service: 'registration', path: '/v1/public/tenants/[^/]+/sessions/[^/]+/registrations(/|$)' },
  { service: 'registration', path: '/v1/sessions/[^/]+/(registrations|attendance|waitlist|seats)(/|$)' },
  { service: 'registration', path: '/v1/public/registrations(/|$)' },
  { service: 'registration', path: '/v1/registrations(/|$)' },
  { service: 'registration', path: '/v1/session-seats(/|$)' },
  // notifications
  { service: 'notifications', path: '/v1/facilitators/[^/]+/contact(/|$)' },
  { service: 'notifications', path: '/v1/public/preferences(/|$)' },
  { service: 'notifications', path: '/v1/templates(/|$)' },
  { service: 'notifications', path: '/v1/deliveries(/|$)' },
  // catalog
  { service: 'catalog', path: '/v1/public/tenants(/|$)' },
  { service: 'catalog', path: '/v1/tenants(/|$)' },
  { service: 'catalog', path: '/v1/programmes(/|$)' },
  { service: 'catalog', path: '/v1/activities(/|$)' },
  { service: 'catalog', path: '/v1/venues(/|$)' },
  { service: 'catalog', path: '/v1/facilitators(/|$)' },
  { service: 'catalog', path: '/v1/sessions(/|$)' },
  // reporting
  { service: 'reporting', path: '/v1/reports(/|$)' },
  // identity (a tenant's staff is nested under catalog's /v1/tenants: written longer, it wins)
  { service: 'identity', path: '/v1/tenants/[^/]+/staff(/|$)' },
  { service: 'identity', path: '/v1/staff(/|$)' },
  { service: 'identity', path: '/v1/auth(/|$)' },
  // the signing keys and the OIDC discovery document, where verifiers look for them
  { service: 'identity', path: '/\\.well-known/(jwks\\.json|openid-configuration)$' },
];

/** The rules in the order NGINX tries them: longest path first (stable for equal lengths). */
export function rulesInMatchOrder(rules: readonly RouteRule[] = ROUTE_TABLE): RouteRule[] {
  return [...rules].sort((a, b) => b.path.length - a.path.length);
}

const compiled = rulesInMatchOrder().map((rule) => ({ rule, pattern: new RegExp(`^${rule.path}`, 'i') }));

/** The rule that answers a request path (without the query string), or null if none does. */
export function routeOf(path: string): RouteRule | null {
  return compiled.find(({ pattern }) => pattern.test(path))?.rule ?? null;
}
