import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { BoardCode } from '@samla/shared';
import { roleClaim } from './token-claims';
import type { Role } from './caller';

export const DEV_ISSUER = 'https://samla.localhost/dev-issuer';
export const DEV_AUDIENCE = 'api://samla-dev';
const ALGORITHM = 'ES256';
const TOKEN_LIFETIME = '8h';

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

interface StoredKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

/** The local development issuer: a key generated on first start and kept under `.samla/`. */
export interface DevIssuer {
  readonly publicKey: SigningKey;
  mint(claims: { role: Role; board?: BoardCode; name?: string }): Promise<string>;
}

async function createKey(file: string): Promise<StoredKey> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const stored: StoredKey = { kid: randomUUID(), privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
  await mkdir(path.dirname(file), { recursive: true });
  try {
    // 'wx': when two processes start at once, the first key written wins and both use it.
    await writeFile(file, JSON.stringify(stored), { flag: 'wx', mode: 0o600 });
    return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKey(file);
    throw error;
  }
}

async function readKey(file: string): Promise<StoredKey> {
  return JSON.parse(await readFile(file, 'utf8')) as StoredKey;
}

async function loadOrCreateKey(keyDir: string): Promise<StoredKey> {
  const file = path.join(keyDir, 'dev-signing-key.json');
  try {
    return await readKey(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return createKey(file);
    throw error;
  }
}

export async function openDevIssuer(keyDir: string): Promise<DevIssuer> {
  const stored = await loadOrCreateKey(keyDir);
  const privateKey = await importJWK(stored.privateJwk, ALGORITHM);
  const publicKey = await importJWK(stored.publicJwk, ALGORITHM);
  return {
    publicKey,
    mint: ({ role, board, name }) =>
      new SignJWT({ roles: [roleClaim(role)], ...(board ? { board } : {}), name: name ?? `Utvecklare (${role}${board ? ` ${board}` : ''})` })
        .setProtectedHeader({ alg: ALGORITHM, kid: stored.kid })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(`dev-${role}-${board ?? 'all'}`)
        .setIssuedAt()
        .setExpirationTime(TOKEN_LIFETIME)
        .sign(privateKey),
  };
}
