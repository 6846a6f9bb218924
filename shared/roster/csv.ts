import { z } from 'zod';
import { IdSchema } from '../domain/ids';
import { ContactRouteSchema, GroupSchema, PersonSchema, RoleSchema, ladderRanks, type ContactRoute, type Person, type Roster } from '../site/roster';
import type { LocalizedText } from '../i18n/locale';
import { orderedLadder } from './schedule';

/**
 * The roster as CSV: one row per contact route of a person (a person with
 * three routes has three rows; the person's columns repeat). Spreadsheet
 * friendly, and the shape field staff already keep on paper.
 */
export const CSV_COLUMNS = [
  'id',
  'name_en',
  'name_zh',
  'role',
  'group',
  'supervisor',
  'backup',
  'rank',
  'method',
  'call_sign',
  'channel',
  'talkgroup',
  'radio_id',
  'number',
  'network',
  'post_en',
  'post_zh',
  'device',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

export interface CsvRowError {
  /** Line in the file (the header is line 1); 0 for problems of the file as a whole. */
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export type CsvImport =
  | { readonly ok: true; readonly people: Person[]; readonly rows: number; /** Cells a spreadsheet would run as formulas (imported as text). */ readonly warnings: CsvRowError[] }
  | { readonly ok: false; readonly errors: CsvRowError[] };

/**
 * A cell starting with one of these is a formula to Excel, LibreOffice and
 * Sheets (CSV injection: `=HYPERLINK(…)`, `@SUM(…)`, DDE). OWASP's advice:
 * prefix such a cell with a single quote, which spreadsheets show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A signed number (a phone number like +8816…): a spreadsheet makes a number of it, never a formula. */
const PLAIN_NUMBER = /^[+-][\d ()-]*$/;

/** Undoes escapeCell: the quote our export put before a formula start (or before a quote) goes, so `'+8816…` comes back as `+8816…`. */
export function unescapeCell(v: string): string {
  return v.startsWith("'") && (FORMULA_START.test(v.slice(1)) || v.slice(1).startsWith("'")) ? v.slice(1) : v;
}

/** Neutralises a cell for export; a cell import would otherwise unescape gets the quote too, so every value round-trips. */
export function escapeCell(v: string): string {
  return FORMULA_START.test(v) || unescapeCell(v) !== v ? `'${v}` : v;
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. Returns each record with its first line. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let any = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (any || cells.some((x) => x !== '')) out.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      any = false;
      line++;
      recordLine = line;
    } else {
      cell += c;
      any = true;
    }
  }
  if (any || cell !== '') {
    cells.push(cell);
    out.push({ line: recordLine, cells });
  }
  return out;
}

function quote(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function text(t: LocalizedText, which: 'en' | 'zh-CN'): string {
  return typeof t === 'string' ? (which === 'en' ? t : '') : (t[which] ?? '');
}

/** The roster's people as CSV (header and one row per route), CRLF line ends as spreadsheets expect. */
export function exportRosterCsv(people: readonly Person[]): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const p of people) {
    for (const r of orderedLadder(p.ladder)) {
      const v: Record<Column, string> = {
        id: p.id,
        name_en: text(p.name, 'en'),
        name_zh: text(p.name, 'zh-CN'),
        role: p.role,
        group: p.group ?? '',
        supervisor: p.supervisor ?? '',
        backup: p.backup ?? '',
        rank: r.rank,
        method: r.method,
        call_sign: r.method === 'radio' ? r.callSign : '',
        channel: r.method === 'radio' ? r.channel : '',
        talkgroup: r.method === 'radio' ? (r.talkgroup ?? '') : '',
        radio_id: r.method === 'radio' ? (r.radioId ?? '') : '',
        number: r.method === 'satphone' || r.method === 'mobile' || r.method === 'landline' ? r.number : '',
        network: r.method === 'satphone' ? r.network : '',
        post_en: r.method === 'runner' ? text(r.post, 'en') : '',
        post_zh: r.method === 'runner' ? text(r.post, 'zh-CN') : '',
        device: r.method === 'satphone' ? (r.device ?? '') : '',
      };
      rows.push(CSV_COLUMNS.map((c) => quote(escapeCell(v[c]))).join(','));
    }
  }
  return rows.join('\r\n') + '\r\n';
}

