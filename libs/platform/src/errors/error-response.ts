import { HttpException } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { z } from 'zod';
import { isTransientDatabaseError } from './database-errors';
import { DomainError } from './domain-error';

export interface FieldError {
  path: string;
  message: string;
}

export interface ErrorBody {
  error: string;
  message: string;
  fields?: FieldError[];
  details?: Record<string, unknown>;
  correlationId?: string;
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers?: Record<string, string>;
}

/** Seconds a client should wait before trying again when the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/** The one place an exception becomes an HTTP answer. Anything unknown is a 500 that says nothing more. */
export function toErrorResponse(exception: unknown): ErrorResponse {
  if (exception instanceof DomainError) {
    const body: ErrorBody = { error: exception.code, message: exception.message };
    if (exception.details) body.details = exception.details;
    return { status: exception.status, body };
  }

  const issues = zodIssues(exception);
  if (issues) return validationFailed(issues);

  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // A 500 HttpException may wrap anything; other statuses are deliberate and keep their message.
    if (status === 500) return internalError();
    return { status, body: { error: codeFor(status), message: httpMessage(exception) } };
  }

  // Fastify's own 4xx (malformed JSON, unsupported media type, body too large) reach the filter too.
  if (isFastifyClientError(exception)) {
    return {
      status: exception.statusCode,
      body: { error: codeFor(exception.statusCode), message: exception.message },
    };
  }

  // Retried inside the request already (runInTenantTransaction): an outage, not a bug.
  if (isTransientDatabaseError(exception)) {
    return {
      status: 503,
      body: {
        error: 'service_unavailable',
        message: 'Le service est momentanément indisponible. Réessayez dans quelques secondes.',
      },
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  }

  return internalError();
}

function internalError(): ErrorResponse {
  return { status: 500, body: { error: 'internal_error', message: 'Internal server error' } };
}

function validationFailed(issues: readonly z.core.$ZodIssue[]): ErrorResponse {
  const fields = issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  const names = [...new Set(fields.map((field) => field.path))].join(', ');
  return { status: 400, body: { error: 'validation_failed', message: `Invalid request: ${names}`, fields } };
}

function zodIssues(exception: unknown): readonly z.core.$ZodIssue[] | undefined {
  if (exception instanceof ZodValidationException) {
    const error = exception.getZodError();
    return error instanceof z.core.$ZodError ? error.issues : [];
  }
  if (exception instanceof z.core.$ZodError) return exception.issues;
  return undefined;
}

function codeFor(status: number): string {
  return CODES_BY_STATUS[status] ?? `http_${status}`;
}

function httpMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}

function isFastifyClientError(exception: unknown): exception is Error & { statusCode: number } {
  if (!(exception instanceof Error)) return false;
  const { statusCode, code } = exception as { statusCode?: unknown; code?: unknown };
  return (
    typeof statusCode === 'number' &&
    statusCode >= 400 &&
    statusCode < 500 &&
    typeof code === 'string' &&
    code.startsWith('FST_')
  );
}
