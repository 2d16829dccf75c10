import { summarizeVersion, type ActivityRow, type ExpenseRow } from '@samla/shared';
import { activity, expense } from './fixtures';

describe('a version’s summary for the round’s overview', () => {
  it('sums participants by sex, in total and per strand, counting a missing count as none', () => {
    const rows = [
      activity({ participantsWomen: 12, participantsMen: 8, participantsUnspecified: 1 }),
      activity({ activityId: 'A-2', strand: 'support', participantsWomen: 3, participantsMen: undefined, participantsUnspecified: undefined }),
    ] as unknown as ActivityRow[];
    const summary = summarizeVersion('activities', rows, 2);
    expect(summary).toMatchObject({ rows: 2, warnings: 2 });
    expect(summary.figures).toMatchObject({
      participantsWomen: 15,
      participantsMen: 8,
      participantsUnspecified: 1,
      'participantsWomen.competence': 12,
      'participantsWomen.support': 3,
      'participantsMen.support': 0,
    });
  });

  it('sums grant-funded and own-funded costs exact to the öre, corrections included', () => {
    const rows = [
      expense({ amount: 0.1 }),
      expense({ expenseId: 'K-2', amount: 0.2 }),
      expense({ expenseId: 'K-3', amount: -1500.05, description: 'Kreditering' }),
      expense({ expenseId: 'K-4', amount: 1999.99, funding: 'own' }),
    ] as unknown as ExpenseRow[];
    const { figures } = summarizeVersion('expenses', rows, 0);
    expect(figures.grantCosts).toBe(-1499.75);
    expect(figures.ownCosts).toBe(1999.99);
    expect(figures.costs).toBe(500.24);
  });

  it('summarises an empty version as nothing', () => {
    expect(summarizeVersion('expenses', [], 0)).toEqual({ rows: 0, warnings: 0, figures: { grantCosts: 0, ownCosts: 0, costs: 0 } });
  });
});
