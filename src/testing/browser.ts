/**
 * Headless Chromium for browser tests: Debian's `/usr/bin/chromium` driven by playwright-core,
 * with the flags that keep it off the network (no background networking, updates or sync).
 * `.ci/run` installs the package when it is missing; `hasBrowser()` lets a suite say it was
 * skipped rather than fail on a machine without it.
 *
 * @example
 * const browser = await launchBrowser();
 * const page = await browser.newPage();
 * await page.goto(`http://127.0.0.1:${port}/`);
 * await browser.close();
 */
import fs from "node:fs";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.IRL_CHROMIUM ?? "/usr/bin/chromium";

export function hasBrowser(): boolean {
  return fs.existsSync(CHROMIUM);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Where tests save screenshots: `test-output/screenshots/NAME.png` (ignored by git). */
export function screenshotPath(name: string): string {
  const dir = path.resolve("test-output", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${name}.png`);
}
