import { clientAddress, normaliseAddress } from './client-address';

function request(remoteAddress: string, forwardedFor?: string) {
  return {
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    raw: { socket: { remoteAddress } },
  };
}

describe('clientAddress', () => {
  it('counts the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress(request('10.0.0.7', '203.0.113.9'), false)).toBe('10.0.0.7');
  });

  it('counts the first X-Forwarded-For hop behind a trusted proxy', () => {
    expect(clientAddress(request('10.0.0.7', '203.0.113.9, 10.0.0.2'), true)).toBe('203.0.113.9');
  });

  it('falls back to the socket when the forwarded value is not an address', () => {
    expect(clientAddress(request('10.0.0.7', 'unknown, 10.0.0.2'), true)).toBe('10.0.0.7');
    expect(clientAddress(request('10.0.0.7'), true)).toBe('10.0.0.7');
  });

  it('reads IPv4-mapped IPv6 as IPv4 and groups IPv6 clients by /64', () => {
    expect(normaliseAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(normaliseAddress('2001:DB8:0:1:bbbb:cccc:dddd:eeee')).toBe('2001:db8:0:1::/64');
    expect(normaliseAddress('::1')).toBe('0:0:0:0::/64');
  });
});
