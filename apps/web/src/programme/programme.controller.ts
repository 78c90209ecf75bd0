import { Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { PageCache } from '../http/page-cache';
import { PageController } from '../http/page-controller';
import { PageNotFoundError } from '../http/page-errors';
import { isSlug, onBehalfOf } from '../http/page-request';
import { CatalogClient } from '../upstream/catalog.client';
import { PageRenderer } from '../views/page-renderer';
import { paymentText } from './domain/french';
import { programmeCalendar } from './domain/programme-calendar';
import { programmeView } from './domain/programme-view';

/** Calendars read a subscribed feed every hour or so; a proxy may keep it five minutes. */
const CALENDAR_MAX_AGE_SECONDS = 300;

/** A CPTS's programme (`/:slug`, filters `?categorie=&mois=`), its calendar feed and its privacy notice. */
@PageController()
export class ProgrammeController {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly pages: PageRenderer,
    private readonly cache: PageCache,
    @Inject(WEB_CONFIG) private readonly config: WebEnv,
  ) {}

  @Get(':slug')
  programme(
    @Param('slug') slug: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!isSlug(slug)) throw new PageNotFoundError();
    const filters = { category: text(query.categorie), month: text(query.mois) };
    const embed = query.embed === '1';
    const key = `programme\0${slug}\0${filters.category}\0${filters.month}\0${embed}`;
    return this.cache.send(request, reply, key, async () => {
      const who = onBehalfOf(request, this.config.TRUST_PROXY);
      const [tenant, sessions] = await Promise.all([
        this.catalog.tenant(slug, who),
        this.catalog.programme(slug, who),
      ]);
      if (!tenant || !sessions) throw new PageNotFoundError();
      const view = programmeView(sessions, filters, slug);
      return this.pages.render(
        'programme',
        {
          slug,
          view,
          embed,
          calendarUrl: `${this.pages.publicOrigin()}/${slug}/programme.ics`,
          payment: paymentText(tenant),
        },
        { tenant, title: 'Programme des ateliers', caching: { public: 30 }, embed, embeddable: true },
      );
    });
  }

  /** The programme as an iCalendar feed people subscribe to (see programmeCalendar). */
  @Get(':slug/programme.ics')
  calendar(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!isSlug(slug)) throw new PageNotFoundError();
    return this.cache.send(request, reply, `calendar\0${slug}`, async () => {
      const who = onBehalfOf(request, this.config.TRUST_PROXY);
      const [tenant, sessions] = await Promise.all([
        this.catalog.tenant(slug, who),
        this.catalog.calendar(slug, who),
      ]);
      if (!tenant || !sessions) throw new PageNotFoundError();
      return {
        status: 200,
        headers: {
          'content-type': 'text/calendar; charset=utf-8',
          'content-disposition': `inline; filename="programme-${slug}.ics"`,
          'cache-control': `public, max-age=${CALENDAR_MAX_AGE_SECONDS}`,
          'x-content-type-options': 'nosniff',
          vary: 'Accept-Encoding',
        },
        body: programmeCalendar({ tenant, sessions, origin: this.pages.publicOrigin(), now: new Date() }),
      };
    });
  }

  @Get(':slug/donnees-personnelles')
  privacy(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!isSlug(slug)) throw new PageNotFoundError();
    return this.cache.send(request, reply, `privacy\0${slug}`, async () => {
      const tenant = await this.catalog.tenant(slug, onBehalfOf(request, this.config.TRUST_PROXY));
      if (!tenant) throw new PageNotFoundError();
      return this.pages.render(
        'privacy',
        { tenantName: tenant.name, privacyContact: tenant.privacyContact },
        { tenant, title: 'Vos données personnelles', caching: { public: 300 }, embeddable: true },
      );
    });
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : null;
}
