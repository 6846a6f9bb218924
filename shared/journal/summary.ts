import { formatDuration, formatInstant } from '../time/format';
import { locales, translate, type Locale } from '../i18n';
import { recipientGroup } from '../site/roster';
import { localize, type LocalizedText } from '../i18n/locale';
import { closureCode, DEFAULT_CLOSURE_CODES, type ClosureCode } from '../alerts/closure';
import type { JournalEntry } from './entry';
import type { AlertRef, KindRegistry, SummaryContext } from './kinds';
import { journalKinds } from './kinds';

/** The name of the working group a recipient id names, in `lang`; undefined for any other id. */
export function groupName(lang: Locale, id: string): string | undefined {
  const group = recipientGroup(id);
  return group === undefined ? undefined : translate(lang, `roster.group.${group}`);
}

interface Named {
  readonly id: string;
  readonly name: LocalizedText;
}

/**
 * The parts of a site the summaries name things from. Both the site file and
 * the renderer's `SiteView` fit it.
 */
export interface SummarySite {
  readonly timezone: string;
  readonly alertTypes: readonly { readonly code: string; readonly name: LocalizedText }[];
  /** The site's closure codes (absent: the default list). */
  readonly closureCodes?: readonly ClosureCode[] | undefined;
  readonly zones: readonly Named[];
  readonly floors: readonly Named[];
  readonly cameras: readonly Named[];
  readonly sensors: readonly Named[];
  readonly roster: {
    readonly people: readonly Named[];
    readonly units: readonly Named[];
    readonly checks: readonly Named[];
    readonly equipment: readonly { readonly id: string; readonly label: string }[];
  };
}

/** Where the names come from: the site, the roster in force (an imported one replaces the site's people) and the alerts state. */
export interface SummarySource {
  readonly site?: SummarySite | undefined;
  readonly people?: readonly Named[] | undefined;
  readonly alert?: ((alertId: string) => AlertRef | undefined) | undefined;
}

interface SiteIndex {
  readonly alertTypes: ReadonlyMap<string, LocalizedText>;
  readonly zones: ReadonlyMap<string, LocalizedText>;
  readonly floors: ReadonlyMap<string, LocalizedText>;
  readonly cameras: ReadonlyMap<string, LocalizedText>;
  readonly sensors: ReadonlyMap<string, LocalizedText>;
  readonly people: ReadonlyMap<string, LocalizedText>;
  readonly units: ReadonlyMap<string, LocalizedText>;
  readonly checks: ReadonlyMap<string, LocalizedText>;
  readonly equipment: ReadonlyMap<string, string>;
}

const byId = (list: readonly Named[] | undefined): Map<string, LocalizedText> => new Map((list ?? []).map((x) => [x.id, x.name]));

// Built once per site object (and roster): the core asks for every append.
const indexes = new WeakMap<object, SiteIndex>();
const peopleIndexes = new WeakMap<object, Map<string, LocalizedText>>();

function indexOf(site: SummarySite | undefined): SiteIndex | undefined {
  if (!site) return undefined;
  let index = indexes.get(site);
  if (!index) {
    index = {
      alertTypes: new Map(site.alertTypes.map((t) => [t.code, t.name])),
      zones: byId(site.zones),
      floors: byId(site.floors),
      cameras: byId(site.cameras),
      sensors: byId(site.sensors),
      people: byId(site.roster.people),
      units: byId(site.roster.units),
      checks: byId(site.roster.checks),
      equipment: new Map(site.roster.equipment.map((e) => [e.id, e.label])),
    };
    indexes.set(site, index);
  }
  return index;
}

function peopleOf(people: readonly Named[]): Map<string, LocalizedText> {
  let index = peopleIndexes.get(people);
  if (!index) {
    index = byId(people);
    peopleIndexes.set(people, index);
  }
  return index;
}


/**
 * Resolves ids to names in one language, from the site, the roster in force
 * and the alerts state. Unknown ids stay as they are.
 */
