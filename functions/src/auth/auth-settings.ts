import path from 'node:path';
import { z } from 'zod';

const entraSchema = z.object({
  SAMLA_AUTH: z.literal('entra'),
  SAMLA_ENTRA_TENANT_ID: z.string().min(1),
  /** The API's application ID URI or client id; several separated by commas. */
  SAMLA_ENTRA_AUDIENCE: z.string().min(1),
  SAMLA_ENTRA_ISSUER: z.url().optional(),
  SAMLA_ENTRA_JWKS_URI: z.url().optional(),
  /** The token claim that holds a staff member's board letter code. */
  SAMLA_BOARD_CLAIM: z.string().min(1).default('board'),
});

const devSchema = z.object({
  SAMLA_AUTH: z.literal('dev'),
  /** Where the local issuer keeps its generated key. */
  SAMLA_DEV_AUTH_DIR: z.string().min(1).optional(),
});

export type AuthSettings =
  | { readonly mode: 'entra'; readonly issuer: string; readonly audience: string[]; readonly jwksUri: string; readonly boardClaim: string }
  | { readonly mode: 'dev'; readonly keyDir: string }
  | { readonly mode: 'none'; readonly reason: string };

/**
 * Reads how callers are signed in. Without a valid configuration the mode is `none` and every request is
 * refused: dev sign-in is only ever on when SAMLA_AUTH=dev says so.
 */
export function readAuthSettings(env: NodeJS.ProcessEnv): AuthSettings {
  if (env.SAMLA_AUTH === 'dev') {
    const dev = devSchema.parse(env);
    return { mode: 'dev', keyDir: path.resolve(dev.SAMLA_DEV_AUTH_DIR ?? path.join('.samla', 'dev-auth')) };
  }
  if (env.SAMLA_AUTH === 'entra') {
    const parsed = entraSchema.safeParse(env);
    if (!parsed.success) return { mode: 'none', reason: `SAMLA_AUTH=entra is incomplete: ${z.prettifyError(parsed.error)}` };
    const entra = parsed.data;
    const tenant = entra.SAMLA_ENTRA_TENANT_ID;
    return {
      mode: 'entra',
      issuer: entra.SAMLA_ENTRA_ISSUER ?? `https://login.microsoftonline.com/${tenant}/v2.0`,
      audience: entra.SAMLA_ENTRA_AUDIENCE.split(',')
        .map((value) => value.trim())
        .filter(Boolean),
      jwksUri: entra.SAMLA_ENTRA_JWKS_URI ?? `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys`,
      boardClaim: entra.SAMLA_BOARD_CLAIM,
    };
  }
  const given = env.SAMLA_AUTH ? `SAMLA_AUTH=${env.SAMLA_AUTH} is not a known mode` : 'SAMLA_AUTH is not set';
  return { mode: 'none', reason: `${given}; set SAMLA_AUTH=entra (production) or SAMLA_AUTH=dev (local development)` };
}
