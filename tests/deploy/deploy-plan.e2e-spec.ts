import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** ops/deploy.sh --plan: the order a deploy applies objects in, built with kustomize, no cluster. */
const ROOT = join(__dirname, '..', '..');

function plan(environment: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      [join(ROOT, 'ops', 'deploy.sh'), environment, '--plan'],
      { cwd: ROOT },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

/** The objects listed under each numbered step. */
function steps(output: string): Map<string, string[]> {
  const byStep = new Map<string, string[]>();
  let current = '';
  for (const line of output.split('\n')) {
    const step = /(\d)\/4 /.exec(line);
    if (step) byStep.set((current = step[1]), []);
    else if (/^ {5}\S/.test(line)) byStep.get(current)?.push(line.trim());
  }
  return byStep;
}

describe('ops/deploy.sh', () => {
  it.each(['staging', 'production'])(
    'migrates %s before any API or worker rolls out',
    async (environment) => {
      const byStep = steps(await plan(environment));

      expect(byStep.get('3')).toEqual([
        'Job/catalog-migrate',
        'Job/identity-migrate',
        'Job/notifications-migrate',
        'Job/registration-migrate',
        'Job/reporting-migrate',
      ]);
      const workloads = byStep.get('4') ?? [];
      expect(workloads.filter((name) => name.startsWith('Deployment/')).sort()).toEqual([
        'Deployment/catalog-api',
        'Deployment/identity-api',
        'Deployment/notifications-api',
        'Deployment/notifications-worker',
        'Deployment/registration-api',
        'Deployment/registration-worker',
        'Deployment/reporting-api',
        'Deployment/web',
      ]);
      const platform = byStep.get('2') ?? [];
      expect(platform).toEqual(
        expect.arrayContaining([
          'ServiceAccount/respire',
          'Ingress/respire',
          'NetworkPolicy/respire-default-deny',
        ]),
      );
      // Every object of the overlay is applied by exactly one step.
      const all = [...platform, ...(byStep.get('3') ?? []), ...workloads];
      expect(new Set(all).size).toBe(all.length);
      const built = execFileSync('kubectl', ['kustomize', join(ROOT, 'k8s', 'overlays', environment)], {
        encoding: 'utf8',
      });
      expect(all).toHaveLength(built.match(/^kind: /gm)?.length ?? 0);
    },
  );
});
