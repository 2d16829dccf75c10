import { initiativeAnswerSchema, parseAnswer, roundAnswerSchema } from '@samla/shared';
import { LATER_2020_2021, initiativeFile } from '../../support/later-initiatives';
import { startSamlaApi } from '../../support/local-samla';

// A file of its own: the API's services are one per process (module registry), and this test starts the API with
// other settings.
describe('GET /api/initiative with another initiative’s settings', () => {
  it('answers that initiative’s years and due days, and the round follows them', async () => {
    const initiative = initiativeFile(LATER_2020_2021);
    const other = await startSamlaApi({ SAMLA_INITIATIVE_FILE: initiative.file });
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
      initiative.remove();
    }
  });
});
