/**
 * What a PostgreSQL failure means for the caller, from the error alone (TypeORM's
 * QueryFailedError keeps pg's error as `driverError`; the pg driver and Node give connection
 * failures their own codes). No import of pg or TypeORM: every layer can ask.
 */

/** SQLSTATE classes and codes that say "try again": the same work may well succeed in a moment. */
const TRANSIENT_SQLSTATE = /^(08|53300$|57P01$|57P02$|57P03$|40001$|40P01$|55P03$)/;

/** Node socket errors of a connection to the database server that went away or is not there yet. */
const TRANSIENT_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/**
 * What the pg driver says when a connection dies under it or cannot be had in time, and what
 * TypeORM says when its query runner lost its connection that way mid-transaction.
 */
const TRANSIENT_DRIVER_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|terminating connection due to administrator command|Database connection provided by a query runner was already released|Query runner already released/i;

/**
 * TypeORM refusing to send a statement because the connection was already lost: the statement
 * (a COMMIT among them) never reached the server, which rolls the transaction back.
 */
export function isNeverSent(error: unknown): boolean {
  return chain(error).some(
    (e) =>
      typeof e.message === 'string' &&
      /Query runner already released|Database connection provided by a query runner was already released/i.test(
        e.message,
      ),
  );
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

/** The error and what it wraps (driverError, cause), outermost first. */
function chain(error: unknown): ErrorLike[] {
  const seen: ErrorLike[] = [];
  let current = error;
  while (current && typeof current === 'object' && !seen.includes(current as ErrorLike) && seen.length < 5) {
    const e = current as ErrorLike;
    seen.push(e);
    current = e.driverError ?? e.cause;
  }
  return seen;
}

/**
 * A failure worth retrying: the database is restarting or unreachable, the connection broke, or
 * the transaction lost a serialization, deadlock or lock-timeout race. Never a constraint or
 * syntax error, which would fail the same way again.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  return chain(error).some((e) => {
    const code = typeof e.code === 'string' ? e.code : '';
    if (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_SOCKET_CODES.has(code)) return true;
    return typeof e.message === 'string' && TRANSIENT_DRIVER_MESSAGE.test(e.message);
  });
}

/** The SQLSTATE and constraint of a PostgreSQL error, however it is wrapped. */
export function postgresErrorOf(error: unknown): { code: string; constraint?: string } | null {
  for (const e of chain(error)) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return { code: e.code, constraint: (e as { constraint?: string }).constraint };
    }
  }
  return null;
}

/** A unique constraint refused the row (`constraint` narrows it to one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = postgresErrorOf(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

/**
 * The connection failed while COMMIT was on its way: the transaction may or may not have been
 * applied, so running its work again could do it twice. Never retried; answered like an outage.
 */
export class CommitOutcomeUnknownError extends Error {
  constructor(cause: unknown) {
    super(`commit outcome unknown: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'CommitOutcomeUnknownError';
  }
}

export interface RetryOptions {
  /** Give up (rethrow the last error) once this much time has passed since the first attempt. */
  budgetMs: number;
  /** First pause; it doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Called before each pause (metrics, logs). */
  onRetry?: (error: unknown, attempt: number) => void;
}

/**
 * Runs `work` again while it fails with a transient database error, within `budgetMs`. `work`
 * must be safe to run again after such a failure (a whole transaction that rolled back is).
 */
export async function retryTransient<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  const started = Date.now();
  let delay = options.initialDelayMs ?? 50;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const elapsed = Date.now() - started;
      const retryable = isTransientDatabaseError(error) && !(error instanceof CommitOutcomeUnknownError);
      if (!retryable || elapsed + delay > options.budgetMs) throw error;
      options.onRetry?.(error, attempt);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, options.maxDelayMs ?? 1000);
    }
  }
}
