import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * scripts/validate-manifests.ts as CI runs it: kustomize builds every overlay, each object is
 * validated against the Kubernetes schemas, docker-compose.yml against the Compose specification.
 * Each broken case copies k8s/ (or the compose file) to a temporary directory and breaks one thing.
 */
const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'validate-manifests.ts');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function validate(...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', SCRIPT, ...args],
      { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('validate-manifests', () => {
  let work: string;

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'respire-k8s-'));
    cpSync(join(ROOT, 'k8s'), join(work, 'k8s'), { recursive: true });
  });

  afterEach(() => rmSync(work, { recursive: true, force: true }));

  /** Rewrites one file of the copied k8s/ tree, failing if the text to break is not there. */
  function edit(path: string, from: string | RegExp, to: string): void {
    const file = join(work, 'k8s', path);
    const before = readFileSync(file, 'utf8');
    const after = before.replace(from, to);
    if (after === before) throw new Error(`${String(from)} not found in ${path}`);
    writeFileSync(file, after);
  }

  it('accepts every committed overlay and docker-compose.yml', async () => {
    const { code, stdout, stderr } = await validate();

    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const overlay of ['production', 'production/kafka-topics', 'staging', 'staging/kafka-topics']) {
      expect(stdout).toContain(`k8s/overlays/${overlay}: `);
    }
    expect(stdout).toMatch(/docker-compose\.yml: Compose specification, valid/);
    expect(stdout).toMatch(/all valid in/);
  });

  it('rejects a misspelt field, naming the overlay, the object and the field', async () => {
    edit('base/catalog/api.yaml', 'readinessProbe:', 'readinessProb:');

    const { code, stderr } = await validate('--k8s', join(work, 'k8s'));

    expect(code).toBe(1);
    expect(stderr).toContain(
      `${join(work, 'k8s', 'overlays', 'production')}: Deployment respire/catalog-api: ` +
        'spec.template.spec.containers[0].readinessProb: unknown field (did you mean readinessProbe?)',
    );
    expect(stderr).toContain(
      'Deployment respire-staging/catalog-api: spec.template.spec.containers[0].readinessProb',
    );
  });

  it('rejects a value of the wrong type and a missing required field', async () => {
    edit('base/registration/api.yaml', 'containerPort: 8080', 'containerPort: http');
    edit(
      'base/reporting/api.yaml',
      '  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: reporting-api\n',
      '',
    );

    const { code, stderr } = await validate('--k8s', join(work, 'k8s'));

    expect(code).toBe(1);
    expect(stderr).toContain(
      'Deployment respire/registration-api: spec.template.spec.containers[0].ports[0].containerPort: must be integer',
    );
    expect(stderr).toContain(
      'HorizontalPodAutoscaler respire/reporting-api: spec.scaleTargetRef: required field missing',
    );
  });

  it('rejects an Ingress that lets catalog answer registration routes', async () => {
    // Shorter than catalog's /v1/sessions(/|$), so ingress-nginx would try catalog's regex first.
    edit(
      'base/ingress.yaml',
      '/v1/sessions/[^/]+/(registrations|attendance|attendance-sheet\\.pdf|waitlist|seats|payments)(/|$)',
      '/v1/sessions/.+/attendance',
    );

    const { code, stderr } = await validate('--k8s', join(work, 'k8s'));

    expect(code).toBe(1);
    expect(stderr).toContain(
      'Ingress respire/respire: spec.rules[0]: /v1/sessions/0193/registrations must reach registration, reaches catalog (/v1/sessions(/|$))',
    );
  });

  it('rejects a committed Secret and a container that may run as root', async () => {
    writeFileSync(
      join(work, 'k8s', 'base', 'secret.yaml'),
      'apiVersion: v1\nkind: Secret\nmetadata:\n  name: respire-jwt\nstringData:\n  JWT_SECRET: do-not-commit-me\n',
    );
    edit(
      'base/kustomization.yaml',
      '  - service-account.yaml\n',
      '  - service-account.yaml\n  - secret.yaml\n',
    );
    edit(
      'base/notifications/worker.yaml',
      'allowPrivilegeEscalation: false',
      'allowPrivilegeEscalation: true',
    );

    const { code, stderr } = await validate('--k8s', join(work, 'k8s'));

    expect(code).toBe(1);
    expect(stderr).toContain('Secret respire/respire-jwt: secret values must not be committed');
    expect(stderr).toContain(
      'Deployment respire/notifications-worker: spec.template.spec.containers[0] (notifications): allowPrivilegeEscalation must be false',
    );
  });

  it('reports an overlay kustomize cannot build', async () => {
    edit('base/kustomization.yaml', '  - reporting/api.yaml\n', '  - reporting/apis.yaml\n');

    const { code, stderr } = await validate('--k8s', join(work, 'k8s'));

    expect(code).toBe(1);
    expect(stderr).toMatch(/overlays\/production: kustomize build failed: .*reporting\/apis\.yaml/);
  });

  it('rejects a docker-compose.yml that breaks the Compose specification', async () => {
    const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')
      .replace(/^( {2}redis:\n)/m, '$1    restarts: always\n')
      .replace(/^( {4}ports: \['6379:6379'\])$/m, '    ports: 6379');
    writeFileSync(join(work, 'docker-compose.yml'), compose);

    const { code, stderr } = await validate(
      '--k8s',
      join(work, 'k8s'),
      '--compose',
      join(work, 'docker-compose.yml'),
    );

    expect(code).toBe(1);
    expect(stderr).toContain('docker-compose.yml: services.redis.restarts: unknown field');
    expect(stderr).toContain('docker-compose.yml: services.redis.ports: must be array');
  });
});
