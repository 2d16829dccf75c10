import type { ActivityType, BoardCode, ExpenseCategory, Strand, TargetGroup } from '@samla/shared';

/**
 * The words of the demo nation: what LUJ's boards actually did in 2013–2014, as a board's
 * gender-equality expert would write it in the Aktiviteter and Kostnader sheets.
 */

/** Each board's seat municipality, the first partner a board works with. */
export const SEAT_MUNICIPALITY: Record<BoardCode, string> = {
  AB: 'Stockholms stad',
  C: 'Uppsala kommun',
  D: 'Nyköpings kommun',
  E: 'Linköpings kommun',
  F: 'Jönköpings kommun',
  G: 'Växjö kommun',
  H: 'Kalmar kommun',
  I: 'Region Gotland',
  K: 'Karlskrona kommun',
  M: 'Malmö stad',
  N: 'Halmstads kommun',
  O: 'Göteborgs stad',
  S: 'Karlstads kommun',
  T: 'Örebro kommun',
  U: 'Västerås stad',
  W: 'Falu kommun',
  X: 'Gävle kommun',
  Y: 'Härnösands kommun',
  Z: 'Östersunds kommun',
  AC: 'Umeå kommun',
  BD: 'Luleå kommun',
};

/** Roughly how much each board does: the big counties more, the small ones less. */
export const BOARD_SIZE: Record<BoardCode, number> = {
  AB: 2.2,
  C: 1.2,
  D: 1,
  E: 1.3,
  F: 1.1,
  G: 0.9,
  H: 1,
  I: 1,
  K: 0.8,
  M: 1.8,
  N: 1,
  O: 2,
  S: 1,
  T: 1.1,
  U: 1,
  W: 1,
  X: 1,
  Y: 0.9,
  Z: 0.8,
  AC: 1,
  BD: 1,
};

export const NATIONAL_PARTNERS = [
  'SKL, Program för Hållbar Jämställdhet',
  'Nationella sekretariatet för genusforskning',
  'Försäkringskassan',
  'Arbetsförmedlingen',
  'Tillväxtverket',
  'Jordbruksverket',
];

const FIRST_NAMES = [
  'Anna',
  'Karin',
  'Maria',
  'Eva',
  'Lena',
  'Sara',
  'Helena',
  'Johanna',
  'Erik',
  'Lars',
  'Anders',
  'Johan',
  'Per',
  'Mikael',
  'Fredrik',
  'Åsa',
  'Ulrika',
  'Camilla',
];
const LAST_NAMES = [
  'Lindberg',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Holm',
  'Sandberg',
  'Berglund',
  'Lundqvist',
  'Öberg',
  'Wikström',
];

export function staffName(pick: <T>(items: readonly T[]) => T): string {
  return `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`;
}

/** A kind of activity: what it is called, who comes, who it is done with and what it costs. */
export interface ActivityKind {
  readonly strand: Strand;
  readonly type: ActivityType;
  readonly titles: readonly string[];
  readonly targetGroups: readonly TargetGroup[];
  /** Participants, women and men together. */
  readonly participants: readonly [number, number];
  readonly hours: readonly [number, number];
  /** How many days it runs; 0 is one day. */
  readonly days: readonly [number, number];
  readonly partners: readonly string[];
  /** What its cost lines are: category, description, suppliers. */
  readonly costs: readonly CostKind[];
  /** How often it becomes a learning example. */
  readonly learningExample: number;
  /** How often a board does it, against the other kinds. */
  readonly weight: number;
}

export interface CostKind {
  readonly category: ExpenseCategory;
  readonly description: string;
  readonly suppliers: readonly string[];
  /** How big a line of this kind is, against the others. */
  readonly scale: number;
}

