import type { Localized } from '../i18n/localized';

/** One value of a list column: a stable key in code and storage, labels for people. */
export interface ListOption<K extends string = string> {
  readonly key: K;
  readonly label: Localized;
}

export interface ListDefinition<K extends string = string> {
  readonly name: string;
  readonly options: readonly ListOption<K>[];
}

function defineList<const K extends string>(name: string, options: readonly ListOption<K>[]): ListDefinition<K> {
  return { name, options };
}

/** The strands (uppdragsdelar) of the initiative. */
export const STRANDS = defineList('strand', [
  { key: 'coordination', label: { sv: 'Samordning', en: 'Coordination' } },
  { key: 'support', label: { sv: 'Stöd', en: 'Support' } },
  { key: 'competence', label: { sv: 'Kompetensutveckling', en: 'Competence development' } },
  { key: 'consultation', label: { sv: 'Samråd', en: 'Consultation' } },
  { key: 'dissemination', label: { sv: 'Spridning', en: 'Dissemination' } },
  { key: 'evaluation', label: { sv: 'Lärande utvärdering', en: 'Learning evaluation' } },
  { key: 'reporting', label: { sv: 'Rapportering', en: 'Reporting' } },
]);

export const ACTIVITY_TYPES = defineList('activityType', [
  { key: 'experience-exchange', label: { sv: 'Erfarenhetsutbyte', en: 'Experience exchange' } },
  { key: 'network-meeting', label: { sv: 'Nätverksträff', en: 'Network meeting' } },
  { key: 'training', label: { sv: 'Utbildning', en: 'Training' } },
  { key: 'seminar', label: { sv: 'Seminarium eller konferens', en: 'Seminar or conference' } },
  { key: 'workshop', label: { sv: 'Workshop', en: 'Workshop' } },
  { key: 'process-support', label: { sv: 'Processtöd', en: 'Process support' } },
  { key: 'strategy-work', label: { sv: 'Strategiarbete', en: 'Strategy work' } },
  { key: 'learning-example', label: { sv: 'Dokumentation av lärande exempel', en: 'Documenting a learning example' } },
  { key: 'publication', label: { sv: 'Publicering', en: 'Publication' } },
  { key: 'consultation-meeting', label: { sv: 'Samrådsmöte', en: 'Consultation meeting' } },
  { key: 'evaluation', label: { sv: 'Utvärdering', en: 'Evaluation' } },
  { key: 'other', label: { sv: 'Annat', en: 'Other' } },
]);

export const TARGET_GROUPS = defineList('targetGroup', [
  { key: 'county-management', label: { sv: 'Länsledning', en: 'County management' } },
  { key: 'managers', label: { sv: 'Chefer', en: 'Managers' } },
  { key: 'case-officers', label: { sv: 'Handläggare', en: 'Case officers' } },
  {
    key: 'gm-coordinators',
    label: { sv: 'Jämställdhetsexperter och JI-samordnare', en: 'Gender-equality experts and GM coordinators' },
  },
  { key: 'all-staff', label: { sv: 'All personal', en: 'All staff' } },
  {
    key: 'external-actors',
    label: { sv: 'Externa aktörer (kommuner, regioner, myndigheter)', en: 'External actors (municipalities, regions, agencies)' },
  },
  { key: 'other', label: { sv: 'Annan', en: 'Other' } },
]);

export const ACTIVITY_STATUSES = defineList('status', [
  { key: 'planned', label: { sv: 'Planerad', en: 'Planned' } },
  { key: 'ongoing', label: { sv: 'Pågående', en: 'Ongoing' } },
  { key: 'completed', label: { sv: 'Genomförd', en: 'Completed' } },
  { key: 'cancelled', label: { sv: 'Inställd', en: 'Cancelled' } },
]);

export const EXPENSE_CATEGORIES = defineList('category', [
  { key: 'personnel', label: { sv: 'Personal', en: 'Personnel' } },
  { key: 'purchased-services', label: { sv: 'Köpta tjänster (inkl. konsulter)', en: 'Purchased services (incl. consultants)' } },
  { key: 'travel', label: { sv: 'Resor', en: 'Travel' } },
  { key: 'premises', label: { sv: 'Lokaler och konferenser', en: 'Premises and conferences' } },
  { key: 'materials', label: { sv: 'Material och tryck', en: 'Materials and printing' } },
  { key: 'evaluation', label: { sv: 'Utvärdering', en: 'Evaluation' } },
  { key: 'other', label: { sv: 'Övrigt', en: 'Other' } },
]);

export const FUNDING_SOURCES = defineList('funding', [
  { key: 'grant', label: { sv: 'Anslag (3:1 ap. 12)', en: 'Grant (3:1 item 12)' } },
  { key: 'own', label: { sv: 'Egna medel', en: 'Own funds' } },
]);

/** How a yes/no cell is shown; `yes`/`no` and `true`/`false` are also read. */
export const YES_NO = {
  yes: { sv: 'Ja', en: 'Yes' },
  no: { sv: 'Nej', en: 'No' },
} as const satisfies Record<'yes' | 'no', Localized>;

export type Strand = (typeof STRANDS.options)[number]['key'];
export type ActivityType = (typeof ACTIVITY_TYPES.options)[number]['key'];
export type TargetGroup = (typeof TARGET_GROUPS.options)[number]['key'];
export type ActivityStatus = (typeof ACTIVITY_STATUSES.options)[number]['key'];
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES.options)[number]['key'];
export type FundingSource = (typeof FUNDING_SOURCES.options)[number]['key'];

export function listKeys<K extends string>(list: ListDefinition<K>): K[] {
  return list.options.map((option) => option.key);
}
