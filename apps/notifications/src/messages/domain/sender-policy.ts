/**
 * Who a tenant's messages come from. A coordinator types the CPTS's address in its settings, and
 * nothing proves they own it: used as the From, it would let one CPTS write as another (or as
 * anybody), and receiving servers would rightly reject mail the platform's relay may not send for
 * that domain (SPF, DKIM, DMARC). So:
 *
 * - From is the platform's sender address (NOTIFICATIONS_DEFAULT_SENDER), under the CPTS's name;
 *   the CPTS's own address becomes the Reply-To, so answers still reach the CPTS.
 * - An operator who verified that a CPTS owns a domain — and set up the relay to sign for it —
 *   allows it for that CPTS alone (NOTIFICATIONS_SENDER_DOMAINS `slug=domain`); an address at
 *   that domain is then the From itself.
 */
export interface SenderPolicy {
  platformAddress: string;
  /** Tenant slug → the domains an operator verified for that CPTS. */
  allowedDomains: Readonly<Record<string, readonly string[]>>;
}

export interface SenderIdentity {
  from: { name: string; address: string };
  replyTo: string | null;
}

export function senderIdentity(
  tenant: { slug: string | null; displayName: string; senderEmail: string | null },
  policy: SenderPolicy,
): SenderIdentity {
  const from = { name: tenant.displayName, address: policy.platformAddress };
  const requested = tenant.senderEmail?.trim().toLowerCase() ?? null;
  if (!requested) return { from, replyTo: null };
  const domain = requested.slice(requested.lastIndexOf('@') + 1);
  const allowed =
    tenant.slug && Object.hasOwn(policy.allowedDomains, tenant.slug)
      ? policy.allowedDomains[tenant.slug]
      : [];
  if (allowed.includes(domain)) return { from: { ...from, address: requested }, replyTo: null };
  return { from, replyTo: requested === policy.platformAddress.toLowerCase() ? null : requested };
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** `cpts-adour=cpts-adour.fr, capacites=capacites.fr` → slug → domains; null when malformed. */
export function parseSenderDomains(input: string): Record<string, string[]> | null {
  const map: Record<string, string[]> = {};
  for (const entry of input
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)) {
    const [slug, domain, extra] = entry.split('=').map((part) => part.trim());
    if (extra !== undefined || !slug || !domain || !SLUG.test(slug) || !DOMAIN.test(domain)) return null;
    map[slug] = [...(map[slug] ?? []), domain];
  }
  return map;
}
