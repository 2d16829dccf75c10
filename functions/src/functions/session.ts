import { devTokenBodySchema } from '@samla/shared';
import { authenticate } from '../http/access';
import { defineRoute, json } from '../http/define-route';
import { problems } from '../http/problem';
import { readJsonBody } from '../http/request-body';
import type { Route } from '../http/route';

/** `GET /api/health`: up, and whether storage answers. Anonymous: it says nothing about the data. */
const health = defineRoute('health', ['GET'], 'health', async (_request, services) => {
  const storage = await services.storageHealth();
  return json(storage.ok ? 200 : 503, {
    status: storage.ok ? 'ok' : 'degraded',
    storage,
    auth: services.authentication.verifier ? 'configured' : 'not-configured',
    initiative: services.settings.key,
  });
});

/** `GET /api/me`: the caller's role and board. */
const me = defineRoute('me', ['GET'], 'me', async (request, services) => {
  const caller = await authenticate(request, services.authentication);
  return json(200, { id: caller.id, name: caller.name, role: caller.role, ...(caller.board ? { board: caller.board } : {}) });
});

/** `POST /api/dev/token`: the dev sign-in; exists only when SAMLA_AUTH=dev. */
const devToken = defineRoute('devToken', ['POST'], 'dev/token', async (request, services) => {
  const issuer = services.authentication.devIssuer;
  if (!issuer) throw problems.notFound({ sv: 'Utvecklarinloggning finns bara när SAMLA_AUTH=dev.', en: 'Developer sign-in exists only when SAMLA_AUTH=dev.' });
  const claims = await readJsonBody(request, devTokenBodySchema, 4096);
  return json(200, { token: await issuer.mint(claims) });
});

export const sessionRoutes: Route[] = [health, me, devToken];
