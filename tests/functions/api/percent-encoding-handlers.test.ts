import { HttpRequest, InvocationContext } from '@azure/functions';
import { ROUTES } from '../../../functions/src/routes';

/** A route's handler called as the Azure Functions host calls it: no development host in between. */
async function callHandler(name: string, url: string, params: Record<string, string>) {
  const route = ROUTES.find((candidate) => candidate.name === name);
  if (!route) throw new Error(`no route ${name}`);
  const request = new HttpRequest({ method: 'GET', url, params });
  const response = await route.handler(request, new InvocationContext({ functionName: name, logHandler: () => undefined }));
  return {
    status: response.status,
    headers: new Headers(response.headers as Record<string, string>),
    body: JSON.parse(String(response.body)) as Record<string, unknown>,
  };
}

describe('malformed percent-encoding reaching a handler directly (as in Azure)', () => {
  it.each([
    ['template', 'http://localhost/api/templates/%ZZ', { template: '%ZZ' }],
    ['template', 'http://localhost/api/templates/activities?board=I%E0&year=2013', { template: 'activities' }],
    ['submissionHistory', 'http://localhost/api/submissions/I/2013/%', { board: 'I', year: '2013', template: '%' }],
  ])('%s %s is a 400 problem document, before sign-in or storage is touched', async (name, url, params) => {
    const answer = await callHandler(name, url, params);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ title: 'Felaktig begäran', reason: 'malformed-percent-encoding' });
  });
});
