import type { Language } from '@samla/shared';
import { formatCount } from './swedish-numbers';

/** Nouns the pane counts, singular and plural: "1 varning", "2 varningar"; "1 fel", "3 fel". */
const NOUNS = {
  warning: { sv: ['varning', 'varningar'], en: ['warning', 'warnings'] },
  error: { sv: ['fel', 'fel'], en: ['error', 'errors'] },
  row: { sv: ['rad', 'rader'], en: ['row', 'rows'] },
  board: { sv: ['länsstyrelse', 'länsstyrelser'], en: ['board', 'boards'] },
  comment: { sv: ['kommentar', 'kommentarer'], en: ['comment', 'comments'] },
  change: { sv: ['ändring', 'ändringar'], en: ['change', 'changes'] },
} as const satisfies Record<string, Record<Language, readonly [string, string]>>;

export type CountedNoun = keyof typeof NOUNS;

/** A count with its noun in the right number, the count formatted for the language (`12 500 rader`). */
export function countOf(language: Language, count: number, noun: CountedNoun): string {
  const [one, many] = NOUNS[noun][language];
  return `${formatCount(count, language)} ${count === 1 ? one : many}`;
}
