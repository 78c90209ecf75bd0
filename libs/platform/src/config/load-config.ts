import { z } from 'zod';
import { ConfigError, ConfigIssue } from './config-error';
import { envVarMeta } from './env-var';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment against `schema` at boot. Throws a ConfigError naming every bad or
 * missing variable. An empty variable counts as unset, so `PORT=` falls back to the default.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Env = process.env,
  service?: string,
): z.output<S> {
  const input: Record<string, string | undefined> = {};
  const labels: Record<string, string> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const names = envVarMeta(field as z.ZodType).from ?? [key];
    const source = names.find((name) => env[name] !== undefined && env[name] !== '');
    input[key] = source && env[source];
    // Blame the variable that supplied the value; if none did, list the ones that could.
    labels[key] = source ?? names.join(' or ');
  }

  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const issues = new Map<string, ConfigIssue>();
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    const variable = labels[key] ?? (key || '(environment)');
    const problem =
      input[key] === undefined && issue.code === 'invalid_type' ? 'is required but not set' : issue.message;
    // One line per variable (two keys can read the same one): its first problem is enough to fix it.
    if (!issues.has(variable)) issues.set(variable, { variable, problem });
  }
  throw new ConfigError([...issues.values()], service);
}
