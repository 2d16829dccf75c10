import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthSettings } from './auth-settings';
import type { Caller } from './caller';
import { DEV_AUDIENCE, DEV_ISSUER, openDevIssuer, type DevIssuer } from './dev-issuer';
import { callerFromClaims, TokenRejected } from './token-claims';

export interface TokenVerifier {
  /** The caller a bearer token proves; rejects with `TokenRejected` saying why. */
  verify(token: string): Promise<Caller>;
}

type Key = JWTVerifyGetKey | DevIssuer['publicKey'];

function jwtVerifier(key: Key, issuer: string, audience: string | string[], boardClaim: string): TokenVerifier {
  return {
    async verify(token) {
      try {
        // A token without `exp` would be good forever: RFC 7519 makes it optional, Samla requires it.
        const { payload } = await jwtVerify(token, key as JWTVerifyGetKey, { issuer, audience, algorithms: ['RS256', 'ES256'], requiredClaims: ['exp'] });
        return callerFromClaims(payload, boardClaim);
      } catch (error) {
        if (error instanceof TokenRejected) throw error;
        if (error instanceof errors.JWTExpired) throw new TokenRejected({ sv: 'token har gått ut; logga in igen', en: 'the token has expired; sign in again' });
        if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp') {
          throw new TokenRejected({
            sv: 'token saknar giltighetstid (exp) och godtas inte; logga in igen för att få en ny',
            en: 'the token has no expiry (exp) and is not accepted; sign in again to get a new one',
          });
        }
        if (error instanceof errors.JOSEError)
          // The library's code (ERR_JWS_INVALID, …) says nothing to a user; the words say what to do.
          throw new TokenRejected({ sv: 'token kunde inte verifieras; logga in igen', en: 'the token could not be verified; sign in again' });
        throw error;
      }
    },
  };
}

export interface Authentication {
  readonly verifier?: TokenVerifier;
  /** Only in dev mode: mints tokens for the dev sign-in. */
  readonly devIssuer?: DevIssuer;
  /** Why requests are refused, when no verifier is configured. */
  readonly refusal?: string;
}

export async function openAuthentication(settings: AuthSettings): Promise<Authentication> {
  switch (settings.mode) {
    case 'entra':
      return { verifier: jwtVerifier(createRemoteJWKSet(new URL(settings.jwksUri)), settings.issuer, settings.audience, settings.boardClaim) };
    case 'dev': {
      const devIssuer = await openDevIssuer(settings.keyDir);
      return { verifier: jwtVerifier(devIssuer.publicKey, DEV_ISSUER, DEV_AUDIENCE, 'board'), devIssuer };
    }
    case 'none':
      return { refusal: settings.reason };
  }
}
