import {
  ArgumentsHost,
  BadRequestException,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { z } from 'zod';
import { PlatformLogger } from '../logging/platform-logger';
import { DomainError } from './domain-error';
import { toErrorResponse } from './error-response';
import { HttpErrorFilter } from './http-error.filter';

class SessionFullError extends DomainError {
  constructor(sessionId: string) {
    super('session_full', 'The session has no seat left', 409, { sessionId });
  }
}

const registrationSchema = z.object({
  email: z.email(),
  consents: z.object({ dataProcessing: z.literal(true) }),
});

function zodErrorFor(input: unknown): z.ZodError {
  const result = registrationSchema.safeParse(input);
  if (result.success) throw new Error('expected invalid input');
  return result.error;
}

describe('toErrorResponse', () => {
  it('answers a domain error with its status, code, message and details', () => {
    expect(toErrorResponse(new SessionFullError('s-1'))).toEqual({
      status: 409,
      body: { error: 'session_full', message: 'The session has no seat left', details: { sessionId: 's-1' } },
    });
  });

  it('answers an unreachable database with 503 and Retry-After, not 500', () => {
    const restarting = Object.assign(new Error('query failed'), {
      driverError: Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      }),
    });
    expect(toErrorResponse(restarting)).toMatchObject({
      status: 503,
      body: { error: 'service_unavailable' },
      headers: { 'Retry-After': '2' },
    });
    expect(toErrorResponse(new Error('Connection terminated unexpectedly')).status).toBe(503);
    expect(toErrorResponse(Object.assign(new Error('dup'), { code: '23505' })).status).toBe(500);
  });

  it('answers failed request validation with 400 naming each field', () => {
    const response = toErrorResponse(
      new ZodValidationException(zodErrorFor({ email: 'nope', consents: {} })),
    );

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'validation_failed',
      message: 'Invalid request: email, consents.dataProcessing',
    });
    expect(response.body.fields?.map((field) => field.path)).toEqual(['email', 'consents.dataProcessing']);
    expect(response.body.fields?.every((field) => field.message.length > 0)).toBe(true);
  });

  it('answers a zod error thrown while building a command as 400 too', () => {
    expect(toErrorResponse(zodErrorFor({ consents: { dataProcessing: true } }))).toMatchObject({
      status: 400,
      body: { error: 'validation_failed', fields: [{ path: 'email' }] },
    });
  });

  it("keeps Nest's HTTP exceptions' status with a snake_case code", () => {
    expect(toErrorResponse(new NotFoundException('Session not found'))).toEqual({
      status: 404,
      body: { error: 'not_found', message: 'Session not found' },
    });
    expect(toErrorResponse(new BadRequestException())).toEqual({
      status: 400,
      body: { error: 'bad_request', message: 'Bad Request' },
    });
    expect(toErrorResponse(new ServiceUnavailableException('Kafka is down')).status).toBe(503);
  });

  it("maps Fastify's own client errors (malformed JSON)", () => {
    const error = Object.assign(new SyntaxError('Body is not valid JSON'), {
      statusCode: 400,
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
    });

    expect(toErrorResponse(error)).toEqual({
      status: 400,
      body: { error: 'bad_request', message: 'Body is not valid JSON' },
    });
  });

  it('answers anything else with a bare 500 that leaks nothing', () => {
    const response = toErrorResponse(new TypeError("Cannot read properties of undefined (reading 'seats')"));

    expect(response).toEqual({
      status: 500,
      body: { error: 'internal_error', message: 'Internal server error' },
    });
  });
});

describe('HttpErrorFilter', () => {
  function fakeHttpHost() {
    const sent: { status?: number; body?: unknown } = {};
    const reply = {
      getHeader: () => 'corr-42',
      status(code: number) {
        sent.status = code;
        return this;
      },
      send(body: unknown) {
        sent.body = body;
        return this;
      },
    };
    const request = { method: 'POST', url: '/v1/sessions/123', routeOptions: { url: '/v1/sessions/:id' } };
    const host = {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
    } as unknown as ArgumentsHost;
    return { host, sent };
  }

  it('logs a 500 with the correlation id and tells the client only that id', () => {
    const logger = { error: jest.fn() } as unknown as PlatformLogger;
    const { host, sent } = fakeHttpHost();

    new HttpErrorFilter(logger).catch(new Error('connection reset by peer'), host);

    expect(sent).toEqual({
      status: 500,
      body: { error: 'internal_error', message: 'Internal server error', correlationId: 'corr-42' },
    });
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ correlationId: 'corr-42', msg: 'POST /v1/sessions/:id failed' }),
      expect.objectContaining({ message: 'connection reset by peer' }),
      'HttpErrorFilter',
    );
  });

  it('does not log client errors', () => {
    const logger = { error: jest.fn() } as unknown as PlatformLogger;
    const { host, sent } = fakeHttpHost();

    new HttpErrorFilter(logger).catch(new SessionFullError('s-1'), host);

    expect(sent.status).toBe(409);
    expect(logger.error).not.toHaveBeenCalled();
  });
});
