import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import {
  acceptBodySchema,
  BOARDS,
  devTokenBodySchema,
  fundsBodySchema,
  LUJ_INITIATIVE,
  reopenBodySchema,
  returnBodySchema,
  roundDueDate,
  sheetsBodySchema,
  summarizeVersion,
  type BoardCode,
  type RoundEntry,
  type TemplateKey,
} from '@samla/shared';

/*
 * A small stand-in for the routes of the reporting round that are not on main yet (design.md, "HTTP API"): it answers
 * the shared contract's shapes (roundAnswerSchema, versionAnswerSchema, sheetsReceiptSchema, initiativeAnswerSchema,
 * yearFundsAnswerSchema) from memory, so the panes can be driven in Chromium. It keeps just enough state for the
 * round's loop: submit, return with cell comments, resubmit, accept, a 409 after acceptance. It parses every request
 * body with the shared request schemas, so a pane that sends another shape fails here as it would on the server.
 */

type Row = Record<string, unknown>;

interface StoredVersion {
  readonly version: number;
  readonly submittedAt: string;
  readonly submittedBy: string;
  readonly rows: readonly Row[];
}

interface Slot {
  versions: StoredVersion[];
  entry: RoundEntry;
}

export interface StandIn {
  readonly url: string;
  /** Every request as `METHOD path` with its Idempotency-Key, in order. */
  readonly requests: { line: string; key?: string; body?: unknown }[];
  /** When set, requests whose `METHOD path` matches are held until the test releases them (a hung server). */
  hang: RegExp | undefined;
  /** Routes answering 404 as a server without them would (e.g. /api/initiative). */
  missing: RegExp | undefined;
  stop(): Promise<void>;
}

const NAMES = { staff: 'Karin Handläggare', coordinator: 'Sara Samordnare', finance: 'Erik Ekonom' } as const;

/** The per-version figures exactly as the server stores them: shared's own summarizeVersion. */
function figuresOf(template: TemplateKey, rows: readonly Row[]): Record<string, number> {
  // The stand-in's rows are typed template rows in all but name.
  return { ...summarizeVersion(template, rows as never, 0).figures };
}

