import { languageOf } from '../../../functions/src/http/language';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

// The caller's language: ?lang= in any letter case, else Accept-Language by quality (RFC 9110 §12.5.4), else Swedish.

describe('the language a request asks for', () => {
  it.each([
    ['en', null, 'en'],
    ['EN', null, 'en'],
    ['en-GB', null, 'en'],
    ['Sv', 'en', 'sv'],
    ['fr', 'en', 'en'],
    [null, 'en-GB,en;q=0.9', 'en'],
    [null, 'sv;q=0.1, en', 'en'],
    [null, 'de-DE, en;q=0.5', 'en'],
    [null, 'de-DE, fr;q=0.5', 'sv'],
    [null, 'en;q=0, sv;q=0.2', 'sv'],
    [null, 'en;q=0', 'sv'],
    [null, 'sv-SE,sv;q=0.9,en-US;q=0.8', 'sv'],
    [null, ' EN-us ', 'en'],
    [null, 'en;q=nonsense, sv;q=0.5', 'en'],
    [null, '', 'sv'],
    [null, null, 'sv'],
  ])('?lang=%s with Accept-Language %s → %s', (asked, header, expected) => {
    expect(languageOf(asked, header)).toBe(expected);
  });
});

describe('problems outside any route honour ?lang= too', () => {
  let api: RunningSamla;
  beforeAll(async () => {
    api = await startSamlaApi();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('answers an unknown route and a wrong method in English on ?lang=en', async () => {
    for (const [method, route] of [
      ['GET', 'no-such-route?lang=en'],
      ['DELETE', 'initiative?lang=EN'],
    ] as const) {
      const response = await api.call(method, route);
      const problem = (await response.json()) as { title: string; detail: string };
      expect([response.status, problem.detail]).toEqual([method === 'GET' ? 404 : 405, expect.not.stringMatching(/[åäö]/)]);
      expect(problem.title).not.toMatch(/[åäö]|Okänd|Fel/);
    }
  });
});
