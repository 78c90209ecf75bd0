import { AddressObject, simpleParser } from 'mailparser';
import { randomBytes } from 'node:crypto';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { PLAIN_SMTP_SERVER_OPTIONS } from './plain-smtp-server';

/** A message the server accepted, parsed (mailparser) and kept with its raw source. */
export interface ReceivedMail {
  /** The server's queue id, also given in its "250 Message queued as …" reply. */
  id: string;
  receivedAt: Date;
  /** SMTP envelope: MAIL FROM and every RCPT TO. */
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  subject: string;
  from: string | null;
  to: string[];
  cc: string[];
  text: string;
  html: string;
  headers: Record<string, string>;
  /** text/calendar parts (invitations), with their iTIP method. */
  calendars: { method: string | null; content: string }[];
  attachments: { filename: string | null; contentType: string; size: number }[];
  raw: string;
}

export interface SmtpReply {
  code: number;
  message: string;
}

export interface SmtpTestServer {
  readonly host: string;
  readonly port: number;
  /** smtp://host:port, for SMTP_URL. */
  readonly url: string;
  /** Everything accepted so far, in order. */
  messages(): ReceivedMail[];
  /** Resolves once `count` accepted messages match (default: at least one), or rejects after the timeout. */
  waitFor(
    predicate?: (mail: ReceivedMail) => boolean,
    options?: { count?: number; timeoutMs?: number },
  ): Promise<ReceivedMail[]>;
  /** Called with each message once it is accepted; returns a function that stops listening. */
  onMessage(listener: (mail: ReceivedMail) => void): () => void;
  /** Refuses the next `times` messages with this reply (e.g. 451 temporary, 550 permanent). */
  failNext(times: number, reply: SmtpReply): void;
  /** Refuses matching recipients at RCPT TO with this reply, until cleared. */
  rejectRecipients(match: (address: string) => boolean, reply: SmtpReply): void;
  /** Forgets the received messages and the configured failures. */
  clear(): void;
  close(): Promise<void>;
}

export interface SmtpTestServerOptions {
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Keep at most this many messages (oldest dropped); default unlimited. */
  maxMessages?: number;
}

/**
 * A real SMTP server (smtp-server) that accepts everything, parses it with mailparser and keeps
 * it in memory: the mail side of integration tests and of local runs. No TLS, any or no login.
 * A message is stored before the "250" reply leaves, so whatever a client saw accepted is here.
 */
export async function startSmtpServer(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const host = options.host ?? '127.0.0.1';
  const received: ReceivedMail[] = [];
  const listeners = new Set<(mail: ReceivedMail) => void>();
  let failures: { times: number; reply: SmtpReply } | null = null;
  let rejection: { match: (address: string) => boolean; reply: SmtpReply } | null = null;

  const smtpError = (reply: SmtpReply) =>
    Object.assign(new Error(reply.message), { responseCode: reply.code });

  const server = new SMTPServer({
    ...PLAIN_SMTP_SERVER_OPTIONS,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'test' });
    },
    onRcptTo(address, _session, callback) {
      if (rejection?.match(address.address)) return callback(smtpError(rejection.reply));
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (failures && failures.times > 0) {
          failures.times -= 1;
          return callback(smtpError(failures.reply));
        }
        const raw = Buffer.concat(chunks);
        parse(raw, session)
          .then((mail) => {
            received.push(mail);
            if (options.maxMessages && received.length > options.maxMessages) received.shift();
            for (const listener of listeners) listener(mail);
            callback(null, `Message queued as ${mail.id}`);
          })
          .catch((error: Error) =>
            callback(smtpError({ code: 554, message: `unparseable message: ${error.message}` })),
          );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => undefined); // a client dropping mid-transaction is not the server's problem
  const port = (server.server.address() as { port: number }).port;

  return {
    host,
    port,
    url: `smtp://${host}:${port}`,
    messages: () => [...received],
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitFor(predicate = () => true, { count = 1, timeoutMs = 20_000 } = {}) {
      const matching = () => received.filter(predicate);
      if (matching().length >= count) return Promise.resolve(matching());
      return new Promise((resolve, reject) => {
        const stop = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        const check = () => {
          if (matching().length >= count) {
            stop();
            resolve(matching());
          }
        };
        const timer = setTimeout(() => {
          stop();
          reject(
            new Error(
              `SMTP test server: ${matching().length} of ${count} expected messages after ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        listeners.add(check);
      });
    },
    failNext(times, reply) {
      failures = { times, reply };
    },
    rejectRecipients(match, reply) {
      rejection = { match, reply };
    },
    clear() {
      received.length = 0;
      failures = null;
      rejection = null;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function parse(raw: Buffer, session: SMTPServerSession): Promise<ReceivedMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const addresses = (value: AddressObject | AddressObject[] | undefined) =>
    (Array.isArray(value) ? value : value ? [value] : [])
      .flatMap((group) => group.value.map((a) => a.address ?? ''))
      .filter(Boolean);
  const headers: Record<string, string> = {};
  for (const line of parsed.headerLines)
    headers[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
  const calendars = new Map<string, string | null>();
  for (const attachment of parsed.attachments) {
    if (!attachment.contentType.startsWith('text/calendar')) continue;
    const type = attachment.headers.get('content-type') as { params?: Record<string, string> } | undefined;
    const method = type?.params?.method;
    const content = attachment.content.toString('utf8');
    calendars.set(content, calendars.get(content) ?? method?.toUpperCase() ?? methodIn(content));
  }
  return {
    id: randomBytes(8).toString('hex'),
    receivedAt: new Date(),
    envelope: {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
      to: session.envelope.rcptTo.map((r) => r.address),
    },
    messageId: parsed.messageId ?? null,
    subject: parsed.subject ?? '',
    from: parsed.from?.text ?? null,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    headers,
    calendars: [...calendars].map(([content, method]) => ({ method, content })),
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
    })),
    raw: raw.toString('utf8'),
  };
}

function methodIn(ics: string): string | null {
  return /^METHOD:(.+)$/m.exec(ics)?.[1]?.trim() ?? null;
}
