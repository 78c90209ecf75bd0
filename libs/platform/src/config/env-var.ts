import { z } from 'zod';

export interface EnvVarMeta {
  /** Variable names read for this key, first set wins (defaults to the key itself). */
  readonly from?: readonly string[];
  /** The value must never be logged or printed. */
  readonly secret?: boolean;
}

const envVars = z.registry<EnvVarMeta>();

function annotate<T extends z.ZodType>(schema: T, meta: EnvVarMeta): T {
  envVars.add(schema, { ...envVars.get(schema), ...meta });
  return schema;
}

/** Marks a config key whose value must be masked wherever the config is shown. */
export function secret<T extends z.ZodType>(schema: T): T {
  return annotate(schema, { secret: true });
}

/** Reads a config key from the first of `names` that is set, e.g. `CATALOG_DATABASE_URL` then `DATABASE_URL`. */
export function fromEnv<T extends z.ZodType>(names: readonly string[], schema: T): T {
  return annotate(schema, { from: names });
}

/** The metadata of a shape entry, looking through optional/default wrappers. */
export function envVarMeta(schema: z.ZodType): EnvVarMeta {
  let current: z.core.$ZodType | undefined = schema;
  const meta: EnvVarMeta = {};
  while (current) {
    Object.assign(meta, { ...envVars.get(current as z.ZodType), ...meta });
    const def = current._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    current = def.innerType ?? def.in;
  }
  return meta;
}
