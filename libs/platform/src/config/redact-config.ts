import { z } from 'zod';
import { envVarMeta } from './env-var';

const MASK = '***';

/** A copy of `config` safe to log: secret keys masked, passwords inside URLs masked. */
export function redactConfig(schema: z.ZodObject, config: Record<string, unknown>): Record<string, unknown> {
  const shape = schema.shape as Record<string, z.ZodType>;
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => {
      if (value === undefined) return [key, value];
      if (shape[key] && envVarMeta(shape[key]).secret) return [key, MASK];
      return [key, redactValue(value)];
    }),
  );
}

function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactUrlPassword(value);
  if (Array.isArray(value)) return value.map(redactValue);
  return value;
}

/** `postgres://app:s3cret@db/x` → `postgres://app:***@db/x`; anything else unchanged. */
export function redactUrlPassword(value: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  try {
    const url = new URL(value);
    if (!url.password) return value;
    url.password = MASK;
    return url.toString();
  } catch {
    return value;
  }
}
