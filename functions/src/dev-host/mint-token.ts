import path from 'node:path';
import { parseArgs } from 'node:util';
import { isBoardCode } from '@samla/shared';
import { ROLES, type Role } from '../auth/caller';
import { openDevIssuer } from '../auth/dev-issuer';

/** `npm run token -- --role staff --board M`: a dev token, printed as the last line. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { role: { type: 'string', default: 'staff' }, board: { type: 'string' }, name: { type: 'string' } } });
  const role = values.role as Role;
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const board = values.board?.toUpperCase();
  if (board !== undefined && !isBoardCode(board)) throw new Error(`--board ${values.board} is not a board letter code (e.g. I for Gotland)`);
  if (role === 'staff' && !board) throw new Error('--role staff needs --board, e.g. --board M');
  const keyDir = path.resolve(process.env.SAMLA_DEV_AUTH_DIR ?? path.join('.samla', 'dev-auth'));
  const issuer = await openDevIssuer(keyDir);
  console.error(`Dev token for ${role}${board ? ` of board ${board}` : ''} (valid 8 hours; key in ${keyDir}):`);
  console.log(await issuer.mint({ role, ...(board ? { board } : {}), ...(values.name ? { name: values.name } : {}) }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
