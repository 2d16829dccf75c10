import type { HttpRequest } from '@azure/functions';
import { ROLE_DEFINITIONS, type BoardCode } from '@samla/shared';
import type { Caller, Role } from '../auth/caller';
import type { Authentication } from '../auth/token-verifier';
import { TokenRejected } from '../auth/token-claims';
import { HttpProblem, problems } from './problem';

const roleName = (role: Role): string => ROLE_DEFINITIONS[role].label.sv.toLowerCase();

/** The signed-in caller, from the bearer token; 401 without a valid one, and every request refused without auth configured. */
export async function authenticate(request: HttpRequest, authentication: Authentication): Promise<Caller> {
  if (!authentication.verifier) {
    throw new HttpProblem('not-configured', `Servern tar inte emot några anrop: ${authentication.refusal ?? 'ingen inloggning konfigurerad'}.`);
  }
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw problems.unauthorized('Logga in: anropet saknar en giltig Authorization: Bearer-token.');
  try {
    return await authentication.verifier.verify(match[1]);
  } catch (error) {
    if (error instanceof TokenRejected) throw problems.unauthorized(`Inloggningen godtogs inte: ${error.message}.`);
    throw error;
  }
}

export function requireRole(caller: Caller, roles: readonly Role[]): void {
  if (!roles.includes(caller.role)) {
    const allowed = roles.map(roleName).join(' eller ');
    throw problems.forbidden(`Det här får bara ${allowed} göra; du är inloggad som ${roleName(caller.role)}.`);
  }
}

/** Staff read and write only their own board; coordinators and finance read every board and write none. */
export function requireBoardAccess(caller: Caller, board: BoardCode, access: 'read' | 'write'): void {
  if (access === 'write') requireRole(caller, ['staff']);
  if (caller.role === 'staff' && caller.board !== board) {
    throw problems.forbidden(`Du arbetar för län ${caller.board ?? '?'} och kan inte ${access === 'write' ? 'skicka in för' : 'se'} län ${board}.`);
  }
}
