import { severitySummary } from '../../../functions/src/submissions/bounded-issues';
import { startSamlaApi, type RunningSamla } from '../../support/local-samla';

// Words a user reads: Swedish plurals in the counts, and no library's internal code in a sign-in refusal.

describe('counts of issues in words', () => {
  it.each([
    [0, 1, '0 fel och 1 varning', '0 errors and 1 warning'],
    [1, 2, '1 fel och 2 varningar', '1 error and 2 warnings'],
    [2500, 0, '2 500 fel och 0 varningar', '2,500 errors and 0 warnings'],
  ])('%i errors and %i warnings', (errors, warnings, sv, en) => {
    expect(severitySummary(errors, warnings)).toEqual({ sv, en });
  });
});

describe('a token that can’t be verified', () => {
  let api: RunningSamla;
  beforeAll(async () => {
    api = await startSamlaApi();
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('is refused in words that say what to do, without the library’s error code', async () => {
    for (const token of ['not-a-jwt', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.e30.AAAA']) {
      const response = await api.call('GET', 'me', { token });
      const problem = (await response.json()) as { detail: string };
      expect(response.status).toBe(401);
      expect(problem.detail).toContain('logga in igen');
      expect(problem.detail).not.toMatch(/ERR_[A-Z_]+/);
    }
  });
});
