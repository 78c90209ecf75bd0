/** Grafana dashboards and alert rules: well-formed, and reading metrics the services define. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { asArray, get, Json, K8sObject, ROOT } from './json';

/** Metric names the code registers (`name: 'respire_…'` in libs/ and apps/). */
export function definedMetrics(): Set<string> {
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
export function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\b((?:respire|http)_[a-z_]+)/g)].map((m) =>
    m[1].replace(/_(bucket|count|sum)$/, ''),
  );
}

/** Checks ops/grafana/*.json; records each metric a query reads in `used` (metric → where). */
export function checkDashboards(dir: string, problems: string[], used: Map<string, string>): number {
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

/** Records each metric the alert rules of these objects read in `used` (metric → where). */
export function collectRuleMetrics(objects: K8sObject[], used: Map<string, string>): void {
  for (const rule of objects.filter((o) => o.kind === 'PrometheusRule')) {
    for (const group of asArray(get(rule, 'spec', 'groups'))) {
      for (const entry of asArray(get(group, 'rules'))) {
        for (const metric of metricsIn(String(get(entry, 'expr') ?? '')))
          used.set(metric, `PrometheusRule ${rule.metadata.name}`);
      }
    }
  }
}
