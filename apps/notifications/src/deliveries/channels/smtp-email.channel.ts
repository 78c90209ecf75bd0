import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import nodemailer, { Transporter } from 'nodemailer';
import { maskEmails } from '@respire/platform';
import StreamTransport from 'nodemailer/lib/stream-transport';
import { DeliveryChannel, OutgoingMessage, PreparedMessage, SendReceipt } from './delivery-channel';
import { SmtpPool } from './pipelining-smtp';

/** An email as the SMTP exchange needs it: envelope and the whole MIME message in one buffer. */
interface RawEmail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
}

/**
 * Email over SMTP: a pool of NOTIFICATIONS_SMTP_CONNECTIONS connections (the worker runs more
 * sends than that, the others claim and render meanwhile), each kept open for up to 1,000
 * messages, so a message costs the SMTP transaction only, not a connection and greeting. The
 * client is our own (`pipelining-smtp.ts`): when the server offers PIPELINING (RFC 2920), MAIL,
 * RCPT and DATA go in one write and the body in another, two round trips a message where
 * nodemailer's pool needs four. A message is composed into one buffer before its send
 * (`prepare`, by nodemailer's composer), so the send itself is the SMTP exchange alone and the
 * body goes out in one write. SMTP_URL carries host, port, TLS and credentials:
 * `smtps://user:pass@host:465` (implicit TLS), `smtp://user:pass@host:587` (STARTTLS when the
 * server offers it; `?requireTLS=true` refuses to send without it, `?ignoreTLS=true` never
 * tries), `?rejectUnauthorized=false` for a server with a self-signed certificate.
 */
@Injectable()
export class SmtpEmailChannel implements DeliveryChannel, OnApplicationShutdown {
  readonly channel = 'email' as const;
  private readonly pool: SmtpPool;
  /** Composes messages into buffers, exactly as nodemailer's SMTP transport would stream them. */
  private readonly composer: Transporter<StreamTransport.SentMessageInfo> = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
  });
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(smtpUrl: string, connections: number) {
    const url = new URL(smtpUrl);
    const secure = url.protocol === 'smtps:';
    this.pool = new SmtpPool(
      {
        host: url.hostname,
        port: Number(url.port || (secure ? 465 : 587)),
        secure,
        auth: url.username
          ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
          : undefined,
        requireTLS: url.searchParams.get('requireTLS') === 'true',
        ignoreTLS: url.searchParams.get('ignoreTLS') === 'true',
        rejectUnauthorized: url.searchParams.get('rejectUnauthorized') !== 'false',
        clientName: hostname(),
        connectionTimeoutMs: 10_000,
        socketTimeoutMs: 30_000,
      },
      connections,
      1000,
    );
  }

  async prepare(message: OutgoingMessage): Promise<PreparedMessage> {
    const info = await this.composer.sendMail(mailOf(message));
    const envelope = info.envelope as { from: string | false; to: string[] };
    const payload: RawEmail = {
      envelope: { from: envelope.from || message.from.address, to: envelope.to },
      raw: info.message as Buffer,
    };
    return { message, payload };
  }

  async send(prepared: PreparedMessage): Promise<SendReceipt> {
    const sending = this.sendRaw(prepared.payload as RawEmail, prepared.message.messageId);
    this.inFlight.add(sending);
    try {
      return await sending;
    } finally {
      this.inFlight.delete(sending);
    }
  }

  private async sendRaw(email: RawEmail, messageId: string): Promise<SendReceipt> {
    const response = await this.pool.send(email.envelope, email.raw);
    return { providerMessageId: queueIdOf(response) ?? messageId };
  }

  /**
   * Lets the messages already handed to a connection finish (their outcome is then recorded by
   * the worker draining its jobs), then closes every pooled connection with QUIT.
   */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.pool.close();
  }
}

/** "250 2.0.0 Ok: queued as 4Xk2…" → "4Xk2…"; another reply is kept whole, its addresses masked. */
export function queueIdOf(response: string | undefined): string | null {
  const match = /queued as\s+([^\s>]+)/i.exec(response ?? '');
  return match ? match[1] : response ? maskEmails(response).slice(0, 200) : null;
}

/** The nodemailer message of `message`: our headers, both bodies and the invitation part. */
function mailOf(message: OutgoingMessage): nodemailer.SendMailOptions {
  const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated', ...message.headers };
  if (message.unsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return {
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
  };
}
