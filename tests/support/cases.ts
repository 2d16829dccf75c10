import path from 'node:path';

/**
 * The inputs of `../shared/cases/uploads`: the folder beside the repository (design: the brief and the cases are
 * provided next to it, on a developer's machine and in CI alike), found from here rather than from a fixed path.
 */
export const CASES_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'cases', 'uploads');
