import { app } from '@azure/functions';
import { ROUTES } from './routes';

app.setup({ enableHttpStream: false });

for (const { name, methods, route, handler } of ROUTES) {
  app.http(name, { methods, route, authLevel: 'anonymous', handler });
}
