import { isIP, connect as netConnect, Socket } from 'node:net';
import { connect as tlsConnect, TLSSocket } from 'node:tls';

/** Where and how to reach the SMTP server (from SMTP_URL, see SmtpEmailChannel). */
export interface SmtpOptions {
  host: string;
  port: number;
  /** Implicit TLS (smtps, port 465). */
  secure: boolean;
  auth?: { user: string; pass: string };
  /** Refuse to send unless the connection is encrypted (STARTTLS offered and done). */
  requireTLS: boolean;
  /** Never upgrade with STARTTLS, even when offered. */
  ignoreTLS: boolean;
  rejectUnauthorized: boolean;
  /** Name given in EHLO. */
  clientName: string;
  connectionTimeoutMs: number;
  socketTimeoutMs: number;
}

/**
 * A failed SMTP exchange, shaped as classifySendFailure reads it: `responseCode` and `response`
 * for a server's refusal, `code` for the rest (ECONNECTION, ETIMEDOUT, ETLS, EAUTH).
 */
export class SmtpError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly responseCode?: number,
    readonly response?: string,
  ) {
    super(message);
  }
}

interface Reply {
  code: number;
  /** Every line of the reply, as sent. */
  text: string;
}

/** Reads replies off the connection in order: each waiter gets the next complete (multi-line) reply. */
class ReplyReader {
  private buffer = '';
  private lines: string[] = [];
  private readonly ready: Reply[] = [];
  private readonly waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;

  attach(socket: Socket): void {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.read(chunk));
  }

  next(): Promise<Reply> {
    const reply = this.ready.shift();
    if (reply) return Promise.resolve(reply);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
  }

  private read(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      this.lines.push(line);
      if (line[3] === '-') continue; // more lines of this reply follow
      const reply = { code: Number(line.slice(0, 3)) || 0, text: this.lines.join('\n') };
      this.lines = [];
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(reply);
      else this.ready.push(reply);
    }
  }
}

/** Lines starting with a dot get another (RFC 5321 §4.5.2), and the body ends with CRLF. */
export function dotStuffed(raw: Buffer): Buffer {
  let body = raw;
  if (body[0] === 0x2e || body.includes('\n.')) {
    body = Buffer.from(body.toString('latin1').replace(/(^|\n)\./g, '$1..'), 'latin1');
  }
  const endsWithNewline =
    body.length >= 2 && body[body.length - 2] === 0x0d && body[body.length - 1] === 0x0a;
  return endsWithNewline ? body : Buffer.concat([body, Buffer.from('\r\n')]);
}

/** SNI names a host, never an address (RFC 6066). */
const serverName = (host: string) => (isIP(host) ? undefined : host);

const refusal = (what: string, reply: Reply) =>
  new SmtpError(`${what} refused: ${reply.text}`, 'EENVELOPE', reply.code, reply.text);

/**
 * One SMTP connection: greeting, EHLO, STARTTLS when offered (or required), AUTH (PLAIN, else
 * LOGIN), then one message after the other. When the server offers PIPELINING (RFC 2920), MAIL,
 * RCPT and DATA go in one write and the body with its final dot in another: two round trips a
 * message instead of four. A connection that failed (closed, timed out, a reply out of step) is
 * dead: everything waiting on it is rejected, and it is not used again.
 */
export class SmtpConnection {
  private socket!: Socket;
  private readonly replies = new ReplyReader();
  private pipelining = false;
  private dead = false;
  sent = 0;

  private constructor(private readonly options: SmtpOptions) {}

