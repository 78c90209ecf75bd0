import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DeliveryLog } from '../deliveries/delivery-log';
import { DeliveryRequest } from '../deliveries/domain/delivery';
import { tenantVariables } from '../messages/domain/participant-message';
import { TemplateKey } from '../templates/domain/template-key';
import { TenantDirectoryRepository } from '../tenants/infrastructure/tenant-directory.repository';
import { AlertLinks } from './alert-links';
import { AlertSubscription, PlannedDigest } from './domain/alert-digest';

/**
 * The messages about alerts: what each says and where it links. They go to an address, not to a
 * participant, so they name no registration, participant or session and carry no calendar entry.
 */
@Injectable()
export class AlertMails {
  constructor(
    private readonly tenants: TenantDirectoryRepository,
    private readonly deliveries: DeliveryLog,
    private readonly links: AlertLinks,
  ) {}

  /** The request's confirmation: the link that confirms the alert. */
  async confirmation(manager: EntityManager, tenantId: string, alert: AlertSubscription): Promise<void> {
    const tenant = await this.tenants.settings(manager, tenantId);
    await this.deliveries.record(
      manager,
      toAddress(tenantId, uuidv7(), TemplateKey.AlertConfirmation, alert.email, {
        ...tenantVariables(tenant),
        alert: { category: alert.category },
        links: { confirm: this.links.page('confirm', tenantId, alert.alertId) },
      }),
      { causeKind: 'alert' },
    );
  }

  /**
   * A batch's digests, one per address (a delivery unique per batch and address, so a replayed
   * job sends nothing twice). Returns how many were recorded.
   */
  async digests(
    manager: EntityManager,
    tenantId: string,
    batchId: string,
    digests: PlannedDigest[],
    correlationId: string | null,
  ): Promise<number> {
    const tenant = await this.tenants.settings(manager, tenantId);
    let recorded = 0;
    for (const digest of digests) {
      const id = await this.deliveries.record(
        manager,
        toAddress(tenantId, batchId, TemplateKey.NewSessionsDigest, digest.email, {
          ...tenantVariables(tenant),
          sessionCount: String(digest.sessions.length),
          sessions: digest.sessions,
          links: {
            programme: this.links.programme(tenant.slug),
            unsubscribe: this.links.page('unsubscribe', tenantId, digest.alertId),
            oneClick: this.links.oneClick(tenantId, digest.alertId),
          },
        }),
        { causeKind: 'alert', correlationId },
      );
      if (id) recorded++;
    }
    return recorded;
  }
}

function toAddress(
  tenantId: string,
  causeId: string,
  template: TemplateKey,
  recipient: string,
  context: Record<string, unknown>,
): DeliveryRequest {
  return {
    tenantId,
    causeId,
    template,
    recipient,
    recipientName: null,
    registrationId: null,
    participantId: null,
    sessionId: null,
    context,
    calendar: null,
  };
}
