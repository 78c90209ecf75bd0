import { createHash } from 'node:crypto';
import { contentSecurityPolicy, originOf } from './content-security-policy';

describe("the pages' Content-Security-Policy", () => {
  it("allows no inline script, the brand style by its hash, and the CPTS's sites as frame ancestors", () => {
    const css = ':root{--brand:#2e7d6b}';
    const policy = contentSecurityPolicy({
      inlineStyles: [css],
      imageOrigins: ['https://cdn.cpts-example.fr'],
      frameAncestors: ['https://www.cpts-example.fr'],
    });
    const directives = Object.fromEntries(
      policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );

    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['style-src']).toEqual([
      "'self'",
      `'sha256-${createHash('sha256').update(css).digest('base64')}'`,
    ]);
    expect(directives['img-src']).toContain('https://cdn.cpts-example.fr');
    expect(directives['frame-ancestors']).toEqual(["'self'", 'https://www.cpts-example.fr']);
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(policy).not.toContain('unsafe');
  });

  it('lets no site frame a page never embedded', () => {
    expect(contentSecurityPolicy({ inlineStyles: [], imageOrigins: [], frameAncestors: 'none' })).toContain(
      "frame-ancestors 'none'",
    );
  });

  it('reads the origin of an http(s) URL only', () => {
    expect(originOf('https://cdn.example.org/logo.png')).toBe('https://cdn.example.org');
    expect(originOf('javascript:alert(1)')).toBeNull();
    expect(originOf(undefined)).toBeNull();
  });
});
