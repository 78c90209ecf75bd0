import { Inject, Injectable } from '@nestjs/common';
import { PREFERENCES_PAGE, CLOCK, Clock } from '@respire/platform';
import { linkSecretOf, NOTIFICATIONS_CONFIG, NotificationsEnv } from '../config/env.schema';
import { writeInvitation } from '../calendar/domain/calendar-invitation';
import { OutgoingMessage } from '../deliveries/channels/delivery-channel';
import { messageIdOf } from '../deliveries/domain/delivery';
import { DeliveryRow } from '../deliveries/infrastructure/delivery.repository';
import { PREFERENCE_LINK_DAYS, signPreferenceToken } from '../preferences/domain/preference-token';
import { TEMPLATE_CATALOG, TemplateSource } from '../templates/domain/template-catalog';
import { TemplateKey } from '../templates/domain/template-key';
import { LayoutContext } from '../templates/domain/layout';
import { TemplateRenderer } from '../templates/domain/template-renderer';
import { DEFAULT_PRIMARY_COLOR, displayName, TenantSettings } from '../tenants/domain/tenant-settings';
import { SenderIdentity, senderIdentity, SenderPolicy } from './domain/sender-policy';

/** Turns a delivery row into the message that goes out: rendered template, layout, calendar part, headers. */
@Injectable()
export class MessageComposer {
  private readonly renderer = new TemplateRenderer();
  private readonly secret: string;
  private readonly senders: SenderPolicy;

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsEnv,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.secret = linkSecretOf(config);
    this.senders = {
      platformAddress: config.NOTIFICATIONS_DEFAULT_SENDER,
      allowedDomains: config.NOTIFICATIONS_SENDER_DOMAINS,
    };
  }

  senderOf(tenant: TenantSettings): SenderIdentity {
    return senderIdentity(
      { slug: tenant.slug, displayName: displayName(tenant), senderEmail: tenant.senderEmail },
      this.senders,
    );
  }

  layoutOf(tenant: TenantSettings, participantId: string | null): LayoutContext {
    return {
      tenant: {
        name: displayName(tenant),
        primaryColor: tenant.branding.primaryColor ?? DEFAULT_PRIMARY_COLOR,
        logoUrl: tenant.branding.logoUrl ?? null,
        privacyContact: tenant.privacyContact,
      },
      listeningLines: tenant.listeningLines,
      preferencesUrl: participantId ? this.preferencesUrl(tenant.tenantId, participantId) : null,
    };
  }

  /**
   * The preferences page of the web app (PUBLIC_BASE_URL), or the one-click unsubscribe route
   * (RFC 8058: mail clients POST to it) that the web app's /v1 proxy sends on to this service.
   */
  preferencesUrl(tenantId: string, participantId: string, action: 'page' | 'unsubscribe' = 'page'): string {
    const expiresAt = new Date(this.clock.now().getTime() + PREFERENCE_LINK_DAYS * 24 * 3600_000);
    const token = signPreferenceToken({ tenantId, participantId }, this.secret, expiresAt);
    const path = action === 'page' ? PREFERENCES_PAGE : '/v1/public/preferences/unsubscribe';
    return `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}${path}?t=${token}`;
  }

  render(source: TemplateSource, context: Record<string, unknown>, layout: LayoutContext) {
    return this.renderer.render(source, context, layout);
  }

  compose(row: DeliveryRow, tenant: TenantSettings, source: TemplateSource): OutgoingMessage {
    const sender = this.senderOf(tenant);
    const layout = {
      ...this.layoutOf(tenant, row.participant_id),
      fee: (row.context.fee as LayoutContext['fee']) ?? null,
    };
    const rendered = this.render(source, row.context, layout);
    const definition = TEMPLATE_CATALOG[row.template as TemplateKey];
    const calendar = row.calendar
      ? {
          method: row.calendar.method,
          content: writeInvitation({
            ...row.calendar,
            start: new Date(row.calendar.startsAt),
            end: new Date(row.calendar.endsAt),
            stamp: this.clock.now(),
            organizer: { name: sender.from.name, email: sender.from.address },
            attendee: { name: row.recipient_name, email: row.recipient },
          }),
        }
      : null;
    return {
      from: sender.from,
      replyTo: sender.replyTo,
      to: { name: row.recipient_name, address: row.recipient },
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      messageId: messageIdOf(row.id, sender.from.address),
      calendar,
      unsubscribeUrl:
        definition?.optOut && row.participant_id
          ? this.preferencesUrl(tenant.tenantId, row.participant_id, 'unsubscribe')
          : oneClickOf(row.context),
      headers: { 'X-Respire-Delivery': row.id, 'X-Respire-Template': row.template },
    };
  }
}

/** A message that carries its own one-click unsubscribe address (new-session alerts). */
function oneClickOf(context: Record<string, unknown>): string | null {
  const links = context.links as { oneClick?: unknown } | undefined;
  return typeof links?.oneClick === 'string' ? links.oneClick : null;
}
