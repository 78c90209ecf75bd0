import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { runInTenantTransaction } from '@respire/tenancy';
import { CLOCK, Clock } from '@respire/platform';
import { TenantDirectoryRepository } from '../../tenants/infrastructure/tenant-directory.repository';
import { AlertLinks } from '../alert-links';
import { AlertMails } from '../alert-mails';
import {
  AlertLinkExpiredError,
  AlertLinkInvalidError,
  AlertTenantNotFoundError,
} from '../domain/alert-errors';
import { AlertLinkPurpose, AlertLink } from '../domain/alert-token';
import { shouldMailConfirmation } from '../domain/confirmation-throttle';
import { AlertRepository } from '../infrastructure/alert.repository';

/**
 * A person asks to be told about new sessions of a category (a confirmation message is mailed:
 * nothing is sent to an address that did not confirm), confirms through the link, or ends every
 * alert of their address in one click. The answer to a request never says whether the address
 * was already subscribed, nor whether a mail left: a request mails only what
 * `shouldMailConfirmation` allows, so nobody can make Respire mail an address over and over.
 */
@Injectable()
export class ManageAlertUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly tenants: TenantDirectoryRepository,
    private readonly alerts: AlertRepository,
    private readonly mails: AlertMails,
    private readonly links: AlertLinks,
  ) {}

  async request(input: {
    slug: string;
    email: string;
    category: string;
  }): Promise<{ status: 'confirmation-sent' }> {
    const tenantId = await this.tenants.idOfSlug(this.dataSource.manager, input.slug);
    if (!tenantId) throw new AlertTenantNotFoundError();
    const now = this.clock.now();
    await runInTenantTransaction(this.dataSource, tenantId, async (manager) => {
      const address = await this.alerts.lockAddress(manager, tenantId, input.email);
      const mail = shouldMailConfirmation(address, input.category, now);
      const alert = await this.alerts.request(manager, tenantId, uuidv7(), input.email, input.category, now);
      if (!mail) return;
      await this.alerts.markConfirmationSent(manager, tenantId, alert.alertId, now);
      await this.mails.confirmation(manager, tenantId, alert);
    });
    return { status: 'confirmation-sent' };
  }

  async confirm(token: unknown): Promise<{ status: 'confirmed'; category: string }> {
    const link = this.check(token, 'confirm');
    return runInTenantTransaction(this.dataSource, link.tenantId, async (manager) => {
      const alert = await this.alerts.find(manager, link.tenantId, link.alertId);
      if (!alert) throw new AlertLinkInvalidError();
      // A link followed after unsubscribing does not subscribe again: that takes a new request.
      if (alert.status === 'unsubscribed') throw new AlertLinkExpiredError();
      await this.alerts.confirm(manager, link.tenantId, link.alertId, this.clock.now());
      return { status: 'confirmed' as const, category: alert.category };
    });
  }

  async unsubscribe(token: unknown): Promise<{ status: 'unsubscribed' }> {
    const link = this.check(token, 'unsubscribe');
    await runInTenantTransaction(this.dataSource, link.tenantId, (manager) =>
      this.alerts.unsubscribeAddress(manager, link.tenantId, link.alertId, this.clock.now()),
    );
    return { status: 'unsubscribed' };
  }

  private check(token: unknown, purpose: AlertLinkPurpose): AlertLink {
    const checked = this.links.verify(token, purpose);
    if (checked.status === 'expired') throw new AlertLinkExpiredError();
    if (checked.status !== 'valid') throw new AlertLinkInvalidError();
    return checked.link;
  }
}
