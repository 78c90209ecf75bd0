import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DEFAULT_LISTENING_LINES, DEFAULT_PRIMARY_COLOR } from '@respire/contracts';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { contentSecurityPolicy, originOf } from '../http/content-security-policy';
import { StaticAssets } from '../http/static-assets';
import { accessibleBrandColour } from '../tenants/brand-colour';
import { PublicTenant } from '../upstream/catalog.client';
import { ViewRenderer } from './view-renderer';

/** How long a page may be kept: `public` pages (the programme) briefly by anyone, the others never. */
export type PageCaching = { public: number } | 'no-store';

export interface PageOptions {
  /** The CPTS the page is about (its name, colour, logo, listening lines); none: Respire's own. */
  tenant: PublicTenant | null;
  title: string;
  status?: number;
  caching?: PageCaching;
  /** Inside a CPTS's site (?embed=1): no header nor footer, and the page tells its frame its height. */
  embed?: boolean;
  /** Pages a CPTS may embed get its sites as frame ancestors; the others (link pages) none. */
  embeddable?: boolean;
}

/**
 * Renders a page in the layout and sends it with its headers: the strict CSP (the brand colour
 * as a hashed inline style, the logo's origin, the frame ancestors), the cache policy, and a
 * referrer for this origin only (link pages carry a token in their address; a stricter
 * no-referrer would also make browsers send `Origin: null` with the forms, which FormGuard refuses).
 */
@Injectable()
export class PageRenderer {
  constructor(
    private readonly views: ViewRenderer,
    private readonly assets: StaticAssets,
    @Inject(WEB_CONFIG) private readonly config: WebEnv,
  ) {}

  send(reply: FastifyReply, page: string, context: Record<string, unknown>, options: PageOptions): FastifyReply {
    const tenant = options.tenant;
    const colour = accessibleBrandColour(tenant?.branding.primaryColor ?? DEFAULT_PRIMARY_COLOR);
    const brandStyle = `:root{--brand:${colour}}`;
    const logoOrigin = originOf(tenant?.branding.logoUrl);
    const html = this.views.render(page, {
      ...context,
      layout: {
        lang: tenant?.locale?.slice(0, 2) ?? 'fr',
        title: options.title,
        siteName: tenant?.name ?? 'Respire',
        homeUrl: tenant ? `/${tenant.slug}` : null,
        logoUrl: logoOrigin ? tenant!.branding.logoUrl : null,
        brandStyle,
        css: this.assets.url('respire.css'),
        script: this.assets.url('enhance.js'),
        listeningLines: tenant?.listeningLines.length ? tenant.listeningLines : DEFAULT_LISTENING_LINES,
        privacyUrl: tenant ? `/${tenant.slug}/donnees-personnelles` : null,
        myRegistrationsUrl: tenant ? `/${tenant.slug}/mes-inscriptions` : null,
        embed: options.embed ?? false,
      },
    });
    const caching = options.caching ?? 'no-store';
    return reply
      .status(options.status ?? 200)
      .header('content-type', 'text/html; charset=utf-8')
      .header(
        'content-security-policy',
        contentSecurityPolicy({
          inlineStyles: [brandStyle],
          imageOrigins: logoOrigin ? [logoOrigin] : [],
          frameAncestors: options.embeddable && tenant ? tenant.embedOrigins : 'none',
        }),
      )
      .header('cache-control', caching === 'no-store' ? 'no-store' : `public, max-age=${caching.public}`)
      .header('referrer-policy', 'same-origin')
      .header('x-content-type-options', 'nosniff')
      .header('vary', 'Accept-Encoding')
      .send(html);
  }

  /** The origin people open, for absolute links (the embed snippet, the calendar feed). */
  publicOrigin(): string {
    return this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }
}
