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
 * 5. Checks the Grafana dashboards (ops/grafana) and says which metric a dashboard or an alert
 *    reads that no service defines.
 *
 * One module per job under scripts/manifests/. Exits 1 naming each file, object and field at fault.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { validateCompose } from './manifests/compose';
import { K8sObject, objectName, ROOT } from './manifests/json';
import { findKustomize, findOverlays } from './manifests/kustomize';
import { checkDashboards, collectRuleMetrics, definedMetrics } from './manifests/metrics';
import { crossCheck } from './manifests/references';
import { SchemaRegistry } from './manifests/schemas';

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
    collectRuleMetrics(objects, usedMetrics);
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
