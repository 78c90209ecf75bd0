/** docker-compose.yml against the Compose specification's JSON schema, and its dependencies. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { asObject, describeAjvError, get, Json, packageDir } from './json';

export function validateCompose(file: string): string[] {
  const schemaFile = join(packageDir('dclint'), 'schemas', 'compose.schema.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  delete schema.$schema; // draft-07, Ajv's default, under an https URI Ajv does not know
  // `merge: true` resolves the `<<:` keys the file uses to share service settings.
  let document: Json;
  try {
    document = parse(readFileSync(file, 'utf8'), { merge: true }) as Json;
  } catch (error) {
    return [`not valid YAML: ${(error as Error).message.split('\n')[0]}`];
  }
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  const problems = validate(document) ? [] : (validate.errors ?? []).map(describeAjvError);

  // Beyond the schema: dependencies exist, and what others wait to complete does not restart.
  const services = asObject(get(document, 'services'));
  for (const [name, service] of Object.entries(services)) {
    const dependsOn = get(service, 'depends_on');
    const entries = Array.isArray(dependsOn)
      ? dependsOn.map((d) => [String(d), {}] as const)
      : Object.entries(asObject(dependsOn));
    for (const [dependency, options] of entries) {
      const target = services[dependency];
      if (!target) {
        problems.push(`services.${name}.depends_on: no service ${dependency}`);
        continue;
      }
      const restart = get(target, 'restart');
      if (
        get(options, 'condition') === 'service_completed_successfully' &&
        (restart === 'always' || restart === 'unless-stopped')
      ) {
        problems.push(
          `services.${dependency}.restart: ${String(restart)} would rerun it forever, yet ${name} waits for it to complete`,
        );
      }
      if (get(options, 'condition') === 'service_healthy' && !get(target, 'healthcheck')) {
        problems.push(
          `services.${name}.depends_on.${dependency}: service_healthy needs a healthcheck on ${dependency}`,
        );
      }
    }
  }
  return problems;
}
