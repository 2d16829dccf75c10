import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

describe('a function app without sign-in configured', () => {
  let api: RunningSamla;
  beforeAll(async () => {
    api = await startSamlaApi({ SAMLA_AUTH: '' });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('refuses every request that needs a caller, and offers no dev sign-in', async () => {
    const me = await api.call('GET', 'me', { token: 'anything' });
    expect(me.status).toBe(503);
    expect(((await me.json()) as { title: string }).title).toBe('Tjänsten är inte konfigurerad');
    expect((await api.call('POST', 'dev/token', { json: { role: 'coordinator' } })).status).toBe(404);
    expect((await api.call('POST', 'submissions', { token: 'x', json: {} })).status).toBe(503);
  });

  it('still answers health, saying sign-in is not configured', async () => {
    const health = await api.call('GET', 'health');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', auth: 'not-configured' });
  });
});
