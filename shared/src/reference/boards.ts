/** The 21 county administrative boards (länsstyrelser), named in the API and in storage by letter code. */
export const BOARDS = [
  { code: 'AB', countyNumber: '01', county: 'Stockholms län', name: 'Länsstyrelsen i Stockholms län' },
  { code: 'C', countyNumber: '03', county: 'Uppsala län', name: 'Länsstyrelsen i Uppsala län' },
  { code: 'D', countyNumber: '04', county: 'Södermanlands län', name: 'Länsstyrelsen i Södermanlands län' },
  { code: 'E', countyNumber: '05', county: 'Östergötlands län', name: 'Länsstyrelsen i Östergötlands län' },
  { code: 'F', countyNumber: '06', county: 'Jönköpings län', name: 'Länsstyrelsen i Jönköpings län' },
  { code: 'G', countyNumber: '07', county: 'Kronobergs län', name: 'Länsstyrelsen i Kronobergs län' },
  { code: 'H', countyNumber: '08', county: 'Kalmar län', name: 'Länsstyrelsen i Kalmar län' },
  { code: 'I', countyNumber: '09', county: 'Gotlands län', name: 'Länsstyrelsen i Gotlands län' },
  { code: 'K', countyNumber: '10', county: 'Blekinge län', name: 'Länsstyrelsen i Blekinge län' },
  { code: 'M', countyNumber: '12', county: 'Skåne län', name: 'Länsstyrelsen i Skåne län' },
  { code: 'N', countyNumber: '13', county: 'Hallands län', name: 'Länsstyrelsen i Hallands län' },
  { code: 'O', countyNumber: '14', county: 'Västra Götalands län', name: 'Länsstyrelsen i Västra Götalands län' },
  { code: 'S', countyNumber: '17', county: 'Värmlands län', name: 'Länsstyrelsen i Värmlands län' },
  { code: 'T', countyNumber: '18', county: 'Örebro län', name: 'Länsstyrelsen i Örebro län' },
  { code: 'U', countyNumber: '19', county: 'Västmanlands län', name: 'Länsstyrelsen i Västmanlands län' },
  { code: 'W', countyNumber: '20', county: 'Dalarnas län', name: 'Länsstyrelsen i Dalarnas län' },
  { code: 'X', countyNumber: '21', county: 'Gävleborgs län', name: 'Länsstyrelsen i Gävleborgs län' },
  { code: 'Y', countyNumber: '22', county: 'Västernorrlands län', name: 'Länsstyrelsen i Västernorrlands län' },
  { code: 'Z', countyNumber: '23', county: 'Jämtlands län', name: 'Länsstyrelsen i Jämtlands län' },
  { code: 'AC', countyNumber: '24', county: 'Västerbottens län', name: 'Länsstyrelsen i Västerbottens län' },
  { code: 'BD', countyNumber: '25', county: 'Norrbottens län', name: 'Länsstyrelsen i Norrbottens län' },
] as const;

export type Board = (typeof BOARDS)[number];
export type BoardCode = Board['code'];

export const BOARD_CODES: readonly BoardCode[] = BOARDS.map((board) => board.code);

export function isBoardCode(value: unknown): value is BoardCode {
  return typeof value === 'string' && (BOARD_CODES as readonly string[]).includes(value);
}

export function boardByCode(code: BoardCode): Board {
  const board = BOARDS.find((candidate) => candidate.code === code);
  if (!board) throw new Error(`No board with code ${code}`);
  return board;
}
