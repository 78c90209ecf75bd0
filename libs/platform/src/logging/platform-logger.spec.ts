import { Writable } from 'node:stream';
import { RequestContext } from '../context/request-context';
import { PlatformLogger } from './platform-logger';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: new PlatformLogger({ service: 'catalog', level: 'debug', destination }) };
}

describe('PlatformLogger', () => {
  it('writes one JSON line with service, level, context and msg', () => {
    const { lines, logger } = capture();

    logger.log('Nest application successfully started', 'NestApplication');

    expect(lines).toEqual([
      expect.objectContaining({
        service: 'catalog',
        level: 'info',
        context: 'NestApplication',
        msg: 'Nest application successfully started',
      }),
    ]);
  });

  it('adds the request context and masks email addresses', () => {
    const { lines, logger } = capture();

    RequestContext.run({ correlationId: 'corr-1' }, () => {
      RequestContext.set({ tenantId: 'tenant-9' });
      logger.warn('bounce from jeanne@example.org', 'Mailer');
    });

    expect(lines[0]).toMatchObject({
      level: 'warn',
      correlationId: 'corr-1',
      tenantId: 'tenant-9',
      msg: 'bounce from j***@example.org',
    });
  });

  it("keeps an error's stack apart from its context", () => {
    const { lines, logger } = capture();
    const error = new Error('boom');

    logger.error('handler failed', error.stack, 'ExceptionsHandler');

    expect(lines[0]).toMatchObject({ level: 'error', context: 'ExceptionsHandler', msg: 'handler failed' });
    expect(lines[0].stack).toContain('Error: boom');
  });

  it('spreads an object message into fields', () => {
    const { lines, logger } = capture();

    logger.debug({ msg: 'mail sent', to: 'p.durand@cpts-nord.fr', attempt: 2 });

    expect(lines[0]).toMatchObject({ level: 'debug', msg: 'mail sent', to: 'p***@cpts-nord.fr', attempt: 2 });
  });
});
