/**
 * A fast SMTP sink for benches, in its own process: it accepts every message (PIPELINING offered,
 * no TLS, no parsing), notes the first recipient and the wall-clock time the "250" was decided,
 * and tells its parent in batches over IPC. The raw source of messages whose recipient starts with
 * `keep` is sent along (a sample the bench can replay byte for byte). In the bench's own process,
 * the test server (@respire/testing/smtp) parses every message with mailparser on the service's
 * event loop: the sink would then be a large part of what the bench measures.
 *
 *   const sink = await startSmtpSink({ port: 0 });   // the parent side, below
 */
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { PLAIN_SMTP_SERVER_OPTIONS } from '@respire/testing/smtp/plain-smtp-server';

/** A message the sink accepted: first recipient, epoch ms of the acceptance, raw source if kept. */
export interface SinkMail {
  to: string;
  at: number;
  raw?: string;
}

type ToParent = { type: 'ready'; port: number } | { type: 'accepted'; mails: SinkMail[] };

function runSink(): void {
  const port = Number(process.env.SMTP_SINK_PORT ?? 0);
  const keep = process.env.SMTP_SINK_KEEP ?? 'warmup';
  let pending: SinkMail[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    process.send!({ type: 'accepted', mails: pending } satisfies ToParent);
    pending = [];
  };
  setInterval(flush, 10).unref();
  const server = new SMTPServer({
    ...PLAIN_SMTP_SERVER_OPTIONS,
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo[0]?.address ?? '';
      const chunks: Buffer[] | null = to.startsWith(keep) ? [] : null;
      stream.on('data', (chunk: Buffer) => chunks?.push(chunk));
      stream.on('end', () => {
        pending.push({
          to,
          at: Date.now(),
          raw: chunks ? Buffer.concat(chunks).toString('utf8') : undefined,
        });
        callback(null, `Message queued as ${randomBytes(8).toString('hex')}`);
      });
    },
  });
  server.on('error', () => undefined);
  server.listen(port, '127.0.0.1', () => {
    process.send!({
      type: 'ready',
      port: (server.server.address() as { port: number }).port,
    } satisfies ToParent);
  });
  process.on('disconnect', () => process.exit(0));
}

export interface SmtpSink {
  readonly url: string;
  /** Called with each accepted message (in batches, some milliseconds after it was accepted). */
  onMessage(listener: (mail: SinkMail) => void): () => void;
  /** The first accepted message whose recipient matches. */
  next(match: (to: string) => boolean, timeoutMs?: number): Promise<SinkMail>;
  close(): Promise<void>;
}

export async function startSmtpSink({ port = 0, keep = 'warmup' } = {}): Promise<SmtpSink> {
  const child: ChildProcess = fork(__filename, [], {
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, SMTP_SINK: 'run', SMTP_SINK_PORT: String(port), SMTP_SINK_KEEP: keep },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const listeners = new Set<(mail: SinkMail) => void>();
  const ready = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`SMTP sink exited (${code})`)));
    child.on('message', (message: ToParent) => {
      if (message.type === 'ready') resolve(message.port);
      else for (const mail of message.mails) for (const listener of listeners) listener(mail);
    });
  });
  const actualPort = await ready;
  return {
    url: `smtp://127.0.0.1:${actualPort}`,
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    next(match, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`SMTP sink: no matching message after ${timeoutMs} ms`));
        }, timeoutMs);
        const check = (mail: SinkMail) => {
          if (!match(mail.to)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(mail);
        };
        listeners.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
      }),
  };
}

if (process.env.SMTP_SINK === 'run' && process.send) runSink();
