import { parseTrustProxy, proxyTrust, TrustProxy } from '../trust-proxy';
import { clientAddress, normaliseAddress } from './client-address';

function request(remoteAddress: string, forwardedFor?: string) {
  return {
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    raw: { socket: { remoteAddress } },
  };
}

const trust = (setting: string) => proxyTrust(parseTrustProxy(setting) as TrustProxy);

describe('clientAddress', () => {
  it('counts the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('10.0.0.7', '203.0.113.9'), trust('false'))).toBe('10.0.0.7');
  });

  it('behind one proxy, counts the address that proxy appended, not the one the client wrote', () => {
    // The client sent "X-Forwarded-For: 198.51.100.66"; the proxy appended the real peer.
    const spoofed = request('10.0.0.7', '198.51.100.66, 203.0.113.9');
    expect(clientAddress(spoofed, trust('true'))).toBe('203.0.113.9');
    expect(clientAddress(spoofed, trust('1'))).toBe('203.0.113.9');
    expect(clientAddress(request('10.0.0.7', '203.0.113.9'), trust('true'))).toBe('203.0.113.9');
  });

  it('behind N proxies, counts the address N hops from the socket', () => {
    // client → load balancer (appends the client) → ingress (appends the balancer) → service
    const chain = request('10.0.0.7', '198.51.100.66, 203.0.113.9, 10.1.0.4');
    expect(clientAddress(chain, trust('2'))).toBe('203.0.113.9');
    expect(clientAddress(chain, trust('1'))).toBe('10.1.0.4');
  });

  it('with proxy addresses, skips only the trusted ones, starting from the socket', () => {
    const viaProxies = request('10.0.0.7', '198.51.100.66, 203.0.113.9, 10.1.0.4');
    expect(clientAddress(viaProxies, trust('10.0.0.0/8'))).toBe('203.0.113.9');
    expect(clientAddress(viaProxies, trust('10.0.0.7, 10.1.0.4'))).toBe('203.0.113.9');
    // A peer that is not a listed proxy is the client itself, whatever it claims.
    expect(clientAddress(request('203.0.113.50', '198.51.100.66'), trust('10.0.0.0/8'))).toBe('203.0.113.50');
    expect(clientAddress(request('::ffff:10.0.0.7', '203.0.113.9'), trust('10.0.0.0/8'))).toBe('203.0.113.9');
    expect(clientAddress(request('fd00::7', '2001:db8:0:1::9'), trust('fd00::/8'))).toBe('2001:db8:0:1::/64');
  });

  it('counts a proxy-written non-address as unknown, and falls back to the socket without a header', () => {
    expect(clientAddress(request('10.0.0.7', 'unknown'), trust('true'))).toBe('unknown');
    expect(clientAddress(request('10.0.0.7'), trust('true'))).toBe('10.0.0.7');
  });

  it('reads IPv4-mapped IPv6 as IPv4 and groups IPv6 clients by /64', () => {
    expect(normaliseAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(normaliseAddress('2001:DB8:0:1:bbbb:cccc:dddd:eeee')).toBe('2001:db8:0:1::/64');
    expect(normaliseAddress('::1')).toBe('0:0:0:0::/64');
  });
});

describe('TRUST_PROXY', () => {
  it('reads false, true (one proxy), hop counts and address lists', () => {
    for (const none of ['false', 'FALSE', 'no', 'off', '0', ''])
      expect(parseTrustProxy(none)).toEqual({ kind: 'none' });
    for (const one of ['true', 'Yes', 'on', '1'])
      expect(parseTrustProxy(one)).toEqual({ kind: 'hops', hops: 1 });
    expect(parseTrustProxy('3')).toEqual({ kind: 'hops', hops: 3 });
    expect(parseTrustProxy('10.0.0.0/8, 192.0.2.7,fd00::/8')).toEqual({
      kind: 'addresses',
      addresses: ['10.0.0.0/8', '192.0.2.7', 'fd00::/8'],
    });
  });

  it('refuses what it cannot read rather than trusting too much', () => {
    for (const bad of ['maybe', '10.0.0.0/33', '10.0.0/8', 'ingress.local', '2001:db8::/129', '-1', '1000']) {
      expect(parseTrustProxy(bad)).toBeNull();
    }
  });
});
