import { PROBLEM_TYPES, problemKindOf, problemTypeUri, type ProblemKind } from '@samla/shared';
import { HttpProblem, problemResponse } from '../../../functions/src/http/problem';
import { lockedYearProblem } from '../../../functions/src/submissions/locked-year';

function documentOf(problem: HttpProblem, language: 'sv' | 'en' = 'sv'): Record<string, unknown> {
  return JSON.parse(String(problemResponse(problem, '/api/x', language).body)) as Record<string, unknown>;
}

describe('problem documents say which problem', () => {
  it('gives every kind its own stable type, and reads the kind back from it', () => {
    const kinds = Object.keys(PROBLEM_TYPES) as ProblemKind[];
    expect(new Set(kinds.map(problemTypeUri)).size).toBe(kinds.length);
    for (const kind of kinds) expect(problemKindOf(problemTypeUri(kind))).toBe(kind);
    expect(problemKindOf('about:blank')).toBeUndefined();
  });

  it('tells the three 409s apart: a locked year, a concurrent submission, an idempotency key in flight', () => {
    const types = (['locked-year', 'concurrent-submission', 'idempotency-in-flight'] as const).map((kind) =>
      documentOf(new HttpProblem(kind, { sv: 'x', en: 'y' })),
    );
    expect(types.map((document) => document.status)).toEqual([409, 409, 409]);
    expect(new Set(types.map((document) => document.type)).size).toBe(3);
  });

  it('words the title and a translated detail in the caller’s language', () => {
    const locked = lockedYearProblem(2013);
    expect(documentOf(locked, 'sv')).toMatchObject({ title: 'Året är låst', type: problemTypeUri('locked-year') });
    const english = documentOf(locked, 'en');
    expect(english.title).toBe('The year is locked');
    expect(english.detail).toMatch(/^The year 2013 is locked/);
    expect(problemResponse(locked, undefined, 'en').headers).toMatchObject({ 'Content-Language': 'en' });
  });

  it('has a title for every kind in Swedish and in English, and the two differ', () => {
    for (const [kind, { title }] of Object.entries(PROBLEM_TYPES)) {
      expect([kind, title.sv.trim().length > 0, title.en.trim().length > 0]).toEqual([kind, true, true]);
      expect([kind, title.sv]).not.toEqual([kind, title.en]);
    }
  });

  it('words every kind’s title and detail in the language asked for, never a bare Swedish detail', () => {
    for (const kind of Object.keys(PROBLEM_TYPES) as ProblemKind[]) {
      const problem = new HttpProblem(kind, { sv: `svensk förklaring av ${kind}`, en: `English detail of ${kind}` });
      expect(documentOf(problem, 'sv')).toMatchObject({ title: PROBLEM_TYPES[kind].title.sv, detail: `svensk förklaring av ${kind}` });
      expect(documentOf(problem, 'en')).toMatchObject({ title: PROBLEM_TYPES[kind].title.en, detail: `English detail of ${kind}` });
    }
    // @ts-expect-error: a detail is Localized; a Swedish-only string does not compile.
    expect(new HttpProblem('bad-request', 'bara svenska').detailIn('en')).toBeUndefined();
  });
});
