import { isTransientDatabaseError, isUniqueViolation, retryTransient } from './database-errors';

/** Shaped like TypeORM's QueryFailedError around pg's DatabaseError. */
const queryFailed = (code: string, constraint?: string) =>
  Object.assign(new Error('query failed'), {
    driverError: Object.assign(new Error('pg'), { code, constraint }),
  });

describe('database errors', () => {
  it.each([
    ['the server restarting (57P01, admin shutdown)', queryFailed('57P01')],
    ['the server still starting (57P03)', queryFailed('57P03')],
    ['a connection failure (08006)', queryFailed('08006')],
    ['a serialization failure (40001)', queryFailed('40001')],
    ['a deadlock (40P01)', queryFailed('40P01')],
    ['a lock timeout (55P03)', queryFailed('55P03')],
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a connection cut under a query', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    [
      'a statement TypeORM refused, its connection lost',
      new Error('Query runner already released. Cannot run queries anymore.'),
    ],
    ['a wrapped cause', new Error('outer', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })],
  ])('calls %s transient', (_, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it.each([
    ['a unique violation', queryFailed('23505')],
    ['a check violation', queryFailed('23514')],
    ['a syntax error', queryFailed('42601')],
    ['an error of the code', new Error('cannot read property of undefined')],
    ['nothing', undefined],
  ])('does not call %s transient', (_, error) => {
    expect(isTransientDatabaseError(error)).toBe(false);
  });

  it('tells a unique violation, and of which constraint', () => {
    expect(isUniqueViolation(queryFailed('23505', 'one_active'))).toBe(true);
    expect(isUniqueViolation(queryFailed('23505', 'one_active'), 'one_active')).toBe(true);
    expect(isUniqueViolation(queryFailed('23505', 'other'), 'one_active')).toBe(false);
    expect(isUniqueViolation(queryFailed('23503'))).toBe(false);
  });

  it('retries a transient failure until the work succeeds', async () => {
    let calls = 0;
    const retried: number[] = [];
    const result = await retryTransient(
      async () => {
        if (++calls < 3) throw queryFailed('57P03');
        return 'done';
      },
      { budgetMs: 1000, initialDelayMs: 1, onRetry: (_, attempt) => retried.push(attempt) },
    );
    expect({ result, calls, retried }).toEqual({ result: 'done', calls: 3, retried: [1, 2] });
  });

  it('rethrows at once what a retry cannot fix, and a transient failure once the budget is spent', async () => {
    let calls = 0;
    const unique = queryFailed('23505');
    await expect(
      retryTransient(
        async () => {
          calls++;
          throw unique;
        },
        { budgetMs: 1000, initialDelayMs: 1 },
      ),
    ).rejects.toBe(unique);
    expect(calls).toBe(1);

    const started = Date.now();
    await expect(
      retryTransient(
        async () => {
          throw queryFailed('08006');
        },
        { budgetMs: 60, initialDelayMs: 10, maxDelayMs: 20 },
      ),
    ).rejects.toMatchObject({ driverError: { code: '08006' } });
    expect(Date.now() - started).toBeLessThan(200);
  });
});