const LECTURER: CostKind = {
  category: 'purchased-services',
  description: 'Föreläsare',
  suppliers: ['Nationella sekretariatet för genusforskning', 'Göteborgs universitet', 'Jämställdhetskonsulterna AB', 'Genusakademin i Sverige AB'],
  scale: 3,
};
const VENUE: CostKind = {
  category: 'premises',
  description: 'Lokalhyra och fika',
  suppliers: ['Scandic Hotels AB', 'Clarion Hotel', 'Folkets Hus', 'Konferens & Co AB'],
  scale: 2,
};
const TRAVEL: CostKind = {
  category: 'travel',
  description: 'Resor för deltagare och föreläsare',
  suppliers: ['SJ AB', 'Resebyrån Ticket', 'Taxi Kurir'],
  scale: 0.8,
};
const PRINT: CostKind = {
  category: 'materials',
  description: 'Tryck av material',
  suppliers: ['Tryckeri Öhrlings', 'Elanders Sverige AB', 'Lenanders Grafiska'],
  scale: 0.6,
};
const CONSULTANT: CostKind = {
  category: 'purchased-services',
  description: 'Processtöd, konsult',
  suppliers: ['Ramböll Management Consulting AB', 'Sweco Society AB', 'Jämställdhetskonsulterna AB'],
  scale: 4,
};
const EVALUATOR: CostKind = {
  category: 'evaluation',
  description: 'Lärande utvärdering, delrapport',
  suppliers: ['Ramböll Management Consulting AB', 'Oxford Research AB'],
  scale: 6,
};
const WEB: CostKind = {
  category: 'other',
  description: 'Webbpublicering och redigering',
  suppliers: ['Jämställ.nu redaktion', 'Webbyrån Norr AB'],
  scale: 0.7,
};

