import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { readAuthSettings } from '../../../functions/src/auth/auth-settings';
import { openAuthentication, type TokenVerifier } from '../../../functions/src/auth/token-verifier';

/** A stand-in for the tenant's key endpoint, on loopback: the verifier fetches keys as it would from Entra ID. */
async function serveKeys(keys: object): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify(keys));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`, server };
}

describe('Entra ID sign-in', () => {
  const tenant = '11111111-2222-3333-4444-555555555555';
  const issuer = `https://login.microsoftonline.com/${tenant}/v2.0`;
  const audience = 'api://samla';
  let server: Server;
  let verifier: TokenVerifier;
  let signingKey: CryptoKey;
  let sign: (claims: Record<string, unknown>, options?: { issuer?: string; audience?: string; expires?: string }) => Promise<string>;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    signingKey = privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const keys = await serveKeys({ keys: [jwk] });
    server = keys.server;
    const settings = readAuthSettings({ SAMLA_AUTH: 'entra', SAMLA_ENTRA_TENANT_ID: tenant, SAMLA_ENTRA_AUDIENCE: audience, SAMLA_ENTRA_JWKS_URI: keys.url });
    const authentication = await openAuthentication(settings);
    if (!authentication.verifier) throw new Error('no verifier');
    verifier = authentication.verifier;
    sign = (claims, options = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setSubject('user-1')
        .setIssuedAt()
        .setExpirationTime(options.expires ?? '1h')
        .sign(privateKey);
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads the app role and the board from a token of the tenant', async () => {
    await expect(verifier.verify(await sign({ roles: ['Staff'], board: 'AC', oid: 'o-1', name: 'Anna' }))).resolves.toEqual({
      id: 'o-1',
      name: 'Anna',
      role: 'staff',
      board: 'AC',
    });
    await expect(verifier.verify(await sign({ roles: ['Finance'], oid: 'o-2' }))).resolves.toMatchObject({ role: 'finance' });
  });

  it('rejects a token for another audience or from another issuer', async () => {
    await expect(verifier.verify(await sign({ roles: ['Staff'], board: 'M' }, { audience: 'api://other' }))).rejects.toThrow(/verifieras/);
    await expect(verifier.verify(await sign({ roles: ['Staff'], board: 'M' }, { issuer: 'https://evil.example/v2.0' }))).rejects.toThrow(/verifieras/);
  });

  it('rejects an expired token', async () => {
    const expired = await sign({ roles: ['Staff'], board: 'M' }, { expires: '-1m' });
    await expect(verifier.verify(expired)).rejects.toThrow(/gått ut/);
  });

  it('rejects a token without an expiry (exp), which would be good forever', async () => {
    const forever = await new SignJWT({ roles: ['Staff'], board: 'M', oid: 'o-3' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('user-1')
      .setIssuedAt()
      .sign(signingKey);
    await expect(verifier.verify(forever)).rejects.toThrow(/exp/);
    // The same claims with an expiry are accepted: it is the missing exp that is refused.
    await expect(verifier.verify(await sign({ roles: ['Staff'], board: 'M', oid: 'o-3' }))).resolves.toMatchObject({ role: 'staff' });
  });

  it('rejects a token signed with another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ roles: ['Coordinator'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(verifier.verify(forged)).rejects.toThrow(/verifieras/);
  });

  it('rejects a token without a Samla role, and staff without a valid board', async () => {
    await expect(verifier.verify(await sign({ roles: ['Reader'] }))).rejects.toThrow(/roll/);
    await expect(verifier.verify(await sign({ roles: ['Staff'], board: 'Q' }))).rejects.toThrow(/län/);
  });
});

describe('the auth configuration', () => {
  it('is off, refusing every request, unless SAMLA_AUTH says dev or entra', () => {
    expect(readAuthSettings({}).mode).toBe('none');
    expect(readAuthSettings({ SAMLA_AUTH: 'off' }).mode).toBe('none');
    expect(readAuthSettings({ SAMLA_AUTH: 'entra' }).mode).toBe('none');
    expect(readAuthSettings({ SAMLA_AUTH: 'dev' }).mode).toBe('dev');
  });
});
