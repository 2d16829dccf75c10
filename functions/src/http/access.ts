import type { HttpRequest } from '@azure/functions';
import { ROLE_DEFINITIONS, type BoardCode, type Localized } from '@samla/shared';
import type { Caller, Role } from '../auth/caller';
import type { Authentication } from '../auth/token-verifier';
import { TokenRejected } from '../auth/token-claims';
import { HttpProblem, problems } from './problem';

const roleName = (role: Role): Localized => ({
  sv: ROLE_DEFINITIONS[role].label.sv.toLowerCase(),
  en: ROLE_DEFINITIONS[role].label.en.toLowerCase(),
});

/** The signed-in caller, from the bearer token; 401 without a valid one, and every request refused without auth configured. */
export async function authenticate(request: HttpRequest, authentication: Authentication): Promise<Caller> {
  if (!authentication.verifier) {
    throw new HttpProblem('not-configured', {
      sv: `Servern tar inte emot några anrop: ${authentication.refusal ?? 'ingen inloggning konfigurerad'}.`,
      en: `The server takes no calls: ${authentication.refusal ?? 'no sign-in configured'}.`,
    });
  }
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1])
    throw problems.unauthorized({
      sv: 'Logga in: anropet saknar en giltig Authorization: Bearer-token.',
      en: 'Sign in: the call has no valid Authorization: Bearer token.',
    });
  try {
    return await authentication.verifier.verify(match[1]);
  } catch (error) {
    if (error instanceof TokenRejected)
      throw problems.unauthorized({ sv: `Inloggningen godtogs inte: ${error.reason.sv}.`, en: `The sign-in was not accepted: ${error.reason.en}.` });
    throw error;
  }
}

export function requireRole(caller: Caller, roles: readonly Role[]): void {
  if (!roles.includes(caller.role)) {
    const allowed = roles.map(roleName);
    throw problems.forbidden({
      sv: `Det här får bara ${allowed.map((name) => name.sv).join(' eller ')} göra; du är inloggad som ${roleName(caller.role).sv}.`,
      en: `Only ${allowed.map((name) => name.en).join(' or ')} may do this; you are signed in as ${roleName(caller.role).en}.`,
    });
  }
}

/** Staff read and write only their own board; coordinators and finance read every board and write none. */
export function requireBoardAccess(caller: Caller, board: BoardCode, access: 'read' | 'write'): void {
  if (access === 'write') requireRole(caller, ['staff']);
  if (caller.role === 'staff' && caller.board !== board) {
    throw problems.forbidden({
      sv: `Du arbetar för län ${caller.board ?? '?'} och kan inte ${access === 'write' ? 'skicka in för' : 'se'} län ${board}.`,
      en: `You work for county ${caller.board ?? '?'} and cannot ${access === 'write' ? 'submit for' : 'see'} county ${board}.`,
    });
  }
}
