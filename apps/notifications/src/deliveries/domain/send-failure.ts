import { maskEmails } from '@respire/platform';

/** How a failed send is treated: retried later, or given up at once. */
export interface SendFailure {
  permanent: boolean;
  reason: string;
}

interface MailError {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
}

/**
 * SMTP replies in 5xx are permanent (unknown mailbox, message refused): retrying changes
 * nothing. 4xx replies (greylisting, mailbox full, rate limits) and connection problems
 * (server down, timeouts, TLS) are temporary. A refused login is retried too: it is the
 * platform's configuration, which ops fix without losing the messages.
 *
 * The reason is kept (delivery log, delivery-failed event, logs) with every address in it masked:
 * servers quote the recipient ("550 5.1.1 <jeanne.dupont@…>: Recipient address rejected").
 */
export function classifySendFailure(error: unknown): SendFailure {
  const e = (error ?? {}) as MailError;
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const reason =
    maskEmails((e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim()).slice(0, 500) ||
    'unknown error';
  if (code !== null && code >= 500 && code < 600 && e.code !== 'EAUTH') return { permanent: true, reason };
  return { permanent: false, reason };
}
