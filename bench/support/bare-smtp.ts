/**
 * The physical floor of sending mails over SMTP, for benches: a bare client on `node:net`, no
 * composing, no parsing beyond reply codes. Each connection says EHLO once, then for each message
 * sends MAIL FROM, RCPT TO and DATA in one write (PIPELINING, RFC 2920; the bench's sink offers
 * it) and the dot-stuffed body in another: two round trips a message, where a client without
 * pipelining (nodemailer) needs four.
 *
 *   const accepted = await sendPipelined(url, 32, mails);   // ms after the call, per message
 */
import { connect, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface BareMail {
  from: string;
  to: string;
  raw: string;
}

/** Reads SMTP replies off a socket: each call waits for the next complete (multi-line) reply. */
class Replies {
  private buffer = '';
  private readonly waiting: ((code: number) => void)[] = [];
  private readonly ready: number[] = [];

  constructor(socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\r\n')) >= 0) {
        const line = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        if (line[3] === '-') continue; // a continuation line of a multi-line reply
        const code = Number(line.slice(0, 3));
        const next = this.waiting.shift();
        if (next) next(code);
        else this.ready.push(code);
      }
    });
  }

  next(): Promise<number> {
    const code = this.ready.shift();
    if (code !== undefined) return Promise.resolve(code);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

async function expect(replies: Replies, code: number, what: string): Promise<void> {
  const got = await replies.next();
  if (got !== code) throw new Error(`bare SMTP: ${what} answered ${got}, expected ${code}`);
}

/** Sends `mails` over `connections` connections, each one after the other on its connection. */
export async function sendPipelined(url: string, connections: number, mails: BareMail[]): Promise<number[]> {
  const { hostname, port } = new URL(url);
  const begin = performance.now();
  const accepted: number[] = [];
  let next = 0;
  const worker = async () => {
    const socket = connect({ host: hostname, port: Number(port), noDelay: true });
    const replies = new Replies(socket);
    await expect(replies, 220, 'greeting');
    socket.write('EHLO bench.example.org\r\n');
    await expect(replies, 250, 'EHLO');
    while (next < mails.length) {
      const mail = mails[next++];
      socket.write(`MAIL FROM:<${mail.from}>\r\nRCPT TO:<${mail.to}>\r\nDATA\r\n`);
      await expect(replies, 250, 'MAIL FROM');
      await expect(replies, 250, 'RCPT TO');
      await expect(replies, 354, 'DATA');
      const body = mail.raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
      socket.write(`${body}${body.endsWith('\r\n') ? '' : '\r\n'}.\r\n`);
      await expect(replies, 250, 'the message');
      accepted.push(performance.now() - begin);
    }
    socket.end('QUIT\r\n');
  };
  await Promise.all(Array.from({ length: Math.min(connections, mails.length) }, worker));
  return accepted;
}
