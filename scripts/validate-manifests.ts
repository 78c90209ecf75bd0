/**
 * Validates the deployment manifests without a cluster, as CI does:
 *
 *   npm run validate:manifests [-- --k8s DIR] [-- --compose FILE]
 *
 * 1. Builds every Kustomization under k8s/overlays (staging, production, their kafka-topics) with
 *    kustomize (`kubectl kustomize`, or a `kustomize` binary; v4.1 or later).
 * 2. Validates every object it outputs against the Kubernetes JSON schemas (kubernetes-models: the
 *    API's OpenAPI schemas compiled with Ajv; Prometheus Operator CRDs likewise; Strimzi's KafkaTopic
 *    against the schema below) and, like `kubectl --validate=strict`, rejects fields the schema does
 *    not define (the schemas allow them; the type declarations generated with them list them).
 * 3. Checks what schemas cannot: references resolve (ConfigMaps, Services and their ports, HPA
 *    targets, selectors), no Secret is committed, every pod runs restricted (non-root, read-only root
 *    file system, no privilege escalation, capabilities dropped, RuntimeDefault seccomp, resources,
 *    probes), and the Ingress sends each route of the HTTP surface to the service that owns it.
 * 4. Validates docker-compose.yml against the Compose specification's JSON schema.
 *
 * Exits 1 naming each file, object and field at fault.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import Ajv, { ErrorObject } from 'ajv';
import ts from 'typescript';
import { parse, parseAllDocuments } from 'yaml';
import { findKustomize, findOverlays } from './manifests/kustomize';

const ROOT = resolve(__dirname, '..');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface K8sObject extends JsonObject {
  apiVersion: string;
  kind: string;
  metadata: JsonObject & { name: string; namespace?: string };
}

interface Options {
  k8sDir: string;
  composeFile: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { k8sDir: join(ROOT, 'k8s'), composeFile: join(ROOT, 'docker-compose.yml') };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--k8s' && value) options.k8sDir = resolve(value);
    else if (argv[i] === '--compose' && value) options.composeFile = resolve(value);
    else throw new Error(`unknown argument ${argv[i]} (expected --k8s DIR, --compose FILE)`);
    i++;
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Schemas

/** `spec.template.spec.containers[0].image` from an Ajv instance path. */
function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (extra) parts.push(extra);
  return parts
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

