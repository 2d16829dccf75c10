import { execFileSync } from 'child_process';
import { existsSync } from 'fs';

/** A program the tests run, and the Debian package that brings it. */
export interface DebianProgram {
  readonly path: string;
  readonly package: string;
}

export const CHROMIUM: DebianProgram = { path: '/usr/bin/chromium', package: 'chromium' };
export const LIBREOFFICE: DebianProgram = { path: '/usr/bin/soffice', package: 'libreoffice-calc-nogui' };
/** Poppler's pdfinfo and pdftotext, to count and read the pages LibreOffice prints. */
export const POPPLER: DebianProgram = { path: '/usr/bin/pdftotext', package: 'poppler-utils' };

function aptGet(args: string[]): void {
  execFileSync('apt-get', args, { stdio: 'ignore', timeout: 1_200_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/**
 * Installs the programs that are missing from Debian's packages (never a downloaded browser), where we may:
 * as root, as on CI. A fresh machine has no package lists yet, so they are fetched first.
 */
export function ensureDebianPrograms(programs: readonly DebianProgram[]): void {
  const missing = programs.filter((program) => !existsSync(program.path));
  if (missing.length === 0) return;
  const packages = missing.map((program) => program.package);
  if (process.getuid?.() !== 0)
    throw new Error(`Missing ${missing.map((program) => program.path).join(', ')}; install them: apt-get install -y ${packages.join(' ')}`);
  aptGet(['update']);
  aptGet(['install', '-y', '--no-install-recommends', ...packages]);
  const still = missing.filter((program) => !existsSync(program.path));
  if (still.length > 0) throw new Error(`apt-get ran but ${still.map((program) => program.path).join(', ')} is still missing`);
}

/** The program's path, for a test that needs it: the global setup has installed it, or says why not. */
export function requireProgram(program: DebianProgram): string {
  ensureDebianPrograms([program]);
  return program.path;
}
