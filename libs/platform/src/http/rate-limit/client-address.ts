import { isIP } from 'node:net';

export interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  raw?: { socket?: { remoteAddress?: string } };
  socket?: { remoteAddress?: string };
}

/**
 * Who a public request counts against: the socket's address, or — only when the service runs
 * behind a proxy it trusts (TRUST_PROXY) — the first hop of X-Forwarded-For, the original client.
 * IPv6 clients are grouped by /64, the block one subscriber usually holds.
 */
export function clientAddress(request: RequestLike, trustProxy: boolean): string {
  if (trustProxy) {
    const header = request.headers['x-forwarded-for'];
    const first = (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim();
    if (first && isIP(stripZone(first))) return normaliseAddress(first);
  }
  const socketAddress = request.raw?.socket?.remoteAddress ?? request.socket?.remoteAddress;
  return socketAddress ? normaliseAddress(socketAddress) : 'unknown';
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
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
  return groups.map((group) => (group.includes('.') ? group : Number.parseInt(group || '0', 16).toString(16)));
}