/** Starts the stand-in on a free loopback port; `seed` fills the round of 2013 with a realistic mix of boards. */
export async function startStandIn(now: () => Date = () => new Date('2014-02-10T09:30:15Z')): Promise<StandIn> {
  const slots = new Map<string, Slot>();
  const funds = new Map<number, { movements: unknown[]; revision: number }>();
  const replies = new Map<string, { status: number; body: unknown }>();
  const held: (() => void)[] = [];
  const slotOf = (year: number, board: BoardCode, template: TemplateKey): Slot => {
    const key = `${year}|${board}|${template}`;
    let slot = slots.get(key);
    if (!slot) {
      slot = { versions: [], entry: { board, template, state: 'missing', late: false, nothingToReport: false, cells: [] } };
      slots.set(key, slot);
    }
    return slot;
  };
  const store = (year: number, board: BoardCode, template: TemplateKey, rows: readonly Row[], by: string, at: string) => {
    const slot = slotOf(year, board, template);
    const version = slot.versions.length + 1;
    slot.versions.push({ version, submittedAt: at, submittedBy: by, rows });
    slot.entry = {
      board,
      template,
      state: 'submitted',
      late: at.slice(0, 10) > roundDueDate(LUJ_INITIATIVE, year),
      nothingToReport: rows.length === 0,
      version,
      submittedAt: at,
      submittedBy: by,
      summary: { rows: rows.length, warnings: 0, figures: figuresOf(template, rows) },
      lastEvent: { kind: 'submitted', at, by, version },
      cells: [],
    };
    return version;
  };
  // A realistic mix for 2013: some boards accepted, one returned, several missing.
  const activity = (id: string, strand: string, women: number, men: number): Row => ({
    activityId: id,
    strand,
    activityType: 'training',
    title: `Utbildning ${id}`,
    startDate: '2013-04-10',
    endDate: '2013-04-10',
    targetGroup: 'managers',
    participantsWomen: women,
    participantsMen: men,
    participantsUnspecified: 1,
    hours: 3,
    learningExample: false,
    status: 'completed',
    result: 'Ökad kunskap',
  });
  const expense = (id: string, amount: number, funding: string): Row => ({
    expenseId: id,
    date: '2013-05-02',
    category: 'premises',
    description: 'Lokalhyra',
    amount,
    voucher: `V-${id}`,
    funding,
  });
  BOARDS.slice(0, 14).forEach((board, index) => {
    if (board.code === 'I') return;
    const at = `2014-01-${String(10 + index).padStart(2, '0')}T08:15:${String(10 + index).padStart(2, '0')}Z`;
    store(
      2013,
      board.code,
      'activities',
      [activity(`${board.code}-1`, 'competence', 10 + index, 6 + index), activity(`${board.code}-2`, 'coordination', 4, 3)],
      'Anna Andersson',
      at,
    );
    if (index % 4 !== 3)
      store(
        2013,
        board.code,
        'expenses',
        [expense(`${board.code}-K1`, 40_000 + index * 1000, 'grant'), expense(`${board.code}-K2`, 5_000, 'own')],
        'Anna Andersson',
        at,
      );
    const slot = slotOf(2013, board.code, 'activities');
    if (index % 3 === 0) slot.entry = { ...slot.entry, state: 'accepted', lastEvent: { kind: 'accepted', at, by: NAMES.coordinator, version: 1 } };
  });
  const late = slotOf(2013, 'M', 'activities');
  store(2013, 'M', 'activities', [activity('M-1', 'support', 9, 9)], 'Pia Persson', '2014-02-03T13:05:44Z');
  late.entry = {
    ...late.entry,
    state: 'returned',
    lastEvent: { kind: 'returned', at: '2014-02-04T10:00:00Z', by: NAMES.coordinator, version: 2, comment: 'Målgrupp saknas.' },
  };

  const requests: StandIn['requests'] = [];
  const standIn: StandIn = {
    url: '',
    requests,
    hang: undefined,
    missing: undefined,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  function send(response: ServerResponse, status: number, body: unknown): void {
    const problem = status >= 400;
    response.writeHead(status, { 'Content-Type': problem ? 'application/problem+json' : 'application/json' });
    response.end(JSON.stringify(body));
  }

  async function bodyOf(request: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  function caller(request: IncomingMessage): { role: keyof typeof NAMES; board?: BoardCode; name: string } | undefined {
    const token = /^Bearer (\w+):?(\w*)$/.exec(request.headers.authorization ?? '');
    if (!token) return undefined;
    const role = token[1] as keyof typeof NAMES;
    return { role, name: NAMES[role], ...(token[2] ? { board: token[2] as BoardCode } : {}) };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const line = `${request.method} ${url.pathname}`;
    const body = request.method === 'GET' ? undefined : await bodyOf(request);
    const key = request.headers['idempotency-key'] as string | undefined;
    requests.push({ line, ...(key ? { key } : {}), ...(body !== undefined ? { body } : {}) });
    if (standIn.hang?.test(line)) await new Promise<void>((release) => held.push(release));
    if (standIn.missing?.test(line)) return send(response, 404, { title: 'Hittades inte.', status: 404 });
    if (line === 'POST /api/dev/token') {
      const { role, board } = devTokenBodySchema.parse(body);
      return send(response, 200, { token: board ? `${role}:${board}` : role });
    }
    const who = caller(request);
    if (!who) return send(response, 401, { title: 'Inte inloggad.', status: 401 });
    if (line === 'GET /api/me') return send(response, 200, { name: who.name, role: who.role, ...(who.board ? { board: who.board } : {}) });
    if (line === 'GET /api/initiative') {
      const years = LUJ_INITIATIVE.years.map((entry) => entry.year);
      return send(response, 200, { settings: LUJ_INITIATIVE, dueDates: years.map((year) => ({ year, due: roundDueDate(LUJ_INITIATIVE, year) })) });
    }
    let match = /^GET \/api\/rounds\/(\d{4})$/.exec(line);
    if (match) {
      const year = Number(match[1]);
      // Every board × template; nothing current after the due day is late too (design.md, "The reporting round").
      const overdue = now().toISOString().slice(0, 10) > roundDueDate(LUJ_INITIATIVE, year);
      const entries = BOARDS.flatMap((board) =>
        (['activities', 'expenses'] as const).map((template) => {
          const entry = slotOf(year, board.code, template).entry;
          return entry.state === 'missing' ? { ...entry, late: overdue } : entry;
        }),
      );
      const visible = who.role === 'staff' ? entries.filter((entry) => entry.board === who.board) : entries;
      return send(response, 200, { year, dueDate: roundDueDate(LUJ_INITIATIVE, year), entries: visible });
    }
    match = /^POST \/api\/rounds\/(\d{4})\/(\w+)\/(activities|expenses)\/(return|accept|reopen)$/.exec(line);
    if (match) {
      if (who.role !== 'coordinator') return send(response, 403, { title: 'Bara samordnare får granska.', status: 403 });
      const slot = slotOf(Number(match[1]), match[2] as BoardCode, match[3] as TemplateKey);
      const at = now().toISOString();
      const decisions = { return: returnBodySchema, accept: acceptBodySchema, reopen: reopenBodySchema } as const;
      const given: { version?: number; comment?: string; cells?: RoundEntry['cells'] } = decisions[match[4] as keyof typeof decisions].parse(body ?? {});
      if (match[4] === 'return')
        slot.entry = {
          ...slot.entry,
          state: 'returned',
          cells: given.cells ?? [],
          lastEvent: { kind: 'returned', at, by: who.name, version: given.version, comment: given.comment ?? '' },
        };
      if (match[4] === 'accept')
        slot.entry = { ...slot.entry, state: 'accepted', cells: [], lastEvent: { kind: 'accepted', at, by: who.name, version: given.version } };
      if (match[4] === 'reopen') slot.entry = { ...slot.entry, state: 'submitted', cells: [], lastEvent: { kind: 'reopened', at, by: who.name } };
      return send(response, 200, slot.entry);
    }
    match = /^GET \/api\/submissions\/(\w+)\/(\d{4})\/(activities|expenses)(?:\/(\d+))?$/.exec(line);
    if (match) {
      const [board, year, template] = [match[1] as BoardCode, Number(match[2]), match[3] as TemplateKey];
      if (who.role === 'staff' && who.board !== board) return send(response, 403, { title: 'Du får bara läsa din egen länsstyrelses inskick.', status: 403 });
      const slot = slotOf(year, board, template);
      const describe = (stored: StoredVersion) => ({
        board,
        year,
        template,
        version: stored.version,
        submittedAt: stored.submittedAt,
        submittedBy: stored.submittedBy,
        rowCount: stored.rows.length,
        warningCount: 0,
      });
      if (!match[4]) return send(response, 200, { board, year, template, versions: slot.versions.map(describe).reverse() });
      const stored = slot.versions.find((candidate) => candidate.version === Number(match?.[4]));
      if (!stored) return send(response, 404, { title: 'Versionen finns inte.', status: 404 });
      return send(response, 200, { version: describe(stored), rows: stored.rows, warnings: [], events: slot.entry.lastEvent ? [slot.entry.lastEvent] : [] });
    }
    if (line === 'POST /api/submissions') {
      if (key && replies.has(key)) {
        const reply = replies.get(key);
        return send(response, reply?.status ?? 500, reply?.body);
      }
      const given = sheetsBodySchema(LUJ_INITIATIVE).parse(body);
      if (who.role !== 'staff' || who.board !== given.board)
        return send(response, 403, { title: 'Du får bara skicka in för din egen länsstyrelse.', status: 403 });
      for (const template of ['activities', 'expenses'] as const) {
        if (slotOf(given.year, given.board, template).entry.state === 'accepted')
          return send(response, 409, {
            title: `${template === 'activities' ? 'Aktiviteter' : 'Kostnader'} är godkänd; en samordnare måste öppna den igen.`,
            status: 409,
          });
      }
      const at = now().toISOString();
      const receipts = (['activities', 'expenses'] as const).map((template) => {
        const rows = given.sheets[template];
        const version = store(given.year, given.board, template, rows, who.name, at);
        return { template, version, submittedAt: at, rows: rows.length, warnings: [] };
      });
      const reply = { status: 201, body: { receipts } };
      if (key) replies.set(key, reply);
      return send(response, reply.status, reply.body);
    }
    match = /^(GET|PUT) \/api\/requisitions\/(\d{4})$/.exec(line);
    if (match) {
      const year = Number(match[2]);
      if (match[1] === 'PUT') {
        const previous = funds.get(year)?.revision ?? 0;
        funds.set(year, { movements: fundsBodySchema(LUJ_INITIATIVE).parse(body).movements, revision: previous + 1 });
      }
      return send(response, 200, { year, ...(funds.get(year) ?? { movements: [], revision: 0 }) });
    }
    return send(response, 404, { title: `Ingen sådan väg: ${line}`, status: 404 });
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { title: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const originalStop = standIn.stop;
  return Object.assign(standIn, {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      held.splice(0).forEach((release) => release());
      return originalStop();
    },
  });
}
