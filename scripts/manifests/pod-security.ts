/**
 * Every pod runs restricted: non-root, read-only root file system, no privilege escalation,
 * capabilities dropped, RuntimeDefault seccomp, resources, and probes on long-running containers.
 */
import { asArray, asObject, get, JsonObject, K8sObject } from './json';

export function checkPodSecurity(object: K8sObject, template: JsonObject, problems: string[]): void {
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
