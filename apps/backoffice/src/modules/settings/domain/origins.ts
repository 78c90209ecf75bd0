/**
 * The sites allowed to embed the public pages, one per line as a coordinator types them, as
 * origins (`https://www.cpts-exemple.fr`, no path); null when a line is not a site's address.
 */
export function originsOf(text: string): string[] | null {
  const origins: string[] = [];
  for (const line of text
    .split(/\s*\n\s*/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    try {
      const url = new URL(line);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
      origins.push(url.origin);
    } catch {
      return null;
    }
  }
  return [...new Set(origins)];
}
