import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DEFAULT_LISTENING_LINES, DEFAULT_PRIMARY_COLOR } from '@respire/contracts';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { pageBody } from '../http/compression';
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

/** A response ready to send: status, headers, body. */
export interface RenderedPage {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a page is sent in: the layout before and after its body, and its Content-Security-Policy. */
interface PageFrame {
  before: string;
  after: string;
  contentSecurityPolicy: string;
}

/** The key of Respire's own pages (no CPTS) among the frames kept per CPTS. */
const NO_TENANT = {};
/** Titles may name an activity: the frames kept for one CPTS are bounded. */
const MAX_FRAMES_PER_TENANT = 500;

/**
 * Renders a page in the layout with the headers it is sent with: the strict CSP (the brand colour
 * as a hashed inline style, the logo's origin, the frame ancestors), the cache policy, and a
 * referrer for this origin only (link pages carry a token in their address; a stricter
 * no-referrer would also make browsers send `Origin: null` with the forms, which FormGuard refuses).
 */
@Injectable()
export class PageRenderer {
  private readonly frames = new WeakMap<object, Map<string, PageFrame>>();

  constructor(
    private readonly views: ViewRenderer,
    private readonly assets: StaticAssets,
    @Inject(WEB_CONFIG) private readonly config: WebEnv,
  ) {}

  send(
    reply: FastifyReply,
    page: string,
    context: Record<string, unknown>,
    options: PageOptions,
  ): FastifyReply {
    return writePage(reply, this.render(page, context, options));
  }

  /** A page that only says something: a heading (also its title), paragraphs, a way back home. */
  sendMessage(
    reply: FastifyReply,
    message: { heading: string; paragraphs: string[]; homeUrl?: string | null },
    options: Omit<PageOptions, 'title'>,
  ): FastifyReply {
    return this.send(reply, 'message', message, { ...options, title: message.heading });
  }

  /** A link that is not genuine (or not any more): 403, and what to use instead. */
  sendInvalidLink(reply: FastifyReply, instead: string): FastifyReply {
    return this.sendMessage(
      reply,
      { heading: 'Lien non valide', paragraphs: [`Ce lien n’est pas valide. ${instead}`] },
      { tenant: null, status: 403 },
    );
  }

  render(page: string, context: Record<string, unknown>, options: PageOptions): RenderedPage {
    const frame = this.frame(options);
    const caching = options.caching ?? 'no-store';
    return {
      status: options.status ?? 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': frame.contentSecurityPolicy,
        'cache-control': caching === 'no-store' ? 'no-store' : `public, max-age=${caching.public}`,
        'referrer-policy': 'same-origin',
        'x-content-type-options': 'nosniff',
        vary: 'Accept-Encoding',
      },
      body: `${frame.before}${this.views.renderBody(page, context)}${frame.after}`,
    };
  }

  /**
   * The layout and policy around a page, kept for each CPTS (the object catalog's cache holds:
   * a refreshed CPTS is a new object, so nothing outlives its data) and title.
   */
  private frame(options: PageOptions): PageFrame {
    const owner = options.tenant ?? NO_TENANT;
    let frames = this.frames.get(owner);
    if (!frames) {
      frames = new Map();
      this.frames.set(owner, frames);
    }
    const key = `${options.embed ? 'e' : '-'}${options.embeddable ? 'e' : '-'}${options.title}`;
    let frame = frames.get(key);
    if (!frame) {
      frame = this.buildFrame(options);
      if (frames.size >= MAX_FRAMES_PER_TENANT) frames.clear();
      frames.set(key, frame);
    }
    return frame;
  }

  private buildFrame(options: PageOptions): PageFrame {
    const tenant = options.tenant;
    const brandStyle = `:root{--brand:${accessibleBrandColour(tenant?.branding.primaryColor ?? DEFAULT_PRIMARY_COLOR)}}`;
    const logoOrigin = originOf(tenant?.branding.logoUrl);
    const [before, after] = this.views.layoutAround({
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
    return {
      before,
      after,
      contentSecurityPolicy: contentSecurityPolicy({
        inlineStyles: [brandStyle],
        imageOrigins: logoOrigin ? [logoOrigin] : [],
        frameAncestors: options.embeddable && tenant ? tenant.embedOrigins : 'none',
      }),
    };
  }

  /** The origin people open, for absolute links (the embed snippet, the calendar feed). */
  publicOrigin(): string {
    return this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }
}

export function writePage(reply: FastifyReply, page: RenderedPage): FastifyReply {
  const { encoding, body } = pageBody(reply.request.headers['accept-encoding'], page.body);
  void reply.status(page.status).headers(page.headers);
  if (encoding) void reply.header('content-encoding', encoding);
  return reply.send(body);
}
