import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, requireProgram } from './debian-packages';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium: installed by the global setup where missing; never a downloaded browser. */
export function ensureChromium(): string {
  return requireProgram(CHROMIUM);
}

/** Launches the system Chromium headless through playwright-core. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), args: FLAGS, headless: true });
}
