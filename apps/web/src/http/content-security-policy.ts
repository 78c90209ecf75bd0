import { createHash } from 'node:crypto';

export interface PagePolicy {
  /** Inline <style> elements the page carries (the CPTS's colour), allowed by their hash. */
  inlineStyles: readonly string[];
  /** Where images may come from besides this origin (the CPTS's logo). */
  imageOrigins: readonly string[];
  /** Sites that may show the page in a frame, besides this origin; 'none' for pages never embedded. */
  frameAncestors: readonly string[] | 'none';
}

/**
 * A strict Content-Security-Policy: scripts and styles from this origin only (no inline script
 * at all; inline styles only by hash), forms post here only, no plugins, no <base>.
 */
export function contentSecurityPolicy(policy: PagePolicy): string {
  const ancestors =
    policy.frameAncestors === 'none' ? "'none'" : ["'self'", ...policy.frameAncestors].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    ["style-src 'self'", ...policy.inlineStyles.map(styleHash)].join(' '),
    ["img-src 'self' data:", ...policy.imageOrigins].join(' '),
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/** The origin of an http(s) URL, or null (a logo URL that is not one is simply not shown). */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
