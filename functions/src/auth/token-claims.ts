import { isBoardCode, ROLE_DEFINITIONS, type Localized } from '@samla/shared';
import type { JWTPayload } from 'jose';
import type { Caller, Role } from './caller';

/** When a token carries several Samla roles, the first of these is the caller's. */
const ROLE_PRECEDENCE: readonly Role[] = ['coordinator', 'finance', 'staff'];

export function roleClaim(role: Role): string {
  return ROLE_DEFINITIONS[role].appRole;
}

/** A token Samla does not accept; `reason` says why, in every language (it ends up in the 401's detail). */
export class TokenRejected extends Error {
  constructor(readonly reason: Localized) {
    super(reason.sv);
    this.name = 'TokenRejected';
  }
}

/** The caller a verified token describes; rejects tokens that carry no Samla role or a staff role without a board. */
export function callerFromClaims(claims: JWTPayload, boardClaim: string): Caller {
  const roles = Array.isArray(claims.roles) ? claims.roles : [];
  const role = ROLE_PRECEDENCE.find((candidate) => roles.includes(ROLE_DEFINITIONS[candidate].appRole));
  if (!role)
    throw new TokenRejected({
      sv: 'token har ingen Samla-roll (Staff, Coordinator eller Finance)',
      en: 'the token has no Samla role (Staff, Coordinator or Finance)',
    });
  const id = String(claims.oid ?? claims.sub ?? '');
  if (!id) throw new TokenRejected({ sv: 'token saknar användar-id (oid eller sub)', en: 'the token has no user id (oid or sub)' });
  const name = String(claims.name ?? claims.preferred_username ?? id);
  if (role !== 'staff') return { id, name, role };
  const board = claims[boardClaim];
  if (!isBoardCode(board))
    throw new TokenRejected({ sv: `token saknar giltigt län i anspråket ”${boardClaim}”`, en: `the token has no valid county in the claim “${boardClaim}”` });
  return { id, name, role, board };
}
