import { BOARDS } from '@samla/shared';

/**
 * Boards whose county has a word beginning with the text (or begins with it), or whose letter code is the text; case-
 * and accent-insensitive: "gotland" → I (not Östergötland), "ostergotland" → E, "västra göt" → O.
 */
export function boardsMatching(text: string): (typeof BOARDS)[number][] {
  const fold = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const wanted = fold(text.trim());
  if (!wanted) return [...BOARDS];
  return BOARDS.filter((board) => {
    const county = fold(board.county);
    return county.startsWith(wanted) || county.split(/[\s-]+/).some((word) => word.startsWith(wanted)) || fold(board.code) === wanted;
  });
}