export const ACTIVITY_KINDS: readonly ActivityKind[] = [
  {
    strand: 'competence',
    type: 'training',
    weight: 5,
    learningExample: 0.1,
    titles: [
      'Grundutbildning i jämställdhetsintegrering för handläggare',
      'Utbildning i könsuppdelad statistik',
      'Jämställd handläggning av företagsstöd',
      'Jämställdhetsanalys i tillsynsärenden',
      'Utbildning: jämställd myndighetsutövning inom landsbygdsprogrammet',
      'Jämställd bemötande i handläggningen',
    ],
    targetGroups: ['case-officers', 'case-officers', 'all-staff'],
    participants: [12, 45],
    hours: [3, 16],
    days: [0, 1],
    partners: ['Nationella sekretariatet för genusforskning'],
    costs: [LECTURER, VENUE, TRAVEL],
  },
  {
    strand: 'competence',
    type: 'training',
    weight: 2,
    learningExample: 0.05,
    titles: [
      'Ledarskap för jämställdhetsintegrering: utbildning för chefer',
      'Jämställdhetsintegrering i verksamhetsplaneringen för chefer',
      'Länsledningens utbildningsdag om jämställdhet',
    ],
    targetGroups: ['managers', 'county-management'],
    participants: [6, 24],
    hours: [3, 8],
    days: [0, 0],
    partners: ['SKL, Program för Hållbar Jämställdhet'],
    costs: [LECTURER, VENUE],
  },
  {
    strand: 'coordination',
    type: 'experience-exchange',
    weight: 3,
    learningExample: 0.15,
    titles: [
      'Erfarenhetsutbyte mellan länsstyrelsernas JI-samordnare',
      'Erfarenhetsutbyte om jämställd regional tillväxt',
      'Erfarenhetsutbyte med grannlänen om länsstrategier',
    ],
    targetGroups: ['gm-coordinators'],
    participants: [8, 30],
    hours: [4, 16],
    days: [0, 1],
    partners: ['Länsstyrelsen i Gotlands län'],
    costs: [TRAVEL, VENUE],
  },
  {
    strand: 'coordination',
    type: 'network-meeting',
    weight: 3,
    learningExample: 0,
    titles: [
      'Nationell nätverksträff för jämställdhetsexperter',
      'Regional nätverksträff för jämställdhetsintegrering',
      'Nätverksträff med kommunernas jämställdhetsstrateger',
    ],
    targetGroups: ['gm-coordinators', 'external-actors'],
    participants: [10, 40],
    hours: [3, 12],
    days: [0, 1],
    partners: ['SKL, Program för Hållbar Jämställdhet'],
    costs: [VENUE, TRAVEL],
  },
  {
    strand: 'support',
    type: 'strategy-work',
    weight: 2,
    learningExample: 0.1,
    titles: [
      'Länsstrategi för jämställdhetsintegrering',
      'Handlingsplan för jämställdhetsintegrering i länsstyrelsens verksamhet',
      'Jämställdhetsanalys av länsstyrelsens regleringsbrevsuppdrag',
    ],
    targetGroups: ['county-management', 'managers'],
    participants: [4, 15],
    hours: [20, 120],
    days: [30, 150],
    partners: [],
    costs: [CONSULTANT, PRINT],
  },
  {
    strand: 'support',
    type: 'process-support',
    weight: 3,
    learningExample: 0.1,
    titles: [
      'Processtöd till enheten för landsbygdsutveckling',
      'Processtöd: jämställd fördelning av projektmedel',
      'Processtöd till miljöenheten om jämställd tillsyn',
      'Processtöd i arbetet med jämställd krisberedskap',
    ],
    targetGroups: ['case-officers', 'managers'],
    participants: [5, 20],
    hours: [10, 60],
    days: [14, 90],
    partners: [],
    costs: [CONSULTANT],
  },
  {
    strand: 'competence',
    type: 'seminar',
    weight: 2,
    learningExample: 0.1,
    titles: [
      'Länskonferens om jämställd regional tillväxt',
      'Seminarium: Jämställdhet i alla län',
      'Konferens om mäns våld mot kvinnor och jämställdhetsintegrering',
      'Seminarium om jämställd integration av nyanlända',
    ],
    targetGroups: ['external-actors', 'all-staff'],
    participants: [40, 160],
    hours: [4, 8],
    days: [0, 1],
    partners: ['Nationella sekretariatet för genusforskning', 'SKL, Program för Hållbar Jämställdhet'],
    costs: [LECTURER, VENUE, PRINT, TRAVEL],
  },
  {
    strand: 'competence',
    type: 'workshop',
    weight: 2,
    learningExample: 0.1,
    titles: [
      'Workshop om jämställdhetsanalys i tillsynsärenden',
      'Workshop: 4R-metoden i praktiken',
      'Workshop om jämställda indikatorer i länets uppföljning',
    ],
    targetGroups: ['case-officers', 'gm-coordinators'],
    participants: [8, 25],
    hours: [3, 6],
    days: [0, 0],
    partners: [],
    costs: [LECTURER, VENUE],
  },
  {
    strand: 'consultation',
    type: 'consultation-meeting',
    weight: 2,
    learningExample: 0,
    titles: [
      'Samråd med SKL:s Program för Hållbar Jämställdhet',
      'Samråd med Nationella sekretariatet för genusforskning',
      'Samråd med länets kommuner om jämställdhetsintegrering',
    ],
    targetGroups: ['gm-coordinators', 'external-actors'],
    participants: [3, 12],
    hours: [2, 4],
    days: [0, 0],
    partners: ['SKL, Program för Hållbar Jämställdhet', 'Nationella sekretariatet för genusforskning'],
    costs: [TRAVEL],
  },
  {
    strand: 'dissemination',
    type: 'learning-example',
    weight: 2,
    learningExample: 1,
    titles: [
      'Lärande exempel: jämställd landsbygdsutveckling',
      'Lärande exempel: könsuppdelad statistik i länsanalysen',
      'Lärande exempel: jämställd fördelning av företagsstöd',
      'Lärande exempel: jämställd tillsyn av vattenverksamhet',
    ],
    targetGroups: ['gm-coordinators', 'external-actors'],
    participants: [0, 0],
    hours: [10, 40],
    days: [14, 60],
    partners: ['Nationella sekretariatet för genusforskning'],
    costs: [WEB, PRINT],
  },
  {
    strand: 'dissemination',
    type: 'publication',
    weight: 1,
    learningExample: 0,
    titles: [
      'Publicering av länets arbete på Jämställ.nu',
      'Skrift: Så arbetar vi med jämställdhetsintegrering',
      'Nyhetsbrev om jämställdhetsintegrering i länet',
    ],
    targetGroups: ['external-actors', 'all-staff'],
    participants: [0, 0],
    hours: [8, 30],
    days: [7, 30],
    partners: [],
    costs: [PRINT, WEB],
  },
  {
    strand: 'evaluation',
    type: 'evaluation',
    weight: 1,
    learningExample: 0,
    titles: [
      'Lärande utvärdering: intervjuer med länsledningen',
      'Lärande utvärdering: enkät till handläggare',
      'Avstämning med utvärderarna om länets resultat',
    ],
    targetGroups: ['county-management', 'gm-coordinators'],
    participants: [3, 15],
    hours: [2, 8],
    days: [0, 0],
    partners: [],
    costs: [TRAVEL],
  },
  {
    strand: 'reporting',
    type: 'other',
    weight: 1,
    learningExample: 0,
    titles: ['Underlag till lägesrapporten', 'Underlag till slutredovisningen', 'Redovisning av länets resultat till samordningen på Gotland'],
    targetGroups: ['gm-coordinators'],
    participants: [1, 4],
    hours: [8, 24],
    days: [7, 21],
    partners: ['Länsstyrelsen i Gotlands län'],
    costs: [],
  },
];

