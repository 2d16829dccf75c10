import { ensureChromium } from './chromium';

/** Once per jest run: what the browser tests need on this machine (Debian's Chromium), installed if missing. */
export default async function globalSetup(): Promise<void> {
  ensureChromium();
}
