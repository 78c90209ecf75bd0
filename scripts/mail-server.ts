/**
 * The local mail server `npm start` runs: SMTP on 127.0.0.1:1025 that keeps what it receives
 * (the last 1,000 messages, in memory), and a small viewer on http://127.0.0.1:1080:
 *   GET /                   the list, newest first (HTML)
 *   GET /messages           the list as JSON (?to=address filters)
 *   GET /messages/:id       one message as JSON (text, html, headers, calendar parts)
 *   GET /messages/:id/html  its HTML part, sandboxed
 *   GET /messages/:id/raw   its source (.eml)
 *   DELETE /messages        forget everything
 * Ports: MAIL_SMTP_PORT, MAIL_HTTP_PORT.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { ReceivedMail, startSmtpServer } from '../libs/testing/src/smtp';

const SMTP_PORT = Number(process.env.MAIL_SMTP_PORT ?? 1025);
const HTTP_PORT = Number(process.env.MAIL_HTTP_PORT ?? 1080);
const HOST = process.env.MAIL_HOST ?? '127.0.0.1';

const escape = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function summary(mail: ReceivedMail) {
  return {
    id: mail.id,
    receivedAt: mail.receivedAt.toISOString(),
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    calendar: mail.calendars.map((c) => c.method),
  };
}

function listPage(mails: ReceivedMail[]): string {
  const rows = mails
    .map(
      (
        m,
      ) => `<tr><td>${escape(m.receivedAt.toISOString().replace('T', ' ').slice(0, 19))}</td><td>${escape(m.to.join(', '))}</td>
<td><a href="/messages/${m.id}/html">${escape(m.subject || '(sans objet)')}</a></td><td>${escape(m.calendars.map((c) => c.method ?? '').join(' '))}</td>
<td><a href="/messages/${m.id}">json</a> · <a href="/messages/${m.id}/raw">eml</a></td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Respire — messages reçus</title>
<style>body{font-family:Arial,sans-serif;margin:24px}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:6px;text-align:left;font-size:14px}</style>
</head><body><h1>Messages reçus (${mails.length})</h1>
<table><tr><th>Reçu (UTC)</th><th>À</th><th>Objet</th><th>Agenda</th><th></th></tr>${rows}</table></body></html>`;
}

async function main(): Promise<void> {
  const smtp = await startSmtpServer({ host: HOST, port: SMTP_PORT, maxMessages: 1000 });
  const newestFirst = () => smtp.messages().reverse();
  const send = (
    res: ServerResponse,
    status: number,
    type: string,
    body: string,
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
    res.end(body);
  };
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${HOST}:${HTTP_PORT}`);
    const [, first, id, view] = url.pathname.split('/');
    if (req.method === 'DELETE' && first === 'messages' && !id) {
      smtp.clear();
      return send(res, 204, 'text/plain', '');
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'method not allowed');
    if (!first) return send(res, 200, 'text/html; charset=utf-8', listPage(newestFirst()));
    if (first !== 'messages') return send(res, 404, 'text/plain', 'not found');
    if (!id) {
      const to = url.searchParams.get('to');
      const mails = newestFirst().filter((m) => !to || m.to.includes(to) || m.envelope.to.includes(to));
      return send(res, 200, 'application/json', JSON.stringify(mails.map(summary)));
    }
    const mail = smtp.messages().find((m) => m.id === id);
    if (!mail) return send(res, 404, 'text/plain', 'not found');
    if (view === 'html') {
      // The message's own HTML, with scripts and outside requests off.
      return send(res, 200, 'text/html; charset=utf-8', mail.html || `<pre>${escape(mail.text)}</pre>`, {
        'content-security-policy':
          "sandbox; default-src 'none'; img-src data: https:; style-src 'unsafe-inline'",
      });
    }
    if (view === 'raw')
      return send(res, 200, 'message/rfc822', mail.raw, {
        'content-disposition': `inline; filename="${id}.eml"`,
      });
    return send(
      res,
      200,
      'application/json',
      JSON.stringify({
        ...summary(mail),
        envelope: mail.envelope,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        calendars: mail.calendars,
      }),
    );
  });
  await new Promise<void>((resolve) => http.listen(HTTP_PORT, HOST, resolve));
  process.stdout.write(`mail server: SMTP ${smtp.url}, viewer http://${HOST}:${HTTP_PORT}\n`);
  const stop = () => {
    http.close();
    void smtp.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`mail server failed to start: ${error.message}\n`);
  process.exit(1);
});
