import { SMTPServerOptions } from 'smtp-server';

/**
 * A local SMTP server as tests and benches need one: plain (no TLS, STARTTLS not offered), with
 * or without a login, messages up to 25 MiB, nothing logged. Its own file, so that a process that
 * only needs these (the bench's SMTP sink) does not load the test server's mail parser.
 */
export const PLAIN_SMTP_SERVER_OPTIONS = {
  secure: false,
  disabledCommands: ['STARTTLS'],
  authOptional: true,
  logger: false,
  size: 25 * 1024 * 1024,
} satisfies SMTPServerOptions;
