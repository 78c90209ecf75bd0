import { Controller, Get, Inject, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimited } from '@respire/platform';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { PageErrorFilter } from '../http/page-error.filter';
import { PageNotFoundError } from '../http/page-errors';
import { isSlug, onBehalfOf } from '../http/page-request';
import { CatalogClient } from '../upstream/catalog.client';
import { PageRenderer } from '../views/page-renderer';
import { programmeCalendar } from './domain/programme-calendar';
import { programmeView } from './domain/programme-view';

/** Calendars read a subscribed feed every hour or so; a proxy may keep it five minutes. */
const CALENDAR_MAX_AGE_SECONDS = 300;

/** A CPTS's programme (`/:slug`, filters `?categorie=&mois=`), its calendar feed and its privacy notice. */
@Controller()
@UseFilters(PageErrorFilter)
@RateLimited({ bucket: 'pages' })
export class ProgrammeController {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly pages: PageRenderer,
    @Inject(WEB_CONFIG) private readonly config: WebEnv,
  ) {}

  @Get(':slug')
  async programme(
    @Param('slug') slug: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const who = onBehalfOf(request, this.config.TRUST_PROXY);
    if (!isSlug(slug)) throw new PageNotFoundError();
    const [tenant, sessions] = await Promise.all([this.catalog.tenant(slug, who), this.catalog.programme(slug, who)]);
    if (!tenant || !sessions) throw new PageNotFoundError();
    const embed = query.embed === '1';
    const view = programmeView(sessions, { category: text(query.categorie), month: text(query.mois) }, slug);
    return this.pages.send(
      reply,
      'programme',
      { slug, view, embed, calendarUrl: `${this.pages.publicOrigin()}/${slug}/programme.ics` },
      { tenant, title: 'Programme des ateliers', caching: { public: 30 }, embed, embeddable: true },
    );
  }

  /** The programme as an iCalendar feed people subscribe to (see programmeCalendar). */
  @Get(':slug/programme.ics')
  async calendar(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!isSlug(slug)) throw new PageNotFoundError();
    const who = onBehalfOf(request, this.config.TRUST_PROXY);
    const [tenant, sessions] = await Promise.all([this.catalog.tenant(slug, who), this.catalog.calendar(slug, who)]);
    if (!tenant || !sessions) throw new PageNotFoundError();
    const ics = programmeCalendar({ tenant, sessions, origin: this.pages.publicOrigin(), now: new Date() });
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="programme-${slug}.ics"`)
      .header('cache-control', `public, max-age=${CALENDAR_MAX_AGE_SECONDS}`)
      .header('x-content-type-options', 'nosniff')
      .header('vary', 'Accept-Encoding')
      .send(ics);
  }

  @Get(':slug/donnees-personnelles')
  async privacy(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!isSlug(slug)) throw new PageNotFoundError();
    const tenant = await this.catalog.tenant(slug, onBehalfOf(request, this.config.TRUST_PROXY));
    if (!tenant) throw new PageNotFoundError();
    return this.pages.send(
      reply,
      'privacy',
      { tenantName: tenant.name, privacyContact: tenant.privacyContact },
      { tenant, title: 'Vos données personnelles', caching: { public: 300 }, embeddable: true },
    );
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : null;
}
