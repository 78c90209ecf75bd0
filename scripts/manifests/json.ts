/** The JSON the manifests are read as, and small helpers to walk it and to name what is wrong. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ErrorObject } from 'ajv';

export const ROOT = resolve(__dirname, '..', '..');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface K8sObject extends JsonObject {
  apiVersion: string;
  kind: string;
  metadata: JsonObject & { name: string; namespace?: string };
}

export const get = (value: Json | undefined, ...path: Array<string | number>): Json | undefined =>
  path.reduce<Json | undefined>((current, key) => {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    return (current as Record<string, Json>)[key as string];
  }, value);

export const asObject = (value: Json | undefined): JsonObject =>
  value && typeof value === 'object' && !Array.isArray(value) ? value : {};
export const asArray = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : []);

export function objectName(object: K8sObject): string {
  const namespace = object.metadata?.namespace ? `${object.metadata.namespace}/` : '';
  return `${object.kind ?? '(no kind)'} ${namespace}${object.metadata?.name ?? '(no name)'}`;
}

/** A package's directory, looked up like require() would, though its `exports` hide package.json. */
export function packageDir(name: string): string {
  for (const base of module.paths) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`package ${name} is not installed (npm ci)`);
}

/** `spec.template.spec.containers[0].image` from an Ajv instance path. */
export function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').slice(1);
  if (extra) parts.push(extra);
  return parts
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

export function describeAjvError(error: ErrorObject): string {
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