/** The national coordination's own kinds, done by the lead board alone. */
export const LEAD_BOARD_KINDS: readonly ActivityKind[] = [
  {
    strand: 'evaluation',
    type: 'evaluation',
    weight: 1,
    learningExample: 0,
    titles: ['Extern lärande utvärdering av LUJ'],
    targetGroups: ['gm-coordinators'],
    participants: [5, 20],
    hours: [40, 200],
    days: [120, 300],
    partners: ['Nationella sekretariatet för genusforskning'],
    costs: [EVALUATOR, EVALUATOR],
  },
  {
    strand: 'coordination',
    type: 'seminar',
    weight: 1,
    learningExample: 0,
    titles: ['Nationell konferens för länsstyrelsernas jämställdhetsarbete'],
    targetGroups: ['gm-coordinators', 'county-management'],
    participants: [80, 180],
    hours: [8, 16],
    days: [1, 1],
    partners: ['SKL, Program för Hållbar Jämställdhet', 'Nationella sekretariatet för genusforskning'],
    costs: [VENUE, LECTURER, TRAVEL, PRINT],
  },
];

export const RESULTS = [
  'Deltagarna har fått grundläggande kunskap om jämställdhetsintegrering och verktyg att använda i handläggningen.',
  'Enheten har tagit fram en checklista för jämställdhetsanalys som används i alla nya ärenden.',
  'Könsuppdelad statistik redovisas nu i länets årliga analys.',
  'Strategin är förankrad i länsledningen och beslutad av landshövdingen.',
  'Erfarenheter från andra län har tagits tillvara i länets handlingsplan.',
  'Ett lärande exempel är dokumenterat och publicerat på Jämställ.nu.',
  'Kommunerna i länet har fått stöd att ta fram egna handlingsplaner.',
];

export const EFFECTS = [
  'Bedöms leda till en jämnare fördelning av stöd mellan kvinnor och män.',
  'Ökad medvetenhet om jämställdhet i beslutsunderlagen.',
  'Bättre förutsättningar för jämställd myndighetsutövning på sikt.',
  'Frågan har fått tydligare ägarskap hos cheferna.',
];

/** Cost lines that belong to no single activity: the expert's time, travel to national meetings. */
export const BOARD_COSTS: readonly CostKind[] = [
  { category: 'personnel', description: 'Lönekostnad jämställdhetsexpert, andel för LUJ', suppliers: [], scale: 4 },
  { category: 'travel', description: 'Resor till nationella nätverksträffar', suppliers: ['SJ AB', 'SAS'], scale: 0.8 },
  { category: 'other', description: 'Litteratur och deltagaravgifter', suppliers: ['Adlibris', 'SKL Kommentus'], scale: 0.3 },
];

/** Lines the boards pay from their own funds, beside the grant. */
export const OWN_COSTS: readonly CostKind[] = [
  { category: 'personnel', description: 'Egen arbetstid, JI-samordnare', suppliers: [], scale: 1 },
  { category: 'premises', description: 'Egna lokaler för nätverksträff', suppliers: [], scale: 0.3 },
];
