import type { FastifyRequest } from 'fastify';
import { clientAddress, proxyTrust, TrustProxy } from '@respire/platform';
import { OnBehalfOf } from '../upstream/upstream.client';
import { postedFromOurPages, RequestOrigin } from './form-tokens';
import { ForeignFormError } from './page-errors';

/** The trust function of each TRUST_PROXY setting: built once (a list of ranges is a BlockList), not per page. */
const trusts = new WeakMap<TrustProxy, ReturnType<typeof proxyTrust>>();

/** The client a page request is for, as the services must count it (rate limits). */
export function onBehalfOf(request: FastifyRequest, trustProxy: TrustProxy): OnBehalfOf {
  let trust = trusts.get(trustProxy);
  if (trust === undefined) {
    trust = proxyTrust(trustProxy);
    trusts.set(trustProxy, trust);
  }
  return { clientAddress: clientAddress(request, trust) };
}

export function requestOrigin(request: FastifyRequest): RequestOrigin {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    host: header('host'),
    protocol: request.protocol,
    origin: header('origin'),
    fetchSite: header('sec-fetch-site'),
  };
}

/** A form field as posted (urlencoded bodies hold strings, or lists of them). */
export function formBody(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

/** The fields of a form posted from our own pages; a form posted from another site is refused. */
export function postedForm(request: FastifyRequest, body: unknown): Record<string, unknown> {
  if (!postedFromOurPages(requestOrigin(request))) throw new ForeignFormError();
  return formBody(body);
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isSlug(value: string): boolean {
  return value.length <= 63 && SLUG.test(value);
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
