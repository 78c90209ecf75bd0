/** Pod templates of workloads, and label selectors as Kubernetes matches them. */
import { asArray, asObject, get, JsonObject, K8sObject } from './json';

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

export function podTemplate(object: K8sObject): JsonObject | null {
  return WORKLOAD_KINDS.has(object.kind) ? asObject(get(object, 'spec', 'template')) : null;
}

export function labelsMatch(selector: JsonObject, labels: JsonObject): boolean {
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
