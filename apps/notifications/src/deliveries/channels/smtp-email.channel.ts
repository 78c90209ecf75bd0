import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { maskEmails } from '@respire/platform';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { DeliveryChannel, OutgoingMessage, SendReceipt } from './delivery-channel';

/**
 * Email over SMTP (nodemailer): a pool of NOTIFICATIONS_SMTP_CONNECTIONS connections (the worker
 * runs more sends than that, the others claim and render meanwhile), each kept open for up to
 * 1,000 messages, so a message costs the SMTP transaction only, not a connection and greeting
 * (nodemailer pipelines the RCPT commands only: MAIL, RCPT, DATA and the body are four round
 * trips). SMTP_URL carries host, port, TLS and
 * credentials: `smtps://user:pass@host:465` (implicit TLS), `smtp://user:pass@host:587` (STARTTLS
 * when the server offers it; `?requireTLS=true` refuses to send without it, `?ignoreTLS=true`
 * never tries), `?rejectUnauthorized=false` for a server with a self-signed certificate.
 */
@Injectable()
export class SmtpEmailChannel implements DeliveryChannel, OnApplicationShutdown {
  readonly channel = 'email' as const;
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(smtpUrl: string, connections: number) {
    const url = new URL(smtpUrl);
    const options: SMTPPool.Options = {
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
      maxConnections: connections,
      maxMessages: 1000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    };
    this.transport = nodemailer.createTransport(options);
  }

  async send(message: OutgoingMessage): Promise<SendReceipt> {
    const sending = this.sendMail(message);
    this.inFlight.add(sending);
    try {
      return await sending;
    } finally {
      this.inFlight.delete(sending);
    }
  }

  private async sendMail(message: OutgoingMessage): Promise<SendReceipt> {
    const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated', ...message.headers };
    if (message.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    const info = await this.transport.sendMail({
      from: { name: message.from.name, address: message.from.address },
      replyTo: message.replyTo ?? undefined,
      to: message.to.name ? { name: message.to.name, address: message.to.address } : message.to.address,
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: message.messageId,
      headers,
      icalEvent: message.calendar
        ? { method: message.calendar.method, filename: 'invitation.ics', content: message.calendar.content }
        : undefined,
    });
    return { providerMessageId: queueIdOf(info.response) ?? info.messageId };
  }

  /**
   * Lets the messages already handed to a connection finish (their outcome is then recorded by
   * the worker draining its jobs), then closes every pooled connection with QUIT.
   */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    this.transport.close();
  }
}

/** "250 2.0.0 Ok: queued as 4Xk2…" → "4Xk2…"; another reply is kept whole, its addresses masked. */
export function queueIdOf(response: string | undefined): string | null {
  const match = /queued as\s+([^\s>]+)/i.exec(response ?? '');
  return match ? match[1] : response ? maskEmails(response).slice(0, 200) : null;
}
