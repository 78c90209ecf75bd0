/**
 * Validates each object against the Kubernetes JSON schemas (kubernetes-models: the API's OpenAPI
 * schemas compiled with Ajv; Prometheus Operator CRDs likewise; Strimzi's KafkaTopic against the
 * schema below) and, like `kubectl --validate=strict`, rejects fields the schema does not define.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ErrorObject } from 'ajv';
import { describeAjvError, K8sObject, packageDir } from './json';
import { StrictFieldChecker } from './strict-fields';

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

interface ModelClass {
  new (data: unknown): { validate(): void };
}

interface KindSchema {
  /** Ajv errors of the JSON-schema validation. */
  validate(object: K8sObject): ErrorObject[];
  /** The type declaration listing the fields, for the strict pass; absent for hand-written schemas. */
  declaration?: { file: string; name: string };
}

export class SchemaRegistry {
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
        `no schema for apiVersion ${object.apiVersion}, kind ${object.kind} (add one to scripts/manifests/schemas.ts)`,
      ];
    }
    const problems = schema.validate(object).map(describeAjvError);
    if (schema.declaration) problems.push(...this.strict.check(object, schema.declaration));
    return problems;
  }
}
