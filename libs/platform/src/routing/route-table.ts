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

/** The web app's rule: the shortest path, so NGINX (and routeOf) try it last. */
export const WEB_CATCH_ALL = '/';

export const ROUTE_TABLE: readonly RouteRule[] = [
  // registration
  { service: 'registration', path: '/v1/public/tenants/[^/]+/sessions/[^/]+/registrations(/|$)' },
  { service: 'registration', path: '/v1/public/tenants/[^/]+/registrations(/|$)' },
  { service: 'registration', path: '/v1/public/tenants/[^/]+/access-links(/|$)' },
  { service: 'registration', path: '/v1/public/participants(/|$)' },
  {
    service: 'registration',
    path: '/v1/sessions/[^/]+/(registrations|attendance|attendance-sheet\\.pdf|waitlist|seats|payments)(/|$)',
  },
  { service: 'registration', path: '/v1/public/registrations(/|$)' },
  { service: 'registration', path: '/v1/registrations(/|$)' },
  { service: 'registration', path: '/v1/session-seats(/|$)' },
  { service: 'registration', path: '/v1/participants(/|$)' },
  // notifications
  { service: 'notifications', path: '/v1/facilitators/[^/]+/contact(/|$)' },
  { service: 'notifications', path: '/v1/public/preferences(/|$)' },
  { service: 'notifications', path: '/v1/public/alerts(/|$)' },
  { service: 'notifications', path: '/v1/templates(/|$)' },
  { service: 'notifications', path: '/v1/deliveries(/|$)' },
  { service: 'notifications', path: '/v1/sessions/[^/]+/messages(/|$)' },
  // catalog
  { service: 'catalog', path: '/v1/public/tenants(/|$)' },
  { service: 'catalog', path: '/v1/tenants(/|$)' },
  { service: 'catalog', path: '/v1/programmes(/|$)' },
  { service: 'catalog', path: '/v1/activities(/|$)' },
  { service: 'catalog', path: '/v1/venues(/|$)' },
  { service: 'catalog', path: '/v1/facilitators(/|$)' },
  { service: 'catalog', path: '/v1/sessions(/|$)' },
  // reporting (surveys live there: see apps/reporting/README.md; the public survey routes are
  // nested under catalog's /v1/public/tenants: written longer, they win)
  { service: 'reporting', path: '/v1/reports(/|$)' },
  { service: 'reporting', path: '/v1/surveys(/|$)' },
  { service: 'reporting', path: '/v1/public/tenants/[^/]+/surveys(/|$)' },
  { service: 'reporting', path: '/v1/funder(/|$)' },
  // identity (a tenant's staff is nested under catalog's /v1/tenants: written longer, it wins)
  { service: 'identity', path: '/v1/tenants/[^/]+/staff(/|$)' },
  { service: 'identity', path: '/v1/staff(/|$)' },
  { service: 'identity', path: '/v1/auth(/|$)' },
  { service: 'identity', path: '/v1/regions/[^/]+/funders(/|$)' },
  // the signing keys and the OIDC discovery document, where verifiers look for them
  { service: 'identity', path: '/\\.well-known/(jwks\\.json|openid-configuration)$' },
  // web: everything else — the public pages, their assets, the back office under /app, and a
  // JSON 404 for an unknown /v1 path
  { service: 'web', path: WEB_CATCH_ALL },
];

/** The rules in the order NGINX tries them: longest path first (stable for equal lengths). */
export function rulesInMatchOrder(rules: readonly RouteRule[] = ROUTE_TABLE): RouteRule[] {
  return [...rules].sort((a, b) => b.path.length - a.path.length);
}

const compiled = rulesInMatchOrder().map((rule) => ({ rule, pattern: new RegExp(`^${rule.path}`, 'i') }));

/** The rule that answers a request path (without the query string): the web app's when no service owns it. */
export function routeOf(path: string): RouteRule {
  return compiled.find(({ pattern }) => pattern.test(path))!.rule;
}

/** The service behind a `/v1/...` path, or null when none owns it (the web app answers 404). */
export function apiServiceOf(path: string): Exclude<ServiceName, 'web'> | null {
  const { service } = routeOf(path);
  return service === 'web' ? null : service;
}
