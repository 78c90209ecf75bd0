import { existsSync, readFileSync } from 'node:fs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium driven by playwright-core, with a fresh profile (Playwright makes a new
 * temporary one per launch). Installed by scripts/infra/chromium.sh (run by `npm test`); the
 * tests fail, never skip, when it is missing.
 */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run bash scripts/infra/chromium.sh (npm test does).`,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return { browser, close: () => browser.close() };
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.1 A and AA rules on the page once its animations have finished (a dialog
 * fading in has, for a few frames, text too pale to pass the contrast rule). The page's CSP
 * forbids inline scripts, so the context that runs this must be opened with `bypassCSP` (the
 * script is ours).
 */
export async function axeViolations(page: Page): Promise<{ id: string; help: string; targets: string[] }[]> {
  await page.evaluate(async () => {
    const document = (
      globalThis as unknown as { document: { getAnimations(): { finished: Promise<unknown> }[] } }
    ).document;
    await Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => undefined)));
  });
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const page = (globalThis as unknown as { document: unknown }).document;
    const result = await axe.run(page, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  })) as AxeViolation[];
  return violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.flatMap((n) => n.target) }));
}

/**
 * A fresh context: no cookies, JavaScript on or off. It asks for reduced motion, as some people
 * do: the back office then opens its dialogs without a transition, at their final colours.
 */
export function newContext(
  browser: Browser,
  options: { javaScript?: boolean; bypassCSP?: boolean; width?: number } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    javaScriptEnabled: options.javaScript ?? true,
    bypassCSP: options.bypassCSP ?? false,
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: 'fr-FR',
    reducedMotion: 'reduce',
  });
}
