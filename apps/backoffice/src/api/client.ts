import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as CatalogPaths } from './generated/catalog';
import type { paths as IdentityPaths } from './generated/identity';
import type { paths as NotificationsPaths } from './generated/notifications';
import type { paths as RegistrationPaths } from './generated/registration';
import type { paths as ReportingPaths } from './generated/reporting';
import { sessionToken } from './session-token';

/**
 * Typed clients for the services, generated from their OpenAPI documents. Every request goes to
 * the same origin (/v1 is routed to the owning service) with a bearer token from identity; a 401
 * drops the cached token so the next request asks for a fresh one.
 */
const bearer: Middleware = {
  async onRequest({ request }) {
    request.headers.set('Authorization', `Bearer ${await sessionToken.accessToken()}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) sessionToken.reset();
    return response;
  },
};

// Same origin; resolved late so that tests can replace fetch.
const options = {
  baseUrl: globalThis.location?.origin ?? '',
  fetch: (request: Request) => globalThis.fetch(request),
};

function client<Paths extends object>() {
  const created = createClient<Paths>(options);
  created.use(bearer);
  return created;
}

export const catalogApi = client<CatalogPaths>();
export const registrationApi = client<RegistrationPaths>();
export const notificationsApi = client<NotificationsPaths>();
export const reportingApi = client<ReportingPaths>();
export const identityApi = client<IdentityPaths>();
/** The sign-in routes answer without a bearer token (cookie and CSRF header instead). */
export const publicIdentityApi = createClient<IdentityPaths>(options);
