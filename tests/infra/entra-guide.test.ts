import { readFileSync } from 'fs';
import path from 'path';
import { ROLES } from '@samla/shared';
import { roleClaim } from '../../functions/src/auth/token-claims';

const root = path.join(__dirname, '..', '..');
const guide = readFileSync(path.join(root, 'infra', 'entra-app-registration.md'), 'utf8');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('infra/entra-app-registration.md', () => {
  it('names the app roles with the values the token check looks for', () => {
    const values = ROLES.map(roleClaim);
    expect(values).toEqual(['Staff', 'Coordinator', 'Finance']);
    for (const value of values) expect(guide).toContain(`$(role "$${value.toUpperCase()}" ${value} `);
  });

  it('names only settings that the functions or the add-in build read', () => {
    const known = [
      read('functions/src/auth/auth-settings.ts'),
      read('functions/src/storage/storage-settings.ts'),
      read('functions/src/services.ts'),
      read('addin/deployment.js'),
      read('scripts/build-addin.js'),
    ].join('\n');
    const named = new Set(guide.match(/\bSAMLA_[A-Z0-9_]+\b/g));
    expect(named.size).toBeGreaterThan(8);
    for (const name of named) expect({ name, read: known.includes(name) }).toEqual({ name, read: true });
  });

  it('uses the board claim name the template defaults to, and the redirect URIs Office documents', () => {
    expect(read('infra/main.bicep')).toMatch(/^param boardClaim string = 'extn\.board'$/m);
    expect(guide).toContain('SAMLA_BOARD_CLAIM=extn.board');
    expect(guide).toContain('brk-multihub://<addin-host>');
    expect(guide).toContain('https://<addin-host>/taskpane.html');
    expect(guide).toMatch(/requestedAccessTokenVersion\\?": 2/);
  });
});
