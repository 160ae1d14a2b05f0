// Launches Debian's Chromium (/usr/bin/chromium, installed by
// .ci/install-system.sh) through playwright-core: never a downloaded browser.
// Every launch gets a fresh profile directory, removed on close.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.MIZAN_CHROMIUM ?? "/usr/bin/chromium";

/** Headless, and quiet: no update checks, sync or QUIC to reach out to the network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Chromium {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    const message = `Chromium not found at ${CHROMIUM_PATH}; run \`bash .ci/install-system.sh\` (as root), or set MIZAN_CHROMIUM to a Chromium binary`;
    // Printed as well as thrown: uvu fails every test of a suite whose before hook throws, silently.
    console.error(message);
    throw new Error(message);
  }
  const profile = await mkdtemp(join(tmpdir(), "mizan-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
