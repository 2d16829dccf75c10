import { CHROMIUM, ensureDebianPrograms, LIBREOFFICE } from './debian-packages';

/**
 * Once per jest run: the programs the tests drive — Debian's Chromium for the browser tests, LibreOffice Calc to
 * recalculate a report — installed from Debian's packages where missing.
 */
export default async function globalSetup(): Promise<void> {
  ensureDebianPrograms([CHROMIUM, LIBREOFFICE]);
}
