/**
 * Building the Kustomize overlays without a cluster: kubectl's built-in kustomize or a kustomize
 * binary (v4.1 or later), and the overlays under k8s/overlays.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Kustomize {
  describe: string;
  build(dir: string): string;
}

function semver(text: string): [number, number] | null {
  const match = /v?(\d+)\.(\d+)\.\d+/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

function run(command: string, args: string[]): string {
  return execFileSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
}

/** kubectl's built-in kustomize, else a kustomize binary; v4.1+ (`labels`, `patches` with targets). */
export function findKustomize(): Kustomize {
  const tried: string[] = [];
  try {
    const info = JSON.parse(run('kubectl', ['version', '--client', '-o', 'json'])) as {
      kustomizeVersion?: string;
    };
    const version = semver(info.kustomizeVersion ?? '');
    if (version && (version[0] > 4 || (version[0] === 4 && version[1] >= 1))) {
      return {
        describe: `kubectl kustomize (${info.kustomizeVersion})`,
        build: (dir) => run('kubectl', ['kustomize', dir]),
      };
    }
    tried.push(`kubectl embeds kustomize ${info.kustomizeVersion ?? 'of unknown version'}`);
  } catch {
    tried.push('no kubectl');
  }
  try {
    const out = run('kustomize', ['version']);
    const version = semver(out);
    if (version && (version[0] > 4 || (version[0] === 4 && version[1] >= 1))) {
      return { describe: `kustomize ${out.trim()}`, build: (dir) => run('kustomize', ['build', dir]) };
    }
    tried.push(`kustomize ${out.trim()}`);
  } catch {
    tried.push('no kustomize');
  }
  throw new Error(
    `kustomize v4.1 or later is needed (${tried.join(', ')}): install kubectl 1.22+ or kustomize. ` +
      `Debian bookworm's kubernetes-client (kubectl 1.20, kustomize v2.0.3) cannot build directory resources.`,
  );
}

/** Every directory under k8s/overlays holding a kustomization.yaml. */
export function findOverlays(k8sDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (existsSync(join(dir, 'kustomization.yaml'))) found.push(dir);
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
    }
  };
  walk(join(k8sDir, 'overlays'));
  return found;
}
