import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which proxies in front of the service are believed when they say, in X-Forwarded-For, who the
 * client is (TRUST_PROXY):
 *
 * - `none`: nobody; the client is the socket's peer and X-Forwarded-For is ignored.
 * - `hops`: the socket's peer and the `hops - 1` right-most X-Forwarded-For entries are proxies;
 *   the entry before them is the client. Only safe when clients cannot reach the service but
 *   through those proxies (in Kubernetes the NetworkPolicy admits only the ingress controller).
 * - `addresses`: peers inside these addresses/CIDRs are proxies; walking from the socket towards
 *   the left of X-Forwarded-For, the first address outside them is the client. This checks the
 *   immediate peer too, so it stays right if the service is also reachable directly.
 *
 * Whatever a client writes in X-Forwarded-For sits to the left of what the trusted proxies
 * appended, so it is never reached while the configuration matches the real chain.
 */
export type TrustProxy =
  { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] };

/** `(address, hop)`: is this hop (0 = the socket's peer) a proxy we believe? */
export type ProxyTrust = (address: string, hop: number) => boolean;

const NONE = ['', 'false', 'no', 'off', '0'];
// "I am behind a proxy" means the proxy in front, one hop: never the whole chain, which would
// make the left-most entry, written by the client, the client address.
const ONE_HOP = ['true', 'yes', 'on'];

export const TRUST_PROXY_HELP =
  'must be false, true (one proxy), a number of proxy hops, or a comma-separated list of proxy addresses/CIDRs (e.g. 10.0.0.0/8,192.0.2.7)';

/** Reads TRUST_PROXY; null when it is none of the accepted forms. */
export function parseTrustProxy(input: string): TrustProxy | null {
  const value = input.trim().toLowerCase();
  if (NONE.includes(value)) return { kind: 'none' };
  if (ONE_HOP.includes(value)) return { kind: 'hops', hops: 1 };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 32 ? { kind: 'hops', hops } : null;
  }
  const addresses = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (addresses.length === 0 || !addresses.every((address) => parseRange(address) !== null)) return null;
  return { kind: 'addresses', addresses };
}

export const trustProxySchema = z
  .string()
  .default('false')
  .transform((value, context) => {
    const trust = parseTrustProxy(value);
    if (!trust) {
      context.addIssue({ code: 'custom', message: TRUST_PROXY_HELP });
      return z.NEVER;
    }
    return trust;
  });

/** The trust as a function (what Fastify's `trustProxy` accepts), or false when nobody is trusted. */
export function proxyTrust(trust: TrustProxy): ProxyTrust | false {
  if (trust.kind === 'none') return false;
  if (trust.kind === 'hops') return (_address, hop) => hop < trust.hops;
  const list = new BlockList();
  for (const address of trust.addresses) {
    const range = parseRange(address)!;
    list.addSubnet(range.network, range.prefix, range.family);
  }
  return (address) => {
    const plain = unmapped(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The client among the socket's peer and the X-Forwarded-For entries (left to right as sent):
 * walking from the socket leftwards, the first hop that is not a trusted proxy, or the left-most
 * one when they all are. The same walk as Fastify's `request.ip` with the same trust function.
 */
export function forwardedClient(
  socketAddress: string,
  forwardedFor: string | undefined,
  trust: ProxyTrust | false,
): string {
  if (!trust || !forwardedFor) return socketAddress;
  // Walks the entries from the right (the nearest hop first) as they are, without building the chain.
  const entries = forwardedFor.split(',');
  let current = socketAddress;
  let hop = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i].trim();
    if (!entry) continue;
    if (!trust(current, hop)) return current;
    current = entry;
    hop++;
  }
  return current;
}

function parseRange(input: string): { network: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address, prefixText, extra] = input.split('/');
  if (extra !== undefined) return null;
  const family = isIP(address);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { network: address, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
}

function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address.replace(/%.*$/, '');
}
