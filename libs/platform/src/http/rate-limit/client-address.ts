import { isIP } from 'node:net';
import { forwardedClient, ProxyTrust } from '../trust-proxy';

export interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  raw?: { socket?: { remoteAddress?: string } };
  socket?: { remoteAddress?: string };
}

/**
 * Who a public request counts against: the socket's peer, or — behind the proxies TRUST_PROXY
 * names — the address they recorded in X-Forwarded-For (see `forwardedClient`). IPv6 clients are
 * grouped by /64, the block one subscriber usually holds. An entry that is not an address (a
 * proxy wrote `unknown`) counts as `unknown`, never as whatever text it holds.
 */
export function clientAddress(request: RequestLike, trust: ProxyTrust | false): string {
  const socketAddress = request.raw?.socket?.remoteAddress ?? request.socket?.remoteAddress;
  if (!socketAddress) return 'unknown';
  const header = request.headers['x-forwarded-for'];
  const forwardedFor = Array.isArray(header) ? header.join(',') : header;
  const client = forwardedClient(socketAddress, forwardedFor, trust);
  return isIP(stripZone(client)) ? normaliseAddress(client) : 'unknown';
}

function stripZone(address: string): string {
  return address.replace(/%.*$/, '');
}

export function normaliseAddress(input: string): string {
  const address = stripZone(input.trim().toLowerCase());
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
  return groups.map((group) =>
    group.includes('.') ? group : Number.parseInt(group || '0', 16).toString(16),
  );
}
