/**
 * What schemas cannot say: references resolve (ConfigMaps, Services and their ports, HPA
 * targets, selectors), no Secret is committed, pods are restricted, the Ingress routes right.
 */
import { asArray, asObject, get, K8sObject } from './json';
import { checkIngressRouting } from './ingress-routing';
import { checkPodSecurity } from './pod-security';
import { labelsMatch, podTemplate } from './workloads';

export function crossCheck(objects: K8sObject[]): Array<{ object: K8sObject; problem: string }> {
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
