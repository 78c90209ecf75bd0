import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { catalogEnvSchema } from '../../apps/catalog/src/config/env.schema';
import { notificationsEnvSchema } from '../../apps/notifications/src/config/env.schema';
import { registrationEnvSchema } from '../../apps/registration/src/config/env.schema';
import { reportingEnvSchema } from '../../apps/reporting/src/config/env.schema';
import { identityEnvSchema } from '../../apps/identity/src/config/env.schema';
import { webEnvSchema } from '../../apps/web/src/config/env.schema';
import { ConfigError, loadConfig, REQUIRED_ROLES, ServiceName } from '@respire/platform';
import { findKustomize, findOverlays } from '../../scripts/manifests/kustomize';

/**
 * The configuration as shipped must start every service: each container of every overlay and of
 * docker-compose.yml gets its environment exactly as written (ConfigMaps, Secrets filled with
 * sample values for the keys k8s/README.md tells operators to create, compose's own defaults),
 * and the service's boot-time validation must accept it. And every role a service needs (its
 * timers, its relay, its consumer) must run in some Deployment.
 */
const ROOT = join(__dirname, '..', '..');
const schemas: Record<ServiceName, z.ZodObject> = {
  web: webEnvSchema,
  catalog: catalogEnvSchema,
  registration: registrationEnvSchema,
  notifications: notificationsEnvSchema,
  reporting: reportingEnvSchema,
  identity: identityEnvSchema,
};

type Env = Record<string, string>;
interface Container {
  where: string;
  service: ServiceName;
  env: Env;
  /** A long-running process (Deployment, compose service), not a Job. */
  runs: boolean;
}

/** What an operator puts in each key k8s/README.md lists (the value's shape is what matters). */
function sampleSecret(key: string): string {
  if (key.endsWith('DATABASE_URL') || key.endsWith('DATABASE_MIGRATION_URL')) {
    return 'postgres://respire_app:s3cret@db.example.org:5432/respire';
  }
  if (key === 'SMTP_URL') return 'smtps://respire:s3cret@smtp.example.org:465';
  if (key === 'JWKS_URL') return 'https://id.example.org/.well-known/jwks.json';
  if (key === 'JWT_ISSUER') return 'https://id.example.org';
  if (key === 'JWT_AUDIENCE') return 'respire-api';
  if (key === 'IDENTITY_SIGNING_KEYS')
    return '{"keys":[{"kty":"EC","crv":"P-256","kid":"k1","alg":"ES256","x":"…","y":"…","d":"…"}]}';
  if (key.endsWith('_SECRET')) return 'an-operator-generated-secret-of-48-characters!!';
  throw new Error(`no sample value for the secret key ${key}: add one to this test`);
}

/** The "Secrets" table of k8s/README.md: Secret name → keys. */
function documentedSecrets(): Map<string, Env> {
  const readme = readFileSync(join(ROOT, 'k8s', 'README.md'), 'utf8');
  const section = readme.split(/^## Secrets/m)[1].split(/^## /m)[0];
  const secrets = new Map<string, Env>();
  for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const [names, keys] = line.split('|').slice(1, 3);
    const keyNames = [...keys.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]);
    for (const [, name] of names.matchAll(/`([a-z0-9-]+)`/g)) {
      secrets.set(name, Object.fromEntries(keyNames.map((key) => [key, sampleSecret(key)])));
    }
  }
  return secrets;
}

type K8sObject = { kind: string; metadata: { name: string }; data?: Env; spec?: unknown };
type EnvSource = {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string; optional?: boolean };
    secretKeyRef?: { name: string; key: string; optional?: boolean };
  };
};
type K8sContainer = {
  name: string;
  env?: EnvSource[];
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
};

function overlayContainers(overlay: string, objects: K8sObject[], problems: string[]): Container[] {
  const configMaps = new Map(
    objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, o.data ?? {}]),
  );
  const secrets = documentedSecrets();
  const lookup = (kind: 'ConfigMap' | 'Secret', name: string): Env | undefined =>
    kind === 'ConfigMap' ? configMaps.get(name) : secrets.get(name);
  const containers: Container[] = [];
  for (const object of objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job')) {
    const pod = (object.spec as { template: { spec: { containers: K8sContainer[] } } }).template.spec;
    for (const container of pod.containers) {
      const where = `${overlay}: ${object.kind} ${object.metadata.name}/${container.name}`;
      const env: Env = {};
      for (const source of container.envFrom ?? []) {
        const [kind, name] = source.configMapRef
          ? (['ConfigMap', source.configMapRef.name] as const)
          : (['Secret', source.secretRef!.name] as const);
        const values = lookup(kind, name);
        if (values) Object.assign(env, values);
        else
          problems.push(`${where}: envFrom ${kind} ${name} is neither shipped nor listed in k8s/README.md`);
      }
      for (const variable of container.env ?? []) {
        if (variable.value !== undefined) {
          env[variable.name] = variable.value;
          continue;
        }
        const ref = variable.valueFrom?.configMapKeyRef ?? variable.valueFrom?.secretKeyRef;
        if (!ref) continue;
        const kind = variable.valueFrom?.configMapKeyRef ? 'ConfigMap' : 'Secret';
        const value = lookup(kind, ref.name)?.[ref.key];
        if (value !== undefined) env[variable.name] = value;
        else if (!ref.optional) {
          problems.push(
            `${where}: ${variable.name} reads ${kind} ${ref.name} key ${ref.key}, which k8s/README.md does not list`,
          );
        }
      }
      if (env.APP in schemas) {
        containers.push({ where, service: env.APP as ServiceName, env, runs: object.kind === 'Deployment' });
      }
    }
  }
  return containers;
}

