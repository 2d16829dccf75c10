import { ACTIVITIES_TEMPLATE, EXPENSES_TEMPLATE, STRANDS, TEMPLATES, listKeys } from '@samla/shared';

describe('the Aktiviteter template', () => {
  it('has the exact Swedish headers of the mission, in order', () => {
    expect(ACTIVITIES_TEMPLATE.columns.map((column) => column.label.sv)).toEqual([
      'Aktivitets-ID',
      'Uppdragsdel',
      'Aktivitetstyp',
      'Rubrik',
      'Startdatum',
      'Slutdatum',
      'Målgrupp',
      'Deltagare kvinnor',
      'Deltagare män',
      'Deltagare ej könsuppdelat',
      'Omfattning (timmar)',
      'Samverkanspartner',
      'Lärande exempel',
      'Länk (Jämställ.nu)',
      'Status',
      'Resultat',
      'Bedömd effekt',
    ]);
    expect(ACTIVITIES_TEMPLATE.sheetName).toBe('Aktiviteter');
  });

  it('lists the strands, activity types, target groups and statuses by their stable keys', () => {
    const lists = Object.fromEntries(ACTIVITIES_TEMPLATE.columns.flatMap((column) => (column.type === 'list' ? [[column.key, listKeys(column.list)]] : [])));
    expect(lists).toEqual({
      strand: ['coordination', 'support', 'competence', 'consultation', 'dissemination', 'evaluation', 'reporting'],
      activityType: [
        'experience-exchange',
        'network-meeting',
        'training',
        'seminar',
        'workshop',
        'process-support',
        'strategy-work',
        'learning-example',
        'publication',
        'consultation-meeting',
        'evaluation',
        'other',
      ],
      targetGroup: ['county-management', 'managers', 'case-officers', 'gm-coordinators', 'all-staff', 'external-actors', 'other'],
      status: ['planned', 'ongoing', 'completed', 'cancelled'],
    });
    expect(STRANDS.options.find((option) => option.key === 'evaluation')?.label.sv).toBe('Lärande utvärdering');
  });
});

describe('the Kostnader template', () => {
  it('has the exact Swedish headers of the mission, in order', () => {
    expect(EXPENSES_TEMPLATE.columns.map((column) => column.label.sv)).toEqual([
      'Kostnads-ID',
      'Bokföringsdatum',
      'Kostnadsslag',
      'Aktivitets-ID',
      'Beskrivning',
      'Leverantör',
      'Belopp (kr exkl. moms)',
      'Verifikationsnummer',
      'Finansiering',
    ]);
  });

  it('lists the categories and funding sources by their stable keys', () => {
    const lists = Object.fromEntries(EXPENSES_TEMPLATE.columns.flatMap((column) => (column.type === 'list' ? [[column.key, listKeys(column.list)]] : [])));
    expect(lists).toEqual({
      category: ['personnel', 'purchased-services', 'travel', 'premises', 'materials', 'evaluation', 'other'],
      funding: ['grant', 'own'],
    });
  });
});

describe('every template', () => {
  it.each(Object.values(TEMPLATES))('$key gives each column a unique key, both labels, a width, and a format for dates and numbers', (template) => {
    const keys = template.columns.map((column) => column.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const column of template.columns) {
      expect(column.label.sv.length).toBeGreaterThan(0);
      expect(column.label.en.length).toBeGreaterThan(0);
      expect(column.width).toBeGreaterThan(0);
      if (column.type === 'date' || column.type === 'number') expect(column.numFmt.length).toBeGreaterThan(0);
      if (column.type === 'list') {
        for (const option of column.list.options) expect(option.label.sv && option.label.en).toBeTruthy();
      }
    }
    expect(keys).toContain(template.idColumn);
  });
});
