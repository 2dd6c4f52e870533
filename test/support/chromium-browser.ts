import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium, as `scripts/chromium.sh` installs it. */
export const CHROMIUM = '/usr/bin/chromium';

export interface GuardedBrowser {
  context: BrowserContext;
  /** Every request the pages made to another origin than herd's; each was refused. */
  foreignRequests: string[];
  close(): Promise<void>;
}

/**
 * A headless Chromium with a profile of its own that lets the pages reach `origin` only: any
 * other request is refused and remembered, for the test to fail on. `resolveToLoopback` names a
 * host that resolves to 127.0.0.1, to reach herd under a name that is not a loopback one.
 */
export async function launchGuardedChromium(origin: string, options: { resolveToLoopback?: string } = {}): Promise<GuardedBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with \`bash scripts/chromium.sh\` (as root)`);
  const profile = await mkdtemp(join(tmpdir(), 'herd-ui-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.resolveToLoopback ? [`--host-resolver-rules=MAP ${options.resolveToLoopback} 127.0.0.1`] : []),
    ],
    viewport: { width: 1280, height: 900 },
  });
  const foreignRequests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    foreignRequests,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
