import { Inject, Injectable } from '@nestjs/common';
import { ALERT_PAGES } from '@respire/platform';
import { CLOCK, Clock } from '@respire/platform';
import { linkSecretOf, NOTIFICATIONS_CONFIG, NotificationsEnv } from '../config/env.schema';
import { AlertLinkPurpose, AlertTokenCheck, signAlertToken, verifyAlertToken } from './domain/alert-token';

/** The addresses an alert's messages link to (web pages, and the RFC 8058 one-click route). */
@Injectable()
export class AlertLinks {
  private readonly secret: string;
  private readonly base: string;

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) config: NotificationsEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.secret = linkSecretOf(config);
    this.base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }

  page(purpose: AlertLinkPurpose, tenantId: string, alertId: string): string {
    return `${this.base}${ALERT_PAGES[purpose]}?t=${this.token(purpose, tenantId, alertId)}`;
  }

  /** Where a mail client POSTs `List-Unsubscribe=One-Click` (through the web app's /v1 proxy). */
  oneClick(tenantId: string, alertId: string): string {
    return `${this.base}/v1/public/alerts/unsubscribe?t=${this.token('unsubscribe', tenantId, alertId)}`;
  }

  programme(slug: string | null): string {
    return slug ? `${this.base}/${slug}` : this.base;
  }

  verify(token: unknown, purpose: AlertLinkPurpose): AlertTokenCheck {
    return verifyAlertToken(token, purpose, this.secret, this.clock.now());
  }

  private token(purpose: AlertLinkPurpose, tenantId: string, alertId: string): string {
    return signAlertToken({ purpose, tenantId, alertId }, this.secret, this.clock.now());
  }
}
