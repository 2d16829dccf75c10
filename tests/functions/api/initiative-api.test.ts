import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initiativeAnswerSchema, LUJ_INITIATIVE, parseAnswer, roundAnswerSchema } from '@samla/shared';
import { startSamlaApi } from '../../support/local-samla';

// A file of its own: the API's services are one per process (module registry), and this test starts the API with
// other settings.
describe('GET /api/initiative with another initiative’s settings', () => {
  it('answers that initiative’s years and due days, and the round follows them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'samla-initiative-'));
    const file = path.join(dir, 'initiative.json');
    const years = [
      { year: 2020, ceiling: 500_000, requisitionDeadline: '2020-09-30', repaymentDeadline: '2021-03-01' },
      { year: 2021, ceiling: 700_000, requisitionDeadline: '2021-09-30', repaymentDeadline: '2022-03-01' },
    ];
    writeFileSync(
      file,
      JSON.stringify({
        ...LUJ_INITIATIVE,
        key: 'later',
        shortName: 'SENARE',
        startDate: '2020-01-01',
        endDate: '2021-12-31',
        years,
        statusReport: { year: 2020, due: '2021-01-31' },
        finalReport: { due: '2022-03-01' },
      }),
    );
    const other = await startSamlaApi({ SAMLA_INITIATIVE_FILE: file });
    try {
      const token = await other.token('coordinator');
      const initiative = parseAnswer(initiativeAnswerSchema, await (await other.call('GET', 'initiative', { token })).json(), 'initiative');
      expect([initiative.settings.shortName, initiative.dueDates]).toEqual([
        'SENARE',
        [
          { year: 2020, due: '2021-01-31' },
          { year: 2021, due: '2022-03-01' },
        ],
      ]);
      expect(parseAnswer(roundAnswerSchema, await (await other.call('GET', 'rounds/2021', { token })).json(), 'round').dueDate).toBe('2022-03-01');
      expect((await other.call('GET', 'rounds/2013', { token })).status).toBe(400);
    } finally {
      await other.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