export function summaryContext(source: SummarySource, lang: Locale): SummaryContext {
  const index = indexOf(source.site);
  const people = source.people ? peopleOf(source.people) : index?.people;
  const name = (map: ReadonlyMap<string, LocalizedText> | undefined, id: string): string => {
    const text = map?.get(id);
    return text === undefined ? id : localize(text, lang) || id;
  };
  const timeCtx = { locale: lang, timeZone: source.site?.timezone };
  const alert = (alertId: string): AlertRef | undefined => source.alert?.(alertId);
  const ctx: SummaryContext = {
    lang,
    say: (text) => text[lang],
    t: (key, params) => translate(lang, key, params),
    alertType: (code) => name(index?.alertTypes, code),
    zone: (id) => name(index?.zones, id),
    floor: (id) => name(index?.floors, id),
    camera: (id) => name(index?.cameras, id),
    sensor: (id) => name(index?.sensors, id),
    // `group:<group>`: a working group an alarm was assigned or dispatched to.
    person: (id) => groupName(lang, id) ?? name(people, id),
    contact: (id) => groupName(lang, id) ?? (people?.has(id) ? name(people, id) : name(index?.units, id)),
    check: (id) => name(index?.checks, id),
    equipment: (id) => index?.equipment.get(id) ?? id,
    alert,
    alertName: (alertId) => {
      const a = alert(alertId);
      if (!a) return alertId;
      return a.zone ? `${ctx.alertType(a.type)} · ${ctx.zone(a.zone)}` : ctx.alertType(a.type);
    },
    closureCode: (code) => {
      const c = closureCode(source.site?.closureCodes ?? DEFAULT_CLOSURE_CODES, code);
      return c ? localize(c.label, lang) || code : code;
    },
    duration: (sec) => formatDuration(sec * 1000, lang),
    time: (ms) => formatInstant(ms, timeCtx, 'dayMinute'),
  };
  return ctx;
}

const registry: KindRegistry = journalKinds;

/** One entry as a line in the context's language; an unknown kind or a payload its summary cannot read shows nothing. */
export function entrySummary(entry: Pick<JournalEntry, 'kind' | 'payload'>, ctx: SummaryContext): string {
  const spec = Object.hasOwn(registry, entry.kind) ? registry[entry.kind] : undefined;
  if (!spec) return '';
  try {
    return spec.summary(entry.payload, ctx);
  } catch {
    // Stored payloads are parsed ones; an older file's entry may lack a field a default now fills: parse it, else show nothing.
    const parsed = spec.payload.safeParse(entry.payload);
    try {
      return parsed.success ? spec.summary(parsed.data, ctx) : '';
    } catch {
      return '';
    }
  }
}

/**
 * The words full-text search indexes for an entry: its registration's
 * `text` and its summary in every language given, so an alert is found by
 * its type and zone names (火灾, "Fire") and a contact attempt by the
 * person's name. Repeated words are indexed once.
 */
export function entrySearchText(spec: Pick<KindRegistry[string], 'text' | 'summary'>, payload: unknown, contexts: readonly SummaryContext[]): string {
  const summaries = contexts.map((c) => {
    try {
      return spec.summary(payload, c);
    } catch {
      // Search words must never stop an entry from being logged.
      return '';
    }
  });
  const words = [spec.text(payload), ...summaries].join(' ').split(/\s+/);
  return [...new Set(words.filter((w) => w !== ''))].join(' ');
}

/**
 * The registry as the journal's writer uses it: each kind's `text` also
 * names what the entry refers to, in both languages (entrySearchText), from
 * the names `source` gives at append time (the newest site, the roster in
 * force, the alerts state). Contexts are rebuilt only when the site or the
 * roster object changes; `alert` is called as the entry is written.
 */
export function searchableKinds(kinds: KindRegistry, source: () => SummarySource): KindRegistry {
  let cached: { site: SummarySource['site']; people: SummarySource['people']; alert: SummarySource['alert']; contexts: readonly SummaryContext[] } | undefined;
  const contexts = (): readonly SummaryContext[] => {
    const s = source();
    if (!cached || cached.site !== s.site || cached.people !== s.people || cached.alert !== s.alert) {
      cached = { site: s.site, people: s.people, alert: s.alert, contexts: locales.map((lang) => summaryContext(s, lang)) };
    }
    return cached.contexts;
  };
  return Object.fromEntries(Object.entries(kinds).map(([name, spec]) => [name, { ...spec, text: (payload: unknown) => entrySearchText(spec, payload, contexts()) }]));
}