const csvField: Record<string, Column> = { callSign: 'call_sign', radioId: 'radio_id', post: 'post_en' };

function localized(en: string, zh: string): LocalizedText | undefined {
  if (en && zh) return { en, 'zh-CN': zh };
  if (en) return { en };
  if (zh) return { 'zh-CN': zh };
  return undefined;
}

/**
 * Validates every row of a roster CSV and builds the people from it. Any bad
 * row fails the whole import (nothing is half imported) and every problem
 * is listed with its line and column. References are checked against the
 * rest of the site roster: crews, equipment keepers and checks must still
 * name people who exist.
 */
export function importRosterCsv(textIn: string, site: Pick<Roster, 'crews' | 'equipment' | 'checks'>): CsvImport {
  const errors: CsvRowError[] = [];
  const records = parseCsv(textIn);
  const header = records.shift();
  if (!header) return { ok: false, errors: [{ line: 0, field: 'file', message: 'the file is empty' }] };
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) return { ok: false, errors: missing.map((c) => ({ line: 1, field: c, message: 'missing column' })) };
  const unknown = names.filter((n) => n !== '' && !(CSV_COLUMNS as readonly string[]).includes(n));
  for (const n of unknown) errors.push({ line: 1, field: n, message: 'unknown column' });
  if (records.length === 0) errors.push({ line: 0, field: 'file', message: 'no rows after the header' });

  interface Draft {
    line: number;
    id: string;
    name: LocalizedText | undefined;
    role: string;
    group: string;
    supervisor: string;
    backup: string;
    ladder: ContactRoute[];
  }
  const drafts = new Map<string, Draft>();
  const warnings: CsvRowError[] = [];
  for (const rec of records) {
    const cells = rec.cells.map((cell, i) => {
      if (cell.startsWith("'")) return unescapeCell(cell);
      const trimmed = cell.trim();
      if (FORMULA_START.test(cell) && !PLAIN_NUMBER.test(trimmed)) {
        warnings.push({ line: rec.line, field: names[i] ?? `column ${i + 1}`, message: 'starts like a spreadsheet formula; imported as text, but check the file came from a trusted source' });
      }
      return cell;
    });
    const get = (c: Column): string => (cells[names.indexOf(c)] ?? '').trim();
    const bad = (field: string, message: string): void => {
      errors.push({ line: rec.line, field, message });
    };
    if (rec.cells.length !== names.length) bad('row', `has ${rec.cells.length} cells, the header has ${names.length}`);
    const id = get('id');
    const idCheck = IdSchema.safeParse(id);
    if (!idCheck.success) bad('id', id === '' ? 'required' : (idCheck.error.issues[0]?.message ?? 'invalid'));
    const role = get('role');
    if (!RoleSchema.safeParse(role).success) bad('role', role === '' ? 'required' : `unknown role "${role}"`);
    const group = get('group');
    if (group !== '' && !GroupSchema.safeParse(group).success) bad('group', `unknown group "${group}"`);
    for (const c of ['supervisor', 'backup'] as const) {
      const v = get(c);
      if (v !== '' && !IdSchema.safeParse(v).success) bad(c, 'must be a person id');
    }
    const rank = get('rank');
    if (!(ladderRanks as readonly string[]).includes(rank)) bad('rank', rank === '' ? 'required' : `must be one of ${ladderRanks.join(', ')}`);
    const method = get('method');
    const raw: Record<string, unknown> = { method, rank };
    if (method === 'radio') {
      raw.callSign = get('call_sign');
      raw.channel = get('channel');
      if (get('talkgroup')) raw.talkgroup = get('talkgroup');
      if (get('radio_id')) raw.radioId = get('radio_id');
    } else if (method === 'satphone') {
      raw.number = get('number');
      raw.network = get('network');
      if (get('device')) raw.device = get('device');
    } else if (method === 'mobile' || method === 'landline') {
      raw.number = get('number');
    } else if (method === 'runner') {
      const post = localized(get('post_en'), get('post_zh'));
      if (!post) bad('post_en', 'a runner route needs the post (post_en or post_zh)');
      raw.post = post ?? '';
    } else {
      bad('method', method === '' ? 'required' : `unknown method "${method}"`);
    }
    let route: ContactRoute | undefined;
    if (['radio', 'satphone', 'mobile', 'landline', 'runner'].includes(method)) {
      const parsed = ContactRouteSchema.safeParse(raw);
      if (parsed.success) route = parsed.data;
      else {
        for (const issue of parsed.error.issues) {
          const key = String(issue.path[0] ?? 'row');
          if (key === 'rank' || (key === 'post' && !raw.post)) continue; // already reported above
          const value = raw[key];
          bad(csvField[key] ?? key, value === '' || value === undefined ? 'required' : issue.message);
        }
      }
    }
    if (!idCheck.success) continue;
    const name = localized(get('name_en'), get('name_zh'));
    const draft = drafts.get(id);
    if (!draft) {
      if (!name) bad('name_en', 'the first row of a person needs a name (name_en or name_zh)');
      drafts.set(id, { line: rec.line, id, name, role, group, supervisor: get('supervisor'), backup: get('backup'), ladder: route ? [route] : [] });
    } else {
      if (RoleSchema.safeParse(role).success && RoleSchema.safeParse(draft.role).success && role !== draft.role) bad('role', `differs from line ${draft.line} of the same person ("${draft.role}")`);
      if (route) draft.ladder.push(route);
    }
  }

  const ids = new Set(drafts.keys());
  const people: Person[] = [];
  for (const d of drafts.values()) {
    for (const c of ['supervisor', 'backup'] as const) {
      if (d[c] !== '' && !ids.has(d[c])) errors.push({ line: d.line, field: c, message: `unknown person "${d[c]}"` });
      if (d[c] === d.id) errors.push({ line: d.line, field: c, message: 'a person cannot be their own ' + c });
    }
    const ranks = d.ladder.map((r) => r.rank);
    const dup = ranks.find((r, i) => ranks.indexOf(r) !== i);
    if (dup) errors.push({ line: d.line, field: 'rank', message: `person "${d.id}" has two "${dup}" routes` });
    const person = PersonSchema.safeParse({
      id: d.id,
      name: d.name ?? d.id,
      role: d.role,
      ...(d.group ? { group: d.group } : {}),
      ...(d.supervisor ? { supervisor: d.supervisor } : {}),
      ...(d.backup ? { backup: d.backup } : {}),
      ladder: d.ladder,
    });
    if (person.success) people.push(person.data);
  }
  // The rest of the site roster must still make sense with the imported people.
  site.crews.forEach((c) => c.members.forEach((m) => ids.has(m) || errors.push({ line: 0, field: `crews.${c.id}`, message: `crew member "${m}" is not in the file` })));
  site.equipment.forEach((e) => ids.has(e.keeper) || errors.push({ line: 0, field: `equipment.${e.id}`, message: `keeper "${e.keeper}" is not in the file` }));
  site.checks.forEach((c) => 'person' in c.target && !ids.has(c.target.person) && errors.push({ line: 0, field: `checks.${c.id}`, message: `person "${c.target.person}" is not in the file` }));

  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, people, rows: records.length, warnings };
}

export const CsvRowErrorSchema = z.strictObject({ line: z.number().int(), field: z.string(), message: z.string() });
