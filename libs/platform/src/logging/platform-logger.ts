import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import type { LogLevel } from '../config/platform-env.schema';
import { RequestContext } from '../context/request-context';
import { maskEmails, maskEmailsDeep } from './mask-email';

export interface PlatformLoggerOptions {
  service: string;
  level?: LogLevel;
  /** Where JSON lines go; stdout by default. */
  destination?: DestinationStream;
}

export type PinoLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger as JSON lines (pino): service, level, time, msg, plus the request context's
 * correlationId / tenantId / traceId when there is one. Email addresses are masked.
 */
export class PlatformLogger implements LoggerService {
  readonly pino: Logger;

  constructor(options: PlatformLoggerOptions) {
    this.pino = pino(
      {
        level: options.level ?? 'info',
        base: { service: options.service },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        // Errors are serialized (and their emails masked) before they reach pino.
        serializers: { err: (value: unknown) => value },
        mixin: () => {
          const { span: _span, ...fields } = RequestContext.current() ?? {};
          return fields;
        },
      },
      options.destination ?? pino.destination({ dest: 1, sync: true }),
    );
  }

  /** Whether lines of this level are written (to skip building one that would not be). */
  enabled(level: PinoLevel): boolean {
    return this.pino.isLevelEnabled(level);
  }

  /**
   * A request's access line: fields the platform builds itself (method, route pattern, status,
   * duration: no text a person wrote), so written as they are, without the search for email
   * addresses every other line goes through. One per request at LOG_LEVEL=info.
   */
  access(level: 'debug' | 'info' | 'warn', fields: Record<string, string | number>): void {
    if (this.pino.isLevelEnabled(level)) this.pino[level](fields, 'request completed');
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, true);
  }

  private write(level: PinoLevel, message: unknown, params: unknown[], mayHaveStack = false): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    // Nest passes (message, context) or, for errors, (message, stack, context).
    const rest = [...params];
    if (
      rest.length > 0 &&
      typeof rest[rest.length - 1] === 'string' &&
      (rest.length > 1 || !looksLikeStack(rest[0]))
    ) {
      fields.context = rest.pop();
    }
    for (const extra of rest) {
      if (mayHaveStack && typeof extra === 'string') fields.stack = maskEmails(extra);
      else if (extra instanceof Error) fields.err = serializeError(extra);
      else if (extra !== undefined) fields.extra = maskEmailsDeep(extra);
    }

    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: serializeError(message) }, maskEmails(message.message));
    } else if (message !== null && typeof message === 'object') {
      const { msg, message: text, ...object } = maskEmailsDeep(message) as Record<string, unknown>;
      this.pino[level]({ ...fields, ...object }, String(msg ?? text ?? ''));
    } else {
      this.pino[level](fields, maskEmails(String(message)));
    }
  }
}

function looksLikeStack(value: unknown): boolean {
  return typeof value === 'string' && /\n\s+at /.test(value);
}

function serializeError(error: Error): Record<string, unknown> {
  return {
    type: error.name,
    message: maskEmails(error.message),
    stack: error.stack && maskEmails(error.stack),
  };
}
