import { startSamlaApi } from '../../support/local-samla';

describe('a function app starting', () => {
  it('without storage settings refuses requests as not configured, naming the setting', async () => {
    const api = await startSamlaApi({ SAMLA_STORAGE_CONNECTION_STRING: '' });
    try {
      const response = await api.call('GET', 'health');
      expect(response.status).toBe(503);
      const body = (await response.json()) as { title: string; detail: string };
      expect(body.title).toBe('Tjänsten är inte konfigurerad');
      expect(body.detail).toContain('SAMLA_STORAGE_CONNECTION_STRING');
    } finally {
      await api.stop();
    }
  });

  it('while storage is down from the start says so in health, serves what needs no storage, and works once storage is back', async () => {
    const api = await startSamlaApi();
    try {
      await api.azurite.stop();
      const down = await api.call('GET', 'health');
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'degraded', storage: { ok: false, detail: expect.stringMatching(/lagringen svarar inte/) } });
      const staff = await api.token('staff', 'I');
      expect((await api.call('GET', 'me', { token: staff })).status).toBe(200);
      const list = await api.call('GET', 'submissions?year=2013', { token: staff });
      expect(list.status).toBe(503);
      expect(((await list.json()) as { title: string }).title).toBe('Lagringen svarar inte');
      await api.azurite.restart();
      const up = await api.call('GET', 'health');
      expect(up.status).toBe(200);
    } finally {
      await api.stop();
    }
  }, 60_000);
});
