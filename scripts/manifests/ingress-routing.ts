/**
 * The Ingress sends each route of the HTTP surface to the service that owns it: every path of
 * every service's OpenAPI document, replayed against the Ingress's paths as ingress-nginx orders them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asArray, get, K8sObject, ROOT } from './json';

/**
 * Requests the Ingress must send to each service: every path of every service's OpenAPI document
 * (docs/openapi/<service>.json, kept current by tests/e2e/services-boot.e2e-spec.ts), with each
 * `{parameter}` replaced by a sample value.
 */
export function expectedRoutes(): Array<[string, string]> {
  const dir = join(ROOT, 'docs', 'openapi');
  const routes: Array<[string, string]> = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const service = file.replace(/\.json$/, '');
    const document = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { paths: Record<string, unknown> };
    for (const path of Object.keys(document.paths)) {
      if (!path.startsWith('/v1/')) continue;
      routes.push([path.replace(/\{[^}]+\}/g, '0193'), service]);
    }
  }
  if (routes.length === 0) throw new Error(`no OpenAPI document in ${dir}: run npm run openapi`);
  // Everything else is the web app's: its pages, assets and embed loader (the route table's catch-all).
  for (const page of [
    '/',
    '/capacites-besancon',
    '/capacites-besancon/programme.ics',
    '/inscriptions/0193/annuler',
    '/preferences',
    '/assets/respire.css',
    '/embed.js',
  ]) {
    routes.push([page, 'web']);
  }
  return routes;
}

/**
 * ingress-nginx with use-regex: each path becomes `location ~* "^<path>"`, written longest path
 * first, and NGINX takes the first regex that matches. Kubernetes accepts RE2 syntax only.
 */
export function checkIngressRouting(ingress: K8sObject, problems: string[]): void {
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