  static async open(options: SmtpOptions): Promise<SmtpConnection> {
    const connection = new SmtpConnection(options);
    try {
      await connection.handshake();
    } catch (error) {
      connection.destroy(error as Error);
      throw error;
    }
    return connection;
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Sends one message; resolves with the server's final reply (its queue id, for the log). */
  async send(envelope: { from: string; to: string[] }, raw: Buffer): Promise<string> {
    const commands = [`MAIL FROM:<${envelope.from}>`, ...envelope.to.map((to) => `RCPT TO:<${to}>`), 'DATA'];
    const replies: Reply[] = [];
    if (this.pipelining) {
      this.write(commands.map((c) => `${c}\r\n`).join(''));
      for (let i = 0; i < commands.length; i++) replies.push(await this.replies.next());
    } else {
      for (const command of commands) {
        const reply = await this.command(command);
        replies.push(reply);
        if (reply.code >= 400) break;
      }
    }
    const [mail, ...rest] = replies;
    const rcpts = rest.slice(0, envelope.to.length);
    const data = rest[envelope.to.length] as Reply | undefined;
    if (data?.code === 354) {
      // The server takes the body: some recipient was accepted. Refused ones fail the message.
      this.write(Buffer.concat([dotStuffed(raw), Buffer.from('.\r\n')]));
      const final = await this.replies.next();
      this.sent++;
      const refused = rcpts.find((r) => r.code >= 400);
      if (final.code >= 400) throw refusal('message', final);
      if (refused) throw refusal('recipient', refused);
      return final.text;
    }
    await this.command('RSET'); // the transaction is over either way
    if (mail.code >= 400) throw refusal('sender', mail);
    const refused = rcpts.find((r) => r.code >= 400);
    if (refused) throw refusal('recipient', refused);
    throw refusal('DATA', data ?? mail);
  }

  /** QUIT, then the socket closes. */
  async close(): Promise<void> {
    if (this.dead) return;
    const quit = this.command('QUIT').catch(() => undefined);
    this.dead = true;
    await Promise.race([quit, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    this.socket.destroy();
  }

  private async handshake(): Promise<void> {
    const { options } = this;
    this.socket = await this.connect();
    await this.expect(await this.replies.next(), 220, 'greeting', 'ECONNECTION');
    let capabilities = await this.ehlo();
    if (!options.secure && !options.ignoreTLS && (capabilities.has('STARTTLS') || options.requireTLS)) {
      if (!capabilities.has('STARTTLS')) throw new SmtpError('STARTTLS required but not offered', 'ETLS');
      await this.expect(await this.command('STARTTLS'), 220, 'STARTTLS', 'ETLS');
      this.socket = await this.upgrade(this.socket);
      capabilities = await this.ehlo();
    }
    if (options.auth) await this.authenticate(capabilities, options.auth);
    this.pipelining = capabilities.has('PIPELINING');
  }

  private connect(): Promise<Socket> {
    const { host, port, secure, rejectUnauthorized, connectionTimeoutMs } = this.options;
    return new Promise((resolve, reject) => {
      const socket: Socket = secure
        ? tlsConnect({ host, port, servername: serverName(host), rejectUnauthorized })
        : netConnect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new SmtpError(`connection to ${host}:${port} timed out`, 'ETIMEDOUT'));
      }, connectionTimeoutMs);
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        resolve(socket);
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new SmtpError(error.message, secure ? 'ETLS' : 'ECONNECTION'));
      });
      this.watch(socket);
    });
  }

  private upgrade(plain: Socket): Promise<TLSSocket> {
    const { host, rejectUnauthorized } = this.options;
    // From now on the TLS socket is read and watched; the plain one only carries it.
    plain.setTimeout(0);
    for (const event of ['data', 'timeout', 'error', 'close']) plain.removeAllListeners(event);
    return new Promise((resolve, reject) => {
      const socket = tlsConnect({ socket: plain, servername: host, rejectUnauthorized }, () =>
        resolve(socket),
      );
      socket.once('error', (error) => reject(new SmtpError(error.message, 'ETLS')));
      this.watch(socket);
    });
  }

  /** Replies, timeouts and the end of the connection: whatever waits is told. */
  private watch(socket: Socket): void {
    socket.setNoDelay(true);
    socket.setTimeout(this.options.socketTimeoutMs);
    this.replies.attach(socket);
    socket.on('timeout', () => this.destroy(new SmtpError('the SMTP server stopped answering', 'ETIMEDOUT')));
    socket.on('error', (error) => this.destroy(new SmtpError(error.message, 'ECONNECTION')));
    socket.on('close', () => this.destroy(new SmtpError('the SMTP connection closed', 'ECONNECTION')));
  }

  private destroy(error: Error): void {
    this.dead = true;
    this.replies.fail(error);
    this.socket?.destroy();
  }

  private async ehlo(): Promise<Set<string>> {
    let reply = await this.command(`EHLO ${this.options.clientName}`);
    if (reply.code !== 250) {
      reply = await this.command(`HELO ${this.options.clientName}`);
      await this.expect(reply, 250, 'HELO', 'ECONNECTION');
      return new Set();
    }
    const capabilities = new Set<string>();
    for (const line of reply.text.split('\n').slice(1)) {
      const words = line.slice(4).toUpperCase().split(/\s+/);
      capabilities.add(words[0]);
      if (words[0] === 'AUTH') for (const method of words.slice(1)) capabilities.add(`AUTH=${method}`);
    }
    return capabilities;
  }

  private async authenticate(capabilities: Set<string>, { user, pass }: { user: string; pass: string }) {
    const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');
    if (capabilities.has('AUTH=PLAIN') || !capabilities.has('AUTH=LOGIN')) {
      await this.expect(await this.command(`AUTH PLAIN ${b64(`\0${user}\0${pass}`)}`), 235, 'AUTH', 'EAUTH');
      return;
    }
    await this.expect(await this.command('AUTH LOGIN'), 334, 'AUTH', 'EAUTH');
    await this.expect(await this.command(b64(user)), 334, 'AUTH', 'EAUTH');
    await this.expect(await this.command(b64(pass)), 235, 'AUTH', 'EAUTH');
  }

  private async command(line: string): Promise<Reply> {
    this.write(`${line}\r\n`);
    return this.replies.next();
  }

  private write(data: string | Buffer): void {
    if (this.dead) throw new SmtpError('the SMTP connection is closed', 'ECONNECTION');
    this.socket.write(data);
  }

  private async expect(reply: Reply, code: number, what: string, errorCode: string): Promise<void> {
    if (reply.code !== code)
      throw new SmtpError(`${what}: ${reply.text}`, errorCode, reply.code || undefined, reply.text);
  }
}