/** `${NAME:-default}` and `${NAME-default}` take their default; a bare `${NAME}` is empty, as Compose does when unset. */
function interpolate(value: string): string {
  return value.replace(
    /\$\{([A-Z0-9_]+)(?::?-([^}]*))?\}/g,
    (_, _name: string, fallback?: string) => fallback ?? '',
  );
}

function composeContainers(): Container[] {
  const file = join(ROOT, 'docker-compose.yml');
  const document = parse(readFileSync(file, 'utf8'), { merge: true }) as {
    services: Record<string, { environment?: Record<string, string | number> }>;
  };
  return Object.entries(document.services)
    .map(([name, service]) => {
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value))]),
      );
      return {
        where: `docker-compose.yml: ${name}`,
        service: env.APP as ServiceName,
        env,
        runs: env.ROLE !== 'migrate',
      };
    })
    .filter((container) => container.service in schemas);
}

function configProblems(containers: Container[]): string[] {
  const problems: string[] = [];
  for (const { where, service, env } of containers) {
    try {
      loadConfig(schemas[service], env, service);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(`${where}: ${error.issues.map((i) => `${i.variable}: ${i.problem}`).join('; ')}`);
    }
  }
  return problems;
}

/** Roles a service needs that none of its long-running containers has. */
function missingRoles(containers: Container[], scope: string): string[] {
  const problems: string[] = [];
  for (const service of Object.keys(schemas) as ServiceName[]) {
    const running = new Set(
      containers
        .filter((c) => c.service === service && c.runs)
        .flatMap((c) => (c.env.ROLE ?? 'http,consumer,relay,worker').split(',').map((r) => r.trim())),
    );
    const missing = REQUIRED_ROLES[service].filter((role) => !running.has(role));
    if (missing.length > 0) problems.push(`${scope}: no ${service} process runs ${missing.join(', ')}`);
  }
  return problems;
}

describe('the shipped configuration starts every service', () => {
  const kustomize = findKustomize();
  const overlays = findOverlays(join(ROOT, 'k8s')).filter((dir) => !dir.endsWith('kafka-topics'));

  it('finds the overlays to check', () => {
    expect(overlays.map((dir) => relative(ROOT, dir)).sort()).toEqual([
      'k8s/overlays/production',
      'k8s/overlays/staging',
    ]);
  });

  it.each(overlays.map((dir) => [relative(ROOT, dir), dir]))(
    '%s: every container passes its config validation, and every required role runs',
    (name, dir) => {
      const objects = parseAllDocuments(kustomize.build(dir)).map((d) => d.toJSON() as K8sObject);
      const problems: string[] = [];
      const containers = overlayContainers(name, objects, problems);
      expect(new Set(containers.map((c) => c.service))).toEqual(new Set(Object.keys(schemas)));
      expect([...problems, ...configProblems(containers), ...missingRoles(containers, name)]).toEqual([]);
    },
  );

  it('docker-compose.yml: every container passes its config validation, and every required role runs', () => {
    const containers = composeContainers();
    expect(new Set(containers.map((c) => c.service))).toEqual(new Set(Object.keys(schemas)));
    expect([...configProblems(containers), ...missingRoles(containers, 'docker-compose.yml')]).toEqual([]);
  });

  it('would catch a secret the README does not list, and a timer no Deployment runs', () => {
    const objects = parseAllDocuments(kustomize.build(overlays[0])).map((d) => d.toJSON() as K8sObject);
    const problems: string[] = [];
    const containers = overlayContainers('check', objects, problems);
    const withoutWorker = containers.map((c) =>
      c.service === 'catalog' ? { ...c, env: { ...c.env, ROLE: 'http,consumer,relay' } } : c,
    );
    expect(missingRoles(withoutWorker, 'check')).toEqual(['check: no catalog process runs worker']);
    const withoutLinkSecret = containers.map((c) => {
      const env = { ...c.env };
      delete env.NOTIFICATIONS_LINK_SECRET;
      return { ...c, env };
    });
    expect(configProblems(withoutLinkSecret).join('\n')).toContain(
      'NOTIFICATIONS_LINK_SECRET: is required in production',
    );
  });
});
