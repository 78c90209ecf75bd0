import { Inject, Injectable } from '@nestjs/common';
import { PaymentInstructions } from '@respire/contracts';
import { WEB_CONFIG, WebEnv } from '../config/env.schema';
import { TtlCache } from './ttl-cache';
import { OnBehalfOf, UpstreamClient } from './upstream.client';

const CALENDAR_PAST_DAYS = 30;

/** A CPTS as catalog's public route gives it. */
export interface PublicTenant {
  slug: string;
  name: string;
  timezone: string;
  locale: string;
  branding: { primaryColor?: string; logoUrl?: string };
  listeningLines: { name: string; phone: string; description?: string }[];
  privacyContact: string | null;
  embedOrigins: string[];
  /** How priced sessions are paid (absent from an older catalog: the default). */
  paymentInstructions?: PaymentInstructions;
}

/** A session of the public programme. Counts are null for confidential activities. */
export interface PublicSession {
  id: string;
  /** `cancelled` only in the calendar feed's read (`cancelled=include`). */
  status: 'published' | 'completed' | 'cancelled';
  activity: {
    id: string;
    title: string;
    category: string;
    objective: string | null;
    confidential: boolean;
    individual?: boolean;
  };
  venue: { name: string; address: string | null };
  programme: { title: string } | null;
  startsAt: string;
  endsAt: string;
  timezone: string;
  localDate: string;
  localStartTime: string;
  localEndTime: string;
  capacity: number | null;
  placesLeft: number | null;
  full: boolean;
  registrationOpen: boolean;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  eligibleProfessions: string[];
  /** Absent from an older catalog: every mode. */
  eligiblePracticeModes?: string[];
  priceCents: number;
  /** Catalog's move counter: the calendar feed's SEQUENCE. */
  sequence: number;
}

/**
 * Catalog's public routes, reused for WEB_CATALOG_CACHE_SECONDS: a programme changes a few
 * times a day, and places left may lag that long behind a registration (the answer page and
 * the mail say where the person stands). Null when the CPTS is unknown.
 */
@Injectable()
export class CatalogClient {
  private readonly tenants: TtlCache<PublicTenant | null>;
  private readonly programmes: TtlCache<PublicSession[] | null>;
  private readonly calendars: TtlCache<PublicSession[] | null>;

  constructor(
    private readonly upstream: UpstreamClient,
    @Inject(WEB_CONFIG) config: WebEnv,
  ) {
    const ttl = config.WEB_CATALOG_CACHE_SECONDS * 1000;
    this.tenants = new TtlCache(ttl);
    this.programmes = new TtlCache(ttl);
    this.calendars = new TtlCache(ttl);
  }

  tenant(slug: string, who: OnBehalfOf): Promise<PublicTenant | null> {
    return this.tenants.get(slug, () =>
      this.found<PublicTenant>(`/v1/public/tenants/${encodeURIComponent(slug)}`, who),
    );
  }

  /** The upcoming published sessions, by start. */
  programme(slug: string, who: OnBehalfOf): Promise<PublicSession[] | null> {
    return this.programmes.get(slug, () =>
      this.found<PublicSession[]>(`/v1/public/tenants/${encodeURIComponent(slug)}/sessions`, who),
    );
  }

  /**
   * What the calendar feed lists: the sessions of the last CALENDAR_PAST_DAYS too (a subscribed
   * calendar keeps what it has seen), and the cancelled ones, which it marks cancelled.
   */
  calendar(slug: string, who: OnBehalfOf): Promise<PublicSession[] | null> {
    return this.calendars.get(slug, () => {
      const from = new Date(Date.now() - CALENDAR_PAST_DAYS * 24 * 3600_000).toISOString();
      return this.found<PublicSession[]>(
        `/v1/public/tenants/${encodeURIComponent(slug)}/sessions?from=${encodeURIComponent(from)}&cancelled=include`,
        who,
      );
    });
  }

  private async found<T>(path: string, who: OnBehalfOf): Promise<T | null> {
    const answer = await this.upstream.call<T>('catalog', 'GET', path, who);
    if (answer.status === 404 || answer.status === 400) return null;
    return answer.body;
  }
}
