import type { Localized } from '../i18n/localized';

/** Who uses Samla: board staff submit their own board's data; coordinators and finance read every board. */
export const ROLES = ['staff', 'coordinator', 'finance'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleDefinition {
  /** The app role's value in the Entra ID app registration, as tokens carry it in `roles`. */
  readonly appRole: string;
  readonly label: Localized;
}

export const ROLE_DEFINITIONS: Readonly<Record<Role, RoleDefinition>> = {
  staff: { appRole: 'Staff', label: { sv: 'Handläggare', en: 'Case officer' } },
  coordinator: { appRole: 'Coordinator', label: { sv: 'Samordnare', en: 'Coordinator' } },
  finance: { appRole: 'Finance', label: { sv: 'Ekonomi', en: 'Finance' } },
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
