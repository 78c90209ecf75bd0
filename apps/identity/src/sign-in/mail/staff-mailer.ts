import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { maskEmail, PlatformLogger } from '@respire/platform';
import { IDENTITY_CONFIG, IdentityEnv } from '../../config/env.schema';
import { composeInvitationMail } from '../../staff/domain/invitation-mail';
import { ComposedMail, signInPage } from '../domain/sign-in-mail';

export interface StaffMail extends ComposedMail {
  to: string;
  fromName: string;
}

export interface Invitation {
  to: string;
  name: string;
  fromName: string;
  /** null: Respire itself. */
  place: string | null;
  welcome?: string;
}

/**
 * Sends identity's own mail (sign-in links, invitations) straight over SMTP: a secret link must
 * not travel through Kafka or sit in another service's delivery log. The body is never logged,
 * nor handed to nodemailer's logger; a failure is logged with the address masked.
 */
@Injectable()
export class StaffMailer implements OnApplicationShutdown {
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;

  constructor(
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityEnv,
    private readonly logger: PlatformLogger,
  ) {
    const url = new URL(config.SMTP_URL);
    this.transport = nodemailer.createTransport({
      pool: true,
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      requireTLS: url.searchParams.get('requireTLS') === 'true',
      ignoreTLS: url.searchParams.get('ignoreTLS') === 'true',
      tls: url.searchParams.get('rejectUnauthorized') === 'false' ? { rejectUnauthorized: false } : undefined,
      maxConnections: 2,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      logger: false,
      debug: false,
    } satisfies SMTPPool.Options);
  }

  async send(mail: StaffMail): Promise<void> {
    await this.transport.sendMail({
      from: { name: mail.fromName, address: this.config.IDENTITY_MAIL_FROM },
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }

  /** Sends without making the caller wait (the answer must not reveal whether a mail left). */
  sendInBackground(mail: StaffMail, what: string): void {
    this.send(mail).then(
      () => this.logger.log({ msg: `${what} sent`, to: maskEmail(mail.to) }, 'StaffMailer'),
      (error: Error) =>
        this.logger.warn(
          { msg: `${what} not sent`, to: maskEmail(mail.to), reason: error.message },
          'StaffMailer',
        ),
    );
  }

  /**
   * Tells someone new where to sign in (composeInvitationMail), in the background. `place` is
   * where they join (a CPTS, or the regional view); `welcome` replaces the team sentence.
   */
  invite(invitation: Invitation, what: string): void {
    this.sendInBackground(
      {
        to: invitation.to,
        fromName: invitation.fromName,
        ...composeInvitationMail({
          tenantName: invitation.place,
          staffName: invitation.name,
          signInUrl: signInPage(this.config.IDENTITY_PUBLIC_BASE_URL),
          welcome: invitation.welcome,
        }),
      },
      what,
    );
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