/**
 * Up to `size` connections, each used for up to `maxMessages` messages, then replaced; messages
 * wait for a free connection in the order they came. A message whose connection fails is
 * rejected (temporary: its send is retried); the connection is replaced.
 */
export class SmtpPool {
  private readonly idle: SmtpConnection[] = [];
  private readonly queue: {
    envelope: { from: string; to: string[] };
    raw: Buffer;
    resolve: (response: string) => void;
    reject: (error: Error) => void;
  }[] = [];
  private open = 0;
  private closed = false;

  constructor(
    private readonly options: SmtpOptions,
    private readonly size: number,
    private readonly maxMessages: number,
  ) {}

  send(envelope: { from: string; to: string[] }, raw: Buffer): Promise<string> {
    if (this.closed) return Promise.reject(new SmtpError('the SMTP pool is closed', 'ECONNECTION'));
    return new Promise((resolve, reject) => {
      this.queue.push({ envelope, raw, resolve, reject });
      this.pump();
    });
  }

  /** Closes every idle connection (QUIT); the busy ones close once their message is done. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((connection) => connection.close()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const connection = this.takeIdle();
      if (connection) {
        this.run(connection, this.queue.shift()!);
      } else if (this.open < this.size) {
        this.open++;
        SmtpConnection.open(this.options).then(
          (opened) => {
            this.release(opened);
          },
          (error: Error) => {
            this.open--;
            this.queue.shift()?.reject(error);
            this.pump();
          },
        );
      } else {
        return;
      }
    }
  }

  private takeIdle(): SmtpConnection | undefined {
    while (this.idle.length > 0) {
      const connection = this.idle.pop()!;
      if (connection.alive) return connection;
      this.open--;
    }
    return undefined;
  }

  private run(connection: SmtpConnection, job: (typeof this.queue)[number]): void {
    connection
      .send(job.envelope, job.raw)
      .then(job.resolve, job.reject)
      .finally(() => this.release(connection));
  }

  private release(connection: SmtpConnection): void {
    if (!connection.alive || connection.sent >= this.maxMessages || this.closed) {
      this.open--;
      void connection.close();
    } else {
      this.idle.push(connection);
    }
    this.pump();
  }
}
