import { catalogue, fillPlaceholders, ISSUE_CODES, issueText, joinLocalized, message, pick, PROBLEM_TYPES } from '@samla/shared';
import { PANE_STRINGS, paneText } from '../../addin/src/taskpane/i18n/pane-strings';

describe('one translation mechanism: Localized texts picked by language', () => {
  it('zips two dictionaries into a catalogue and picks a text with its placeholders filled', () => {
    const words = catalogue({ saved: 'Version {version} sparad' }, { saved: 'Version {version} stored' });
    expect(words.saved).toEqual({ sv: 'Version {version} sparad', en: 'Version {version} stored' });
    expect(message(words, 'saved', 'en', { version: 3 })).toBe('Version 3 stored');
    expect(fillPlaceholders('{a} och {b}', { a: 1 })).toBe('1 och {b}');
    expect(
      pick(
        joinLocalized([
          { sv: 'Ett.', en: 'One.' },
          { sv: 'Två.', en: 'Two.' },
        ]),
        'sv',
      ),
    ).toBe('Ett. Två.');
  });

  it('has every pane string in Swedish and English', () => {
    for (const [key, text] of Object.entries(PANE_STRINGS)) {
      expect([key, text.sv.length > 0, text.en.length > 0]).toEqual([key, true, true]);
    }
    expect(paneText('en', 'submitStored', { template: 'Kostnader', version: 2, rows: 5, warnings: 0 })).toBe(
      'Kostnader: version 2 stored, 5 rows, 0 warnings.',
    );
  });

  it('words every issue code and problem kind through the same Localized type', () => {
    for (const code of Object.keys(ISSUE_CODES) as (keyof typeof ISSUE_CODES)[]) {
      const text = ISSUE_CODES[code].text({ value: 'x', label: 'y', max: 1, min: 0, row: 1 });
      expect([code, issueText(code, { value: 'x', label: 'y', max: 1, min: 0, row: 1 }, 'en')]).toEqual([code, text.en]);
      expect([code, text.sv === text.en]).toEqual([code, false]);
    }
    for (const { title } of Object.values(PROBLEM_TYPES)) expect(title.sv).not.toBe(title.en);
  });
});