function describeAjvError(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return `${fieldPath(error.instancePath, String(error.params.missingProperty))}: required field missing`;
    case 'additionalProperties':
      return `${fieldPath(error.instancePath, String(error.params.additionalProperty))}: unknown field`;
    case 'type':
      return `${fieldPath(error.instancePath) || '(root)'}: must be ${String(error.params.type)}`;
    case 'enum':
      return `${fieldPath(error.instancePath)}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    default:
      return `${fieldPath(error.instancePath) || '(root)'}: ${error.message ?? `${error.keyword} ${JSON.stringify(error.params)}`}`;
  }
}

/**
 * Strimzi's KafkaTopic (kafka.strimzi.io/v1, the only API version Strimzi 1.x serves), as its CRD
 * defines the spec: partitions and replicas within Kafka's limits, `config` free-form (topic-level
 * Kafka settings).
 */
const KAFKA_TOPIC_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'kafka.strimzi.io/v1' },
    kind: { const: 'KafkaTopic' },
    metadata: {
      type: 'object',
      required: ['name', 'labels'],
      properties: {
        name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength: 253 },
        namespace: { type: 'string' },
        labels: {
          type: 'object',
          required: ['strimzi.io/cluster'],
          additionalProperties: { type: 'string' },
        },
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      properties: {
        topicName: { type: 'string', pattern: '^[a-zA-Z0-9._-]{1,249}$' },
        partitions: { type: 'integer', minimum: 1 },
        replicas: { type: 'integer', minimum: 1, maximum: 32767 },
        config: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
      },
    },
  },
} as const;

/** Where the models of an API group live, and the file of a kind: `<package>/<apiVersion>/<Kind>`. */
const MODEL_PACKAGES: Array<{ test: (apiVersion: string) => boolean; name: string }> = [
  {
    test: (apiVersion) => apiVersion.startsWith('monitoring.coreos.com/'),
    name: '@kubernetes-models/prometheus-operator',
  },
  {
    test: (apiVersion) => !apiVersion.includes('.') || apiVersion.includes('.k8s.io/'),
    name: 'kubernetes-models',
  },
];

/** A package's directory, looked up like require() would, though its `exports` hide package.json. */
function packageDir(name: string): string {
  for (const base of module.paths) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`package ${name} is not installed (npm ci)`);
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

interface KindSchema {
  /** Ajv errors of the JSON-schema validation. */
  validate(object: K8sObject): ErrorObject[];
  /** The type declaration listing the fields, for the strict pass; absent for hand-written schemas. */
  declaration?: { file: string; name: string };
}

class SchemaRegistry {
  private readonly kinds = new Map<string, KindSchema>();
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly strict = new StrictFieldChecker();

  constructor() {
    const validateTopic = this.ajv.compile(KAFKA_TOPIC_SCHEMA);
    this.kinds.set('kafka.strimzi.io/v1/KafkaTopic', {
      validate: (object) => (validateTopic(object) ? [] : [...(validateTopic.errors ?? [])]),
    });
  }

  async schemaFor(object: K8sObject): Promise<KindSchema | null> {
    const key = `${object.apiVersion}/${object.kind}`;
    const known = this.kinds.get(key);
    if (known) return known;
    const pkg = MODEL_PACKAGES.find((candidate) => candidate.test(object.apiVersion));
    if (
      !pkg ||
      !/^[A-Za-z0-9.]+(\/[a-z0-9]+)?$/.test(object.apiVersion) ||
      !/^[A-Z][A-Za-z0-9]*$/.test(object.kind)
    ) {
      return null;
    }
    const file = join(packageDir(pkg.name), object.apiVersion, object.kind);
    if (!existsSync(`${file}.js`)) return null;
    const module = (await import(`${file}.js`)) as Record<string, ModelClass>;
    const Model = module[object.kind];
    const schema: KindSchema = {
      validate: (candidate) => {
        try {
          new Model(candidate).validate();
          return [];
        } catch (error) {
          const errors = (error as { errors?: ErrorObject[] }).errors;
          if (!errors) throw error;
          return errors;
        }
      },
      declaration: { file: `${file}.d.ts`, name: `I${object.kind}` },
    };
    this.kinds.set(key, schema);
    return schema;
  }

  /** Resolves the schemas of all these objects up front, so the strict pass loads its types once. */
  async prepare(objects: K8sObject[]): Promise<void> {
    const files = new Set<string>();
    for (const object of objects) {
      const schema = await this.schemaFor(object);
      if (schema?.declaration) files.add(schema.declaration.file);
    }
    this.strict.load([...files]);
  }

  async validate(object: K8sObject): Promise<string[]> {
    const schema = await this.schemaFor(object);
    if (!schema) {
      return [
        `no schema for apiVersion ${object.apiVersion}, kind ${object.kind} (add one to scripts/validate-manifests.ts)`,
      ];
    }
    const problems = schema.validate(object).map(describeAjvError);
    if (schema.declaration) problems.push(...this.strict.check(object, schema.declaration));
    return problems;
  }
}

/**
 * Rejects fields the API does not define, as `kubectl apply --validate=strict` would: Kubernetes'
 * OpenAPI schemas leave objects open, so a misspelt `readinessProb` passes them and the API server
 * drops it silently. The interfaces generated from the same schemas list every field.
 */
class StrictFieldChecker {
  private program: ts.Program | null = null;
  private readonly files = new Set<string>();

  check(object: K8sObject, declaration: { file: string; name: string }): string[] {
    const type = this.typeOf(declaration);
    if (!type) return [`${declaration.name} not found in ${declaration.file}`];
    const problems: string[] = [];
    this.walk(object, type, '', problems);
    return problems;
  }

  /** Loads the declarations of every kind at once: one TypeScript program, built once. */
  load(files: string[]): void {
    for (const file of files) this.files.add(file);
    this.program = ts.createProgram([...this.files], {
      noEmit: true,
      skipLibCheck: true,
      types: [],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
    });
  }

  private typeOf(declaration: { file: string; name: string }): ts.Type | null {
    if (!this.files.has(declaration.file) || !this.program) this.load([declaration.file]);
    const checker = this.program!.getTypeChecker();
    const source = this.program!.getSourceFile(declaration.file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    const symbol =
      moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === declaration.name);
    return symbol ? checker.getDeclaredTypeOfSymbol(symbol) : null;
  }

  private walk(value: Json, declared: ts.Type, path: string, problems: string[]): void {
    const checker = this.program!.getTypeChecker();
    const type = checker.getNonNullableType(declared);
    if (Array.isArray(value)) {
      if (!checker.isArrayType(type)) return;
      const element = checker.getTypeArguments(type as ts.TypeReference)[0];
      value.forEach((item, index) => this.walk(item, element, `${path}[${index}]`, problems));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    // Unions (e.g. IntOrString) and open types (`{}`, `object`, `any`) are left to the schema.
    if (type.isUnion() || !(type.flags & ts.TypeFlags.Object)) return;
    const properties = checker.getPropertiesOfType(type);
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    if (properties.length === 0 && !index) return;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      const property = type.getProperty(key);
      if (property) this.walk(child, checker.getTypeOfSymbol(property), childPath, problems);
      else if (index) this.walk(child, index.type, childPath, problems);
      else
        problems.push(
          `${childPath}: unknown field${suggest(
            key,
            properties.map((p) => p.name),
          )}`,
        );
    }
  }
}

function suggest(name: string, candidates: string[]): string {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j];
        row[j] = Math.min(
          row[j] + 1,
          row[j - 1] + 1,
          previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1),
        );
        previous = current;
      }
    }
    return row[b.length];
  };
  const best = candidates
    .map((candidate) => ({ candidate, d: distance(name, candidate) }))
    .sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(name.length / 4))
    ? ` (did you mean ${best.candidate}?)`
    : '';
}

// ---------------------------------------------------------------------------------------------
// What the schemas cannot say

const get = (value: Json | undefined, ...path: Array<string | number>): Json | undefined =>
  path.reduce<Json | undefined>((current, key) => {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    return (current as Record<string, Json>)[key as string];
  }, value);

const asObject = (value: Json | undefined): JsonObject =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};
const asArray = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

function podTemplate(object: K8sObject): JsonObject | null {
  return WORKLOAD_KINDS.has(object.kind) ? asObject(get(object, 'spec', 'template')) : null;
}

function labelsMatch(selector: JsonObject, labels: JsonObject): boolean {
  const matchLabels = asObject(selector.matchLabels);
  const expressions = asArray(selector.matchExpressions).map(asObject);
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) return false;
  return (
    Object.entries(matchLabels).every(([key, value]) => labels[key] === value) &&
    expressions.every((expression) => {
      const value = labels[String(expression.key)];
      const values = asArray(expression.values);
      switch (expression.operator) {
        case 'In':
          return value !== undefined && values.includes(value);
        case 'NotIn':
          return value === undefined || !values.includes(value);
        case 'Exists':
          return value !== undefined;
        case 'DoesNotExist':
          return value === undefined;
        default:
          return false;
      }
    })
  );
}

/**
 * Requests the Ingress must send to each service: every path of every service's OpenAPI document
 * (docs/openapi/<service>.json, kept current by tests/e2e/services-boot.e2e-spec.ts), with each
 * `{parameter}` replaced by a sample value.
 */
function expectedRoutes(): Array<[string, string]> {
  const dir = join(ROOT, 'docs', 'openapi');
  const routes: Array<[string, string]> = [];
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    const service = file.replace(/\.json$/, '');
    const document = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { paths: Record<string, unknown> };
    for (const path of Object.keys(document.paths)) {
      if (!path.startsWith('/v1/')) continue;
      routes.push([path.replace(/\{[^}]+\}/g, '0193'), service]);
    }
  }
  if (routes.length === 0) throw new Error(`no OpenAPI document in ${dir}: run npm run openapi`);
  // Everything else is the web app's: its pages, assets and embed loader (the route table's catch-all).
  for (const page of ['/', '/capacites-besancon', '/capacites-besancon/programme.ics', '/inscriptions/0193/annuler', '/preferences', '/assets/respire.css', '/embed.js']) {
    routes.push([page, 'web']);
  }
  return routes;
}

/**
 * ingress-nginx with use-regex: each path becomes `location ~* "^<path>"`, written longest path
 * first, and NGINX takes the first regex that matches. Kubernetes accepts RE2 syntax only.
 */
function checkIngressRouting(ingress: K8sObject, problems: string[]): void {
  const useRegex =
    get(ingress, 'metadata', 'annotations', 'nginx.ingress.kubernetes.io/use-regex') === 'true';
  for (const [r, rule] of asArray(get(ingress, 'spec', 'rules')).entries()) {
    const paths = asArray(get(rule, 'http', 'paths')).map((p, i) => ({
      path: String(get(p, 'path')),
      service: String(get(p, 'backend', 'service', 'name')),
      where: `spec.rules[${r}].http.paths[${i}]`,
    }));
    for (const { path, where } of paths) {
      if (/\(\?[=!<]/.test(path))
        problems.push(`${where}.path: lookaround is not RE2 syntax, which Kubernetes requires`);
      try {
        new RegExp(path);
      } catch (error) {
        problems.push(`${where}.path: ${(error as Error).message}`);
      }
    }
    if (!useRegex) continue;
    const ordered = [...paths].sort((a, b) => b.path.length - a.path.length);
    for (const [request, expected] of expectedRoutes()) {
      const match = ordered.find(({ path }) => {
        try {
          return new RegExp(`^${path}`, 'i').test(request);
        } catch {
          return false;
        }
      });
      if (match?.service !== expected) {
        problems.push(
          `spec.rules[${r}]: ${request} must reach ${expected}, reaches ${match ? `${match.service} (${match.path})` : 'nothing'}`,
        );
      }
    }
  }
}

function checkPodSecurity(object: K8sObject, template: JsonObject, problems: string[]): void {
  const pod = asObject(template.spec);
  const podSecurity = asObject(pod.securityContext);
  const containers = [...asArray(pod.initContainers), ...asArray(pod.containers)].map(asObject);
  const longRunning = object.kind !== 'Job';
  for (const [i, container] of containers.entries()) {
    const where = `spec.template.spec.containers[${i}] (${String(container.name)})`;
    const security = asObject(container.securityContext);
    const runAsNonRoot = security.runAsNonRoot ?? podSecurity.runAsNonRoot;
    const seccomp = get(security, 'seccompProfile', 'type') ?? get(podSecurity, 'seccompProfile', 'type');
    if (runAsNonRoot !== true) problems.push(`${where}: runAsNonRoot must be true`);
    if (security.allowPrivilegeEscalation !== false)
      problems.push(`${where}: allowPrivilegeEscalation must be false`);
    if (security.readOnlyRootFilesystem !== true)
      problems.push(`${where}: readOnlyRootFilesystem must be true`);
    if (!asArray(get(security, 'capabilities', 'drop')).includes('ALL'))
      problems.push(`${where}: capabilities.drop must include ALL`);
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost')
      problems.push(`${where}: seccompProfile must be RuntimeDefault`);
    for (const bound of ['requests', 'limits']) {
      for (const resource of ['cpu', 'memory']) {
        if (get(container, 'resources', bound, resource) === undefined) {
          problems.push(`${where}: resources.${bound}.${resource} must be set`);
        }
      }
    }
    if (longRunning && !asArray(pod.initContainers).includes(container)) {
      for (const probe of ['readinessProbe', 'livenessProbe']) {
        if (!container[probe]) problems.push(`${where}: ${probe} must be set`);
      }
    }
  }
}

function crossCheck(objects: K8sObject[]): Array<{ object: K8sObject; problem: string }> {
  const found: Array<{ object: K8sObject; problem: string }> = [];
  const named = (kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);
  const workloads = objects.filter((o) => podTemplate(o));
  const podLabels = (o: K8sObject) => asObject(get(podTemplate(o) ?? {}, 'metadata', 'labels'));
  const autoscaled = new Set(
    objects
      .filter((o) => o.kind === 'HorizontalPodAutoscaler')
      .map(
        (o) =>
          `${String(get(o, 'spec', 'scaleTargetRef', 'kind'))}/${String(get(o, 'spec', 'scaleTargetRef', 'name'))}`,
      ),
  );

  for (const object of objects) {
    const report = (problem: string) => found.push({ object, problem });
    if (object.kind === 'Secret')
      report('secret values must not be committed: reference a Secret created out of band');

    const template = podTemplate(object);
    if (template) {
      const selector = asObject(get(object, 'spec', 'selector'));
      if (object.kind !== 'Job' && !labelsMatch(selector, podLabels(object))) {
        report('spec.selector does not match spec.template.metadata.labels');
      }
      if (
        object.kind === 'Deployment' &&
        get(object, 'spec', 'replicas') !== undefined &&
        autoscaled.has(`Deployment/${object.metadata.name}`)
      ) {
        report('spec.replicas is set on an autoscaled Deployment: every apply would reset the autoscaler');
      }
      const securityProblems: string[] = [];
      checkPodSecurity(object, template, securityProblems);
      securityProblems.forEach(report);
      const pod = asObject(template.spec);
      for (const container of [...asArray(pod.initContainers), ...asArray(pod.containers)].map(asObject)) {
        for (const source of asArray(container.envFrom)) {
          const name = get(source, 'configMapRef', 'name');
          if (name !== undefined && !named('ConfigMap', String(name)))
            report(`envFrom: ConfigMap ${String(name)} is not in the build`);
        }
        for (const variable of asArray(container.env)) {
          const name = get(variable, 'valueFrom', 'configMapKeyRef', 'name');
          if (name !== undefined && !named('ConfigMap', String(name)))
            report(`env ${String(get(variable, 'name'))}: ConfigMap ${String(name)} is not in the build`);
        }
      }
    }

    if (object.kind === 'Service') {
      const selector = asObject(get(object, 'spec', 'selector'));
      const targets = workloads.filter(
        (w) => w.kind !== 'Job' && labelsMatch({ matchLabels: selector }, podLabels(w)),
      );
      if (targets.length === 0) report('spec.selector matches no Deployment');
      for (const port of asArray(get(object, 'spec', 'ports'))) {
        const targetPort = get(port, 'targetPort');
        if (typeof targetPort !== 'string') continue;
        const declared = targets.some((w) =>
          asArray(get(podTemplate(w) ?? {}, 'spec', 'containers')).some((c) =>
            asArray(get(c, 'ports')).some((p) => get(p, 'name') === targetPort),
          ),
        );
        if (targets.length && !declared)
          report(`spec.ports: targetPort ${targetPort} is not a container port name`);
      }
    }

    if (object.kind === 'Ingress') {
      for (const [r, rule] of asArray(get(object, 'spec', 'rules')).entries()) {
        for (const [i, path] of asArray(get(rule, 'http', 'paths')).entries()) {
          const name = String(get(path, 'backend', 'service', 'name'));
          const portName = get(path, 'backend', 'service', 'port', 'name');
          const service = named('Service', name);
          if (!service) report(`spec.rules[${r}].http.paths[${i}]: Service ${name} is not in the build`);
          else if (
            portName !== undefined &&
            !asArray(get(service, 'spec', 'ports')).some((p) => get(p, 'name') === portName)
          ) {
            report(`spec.rules[${r}].http.paths[${i}]: Service ${name} has no port ${String(portName)}`);
          }
        }
      }
      const routing: string[] = [];
      checkIngressRouting(object, routing);
      routing.forEach(report);
    }

    if (object.kind === 'HorizontalPodAutoscaler') {
      const kind = String(get(object, 'spec', 'scaleTargetRef', 'kind'));
      const name = String(get(object, 'spec', 'scaleTargetRef', 'name'));
      if (!named(kind, name)) report(`spec.scaleTargetRef: ${kind} ${name} is not in the build`);
    }

    if (object.kind === 'PodDisruptionBudget') {
      const selector = asObject(get(object, 'spec', 'selector'));
      if (!workloads.some((w) => w.kind !== 'Job' && labelsMatch(selector, podLabels(w))))
        report('spec.selector matches no Deployment');
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// docker-compose.yml

function validateCompose(file: string): string[] {
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

// ---------------------------------------------------------------------------------------------
// Grafana dashboards and alert rules: well-formed, and reading metrics the services define

/** Metric names the code registers (`name: 'respire_…'` in libs/ and apps/). */
function definedMetrics(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/name: '((?:respire|http)_[a-z_]+)'/g)) {
          names.add(match[1]);
        }
      }
    }
  };
  for (const dir of ['libs', 'apps']) if (existsSync(join(ROOT, dir))) walk(join(ROOT, dir));
  return names;
}

/** The `respire_…` and `http_…` metrics a PromQL expression reads, histogram suffixes folded. */
function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b((?:respire|http)_[a-z_]+)/g)].map((m) =>
    m[1].replace(/_(bucket|count|sum)$/, ''),
  );
}

/** Checks ops/grafana/*.json; records each metric a query reads in `used` (metric → where). */
function checkDashboards(dir: string, problems: string[], used: Map<string, string>): number {
  if (!existsSync(dir)) return 0;
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  for (const file of files) {
    let dashboard: Json;
    try {
      dashboard = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Json;
    } catch (error) {
      problems.push(`${file}: not valid JSON: ${(error as Error).message}`);
      continue;
    }
    if (typeof get(dashboard, 'title') !== 'string' || typeof get(dashboard, 'uid') !== 'string') {
      problems.push(`${file}: title and uid are required`);
    }
    const ids = new Set<Json | undefined>();
    for (const [i, panel] of asArray(get(dashboard, 'panels')).entries()) {
      const id = get(panel, 'id');
      if (ids.has(id)) problems.push(`${file}: panels[${i}].id ${String(id)} is used twice`);
      ids.add(id);
      if (get(panel, 'type') === 'row') continue;
      const targets = asArray(get(panel, 'targets'));
      if (targets.length === 0)
        problems.push(`${file}: panels[${i}] (${String(get(panel, 'title'))}) has no query`);
      for (const target of targets) {
        for (const metric of metricsIn(String(get(target, 'expr') ?? ''))) used.set(metric, file);
      }
    }
  }
  return files.length;
}

// ---------------------------------------------------------------------------------------------

function objectName(object: K8sObject): string {
  const namespace = object.metadata?.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.kind ?? '(no kind)'} ${namespace}${object.metadata?.name ?? '(no name)'}`;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const errors: string[] = [];
  const shown = (path: string) => {
    const near = relative(process.cwd(), path);
    return near.startsWith('..') ? path : near || '.';
  };

  const kustomize = findKustomize();
  const registry = new SchemaRegistry();
  const overlays = findOverlays(options.k8sDir);
  if (overlays.length === 0)
    errors.push(`${shown(options.k8sDir)}: no overlay (overlays/*/kustomization.yaml)`);
  console.log(`validate-manifests: ${kustomize.describe}`);

  const builds: Array<{ overlay: string; objects: K8sObject[]; ms: number }> = [];
  for (const overlay of overlays) {
    const t0 = Date.now();
    let output: string;
    try {
      output = kustomize.build(overlay);
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
      errors.push(`${shown(overlay)}: kustomize build failed: ${stderr}`);
      console.log(`  ${shown(overlay)}: kustomize build failed`);
      continue;
    }
    const objects: K8sObject[] = [];
    for (const document of parseAllDocuments(output)) {
      if (document.errors.length) errors.push(`${shown(overlay)}: ${document.errors[0].message}`);
      const value = document.toJS() as K8sObject | null;
      if (value) objects.push(value);
    }
    builds.push({ overlay, objects, ms: Date.now() - t0 });
  }

  const t1 = Date.now();
  await registry.prepare(builds.flatMap((build) => build.objects));
  console.log(`  schemas loaded (${Date.now() - t1} ms)`);

  const usedMetrics = new Map<string, string>();
  for (const { overlay, objects, ms } of builds) {
    for (const rule of objects.filter((o) => o.kind === 'PrometheusRule')) {
      for (const group of asArray(get(rule, 'spec', 'groups'))) {
        for (const entry of asArray(get(group, 'rules'))) {
          for (const metric of metricsIn(String(get(entry, 'expr') ?? '')))
            usedMetrics.set(metric, `PrometheusRule ${rule.metadata.name}`);
        }
      }
    }
    const t0 = Date.now();
    const before = errors.length;
    for (const object of objects) {
      for (const problem of await registry.validate(object))
        errors.push(`${shown(overlay)}: ${objectName(object)}: ${problem}`);
    }
    for (const { object, problem } of crossCheck(objects))
      errors.push(`${shown(overlay)}: ${objectName(object)}: ${problem}`);
    const verdict = errors.length === before ? 'valid' : `${errors.length - before} problem(s)`;
    console.log(
      `  ${shown(overlay)}: ${objects.length} objects, ${verdict} (build ${ms} ms, checks ${Date.now() - t0} ms)`,
    );
  }

  const t0 = Date.now();
  const composeProblems = existsSync(options.composeFile)
    ? validateCompose(options.composeFile)
    : [`not found`];
  errors.push(...composeProblems.map((problem) => `${shown(options.composeFile)}: ${problem}`));
  console.log(
    `  ${shown(options.composeFile)}: Compose specification, ${composeProblems.length ? `${composeProblems.length} problem(s)` : 'valid'} (${Date.now() - t0} ms)`,
  );

  const dashboards = join(ROOT, 'ops', 'grafana');
  const dashboardProblems: string[] = [];
  const count = checkDashboards(dashboards, dashboardProblems, usedMetrics);
  errors.push(...dashboardProblems.map((problem) => `${shown(dashboards)}/${problem}`));
  console.log(
    `  ${shown(dashboards)}: ${count} dashboard(s), ${dashboardProblems.length ? `${dashboardProblems.length} problem(s)` : 'valid'}`,
  );
  // A metric no service defines yet shows an empty panel or a silent alert: said, not fatal.
  const defined = definedMetrics();
  for (const [metric, where] of usedMetrics) {
    if (!defined.has(metric))
      console.log(`  warning: ${where} reads ${metric}, which no service in libs/ or apps/ defines`);
  }

  if (errors.length) {
    console.error(`\n${errors.length} problem(s):`);
    for (const error of errors) console.error(`  - ${error}`);
    return 1;
  }
  console.log(`validate-manifests: all valid in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`validate-manifests: ${error.message}`);
    process.exit(2);
  },
);
