import type { BoardCode, Role } from '@samla/shared';

export { ROLES, type Role } from '@samla/shared';

/** The signed-in user behind a request, as the token says. */
export interface Caller {
  /** A stable id of the user (the token's `oid` or `sub`). */
  readonly id: string;
  /** The name to record with a submission. */
  readonly name: string;
  readonly role: Role;
  /** The board a staff member works for; coordinators and finance have none. */
  readonly board?: BoardCode;
}
