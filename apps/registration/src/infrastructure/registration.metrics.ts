import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '@respire/platform';

/** What the seat rules decide, for Prometheus (never labelled by tenant or session). */
@Injectable()
export class RegistrationMetrics {
  readonly registrations: Counter<'outcome'>;
  readonly offers: Counter<'outcome'>;

  constructor(metrics: MetricsService) {
    this.registrations = metrics.counter({
      name: 'respire_registrations_total',
      help: 'Registrations made, by outcome (confirmed, waitlisted) — retries answered from an Idempotency-Key excluded',
      labelNames: ['outcome'],
    });
    this.offers = metrics.counter({
      name: 'respire_waitlist_offers_total',
      help: 'Waitlist promotions and their outcomes (offered, auto-confirmed, accepted, declined, expired)',
      labelNames: ['outcome'],
    });
  }
}
