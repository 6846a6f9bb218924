import { translate, type MessageKey } from '../i18n';
import { localize, type LocalizedText } from '../i18n/locale';
import type { ContactRoute, Roster } from '../site/roster';
import { orderedLadder } from './schedule';
import { slotsBetween } from './shifts';
import { formatInstant } from '../time/format';

export interface PrintInput {
  readonly siteName: LocalizedText;
  readonly roster: Roster;
  readonly timeZone: string;
  readonly consoleId: string;
  readonly generatedAt: number;
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Both languages side by side: the binder copy is read by whoever is at the desk. */
function both(key: MessageKey, params?: Record<string, string | number>): string {
  return `${escape(translate('zh-CN', key, params))} / ${escape(translate('en', key, params))}`;
}

function name(text: LocalizedText): string {
  const zh = localize(text, 'zh-CN');
  const en = localize(text, 'en');
  return escape(zh === en ? zh : `${zh} ${en}`);
}

function route(r: ContactRoute): string {
  const label = `${translate('zh-CN', `roster.method.${r.method}`)} ${translate('en', `roster.method.${r.method}`)}`;
  const rank = translate('en', `roster.rank.${r.rank}`);
  let detail: string;
  switch (r.method) {
    case 'radio':
      detail = [r.callSign, r.channel, r.talkgroup, r.radioId].filter(Boolean).join(' · ');
      break;
    case 'satphone':
      detail = `${r.number} (${r.network})`;
      break;
    case 'mobile':
    case 'landline':
      detail = r.number;
      break;
    case 'runner':
      detail = name(r.post);
      return `<li><b>${escape(rank)}</b> ${escape(label)}: ${detail}</li>`;
  }
  return `<li><b>${escape(rank)}</b> ${escape(label)}: <span class="num">${escape(detail)}</span></li>`;
}

/**
 * The paper roster for the binder on the desk (for when power and network
 * fail): shifts of the next 7 days, every person's contact ladder with call
 * signs, channels and numbers, external contacts and the comms devices,
 * bilingual, as one self-contained page with no scripts. Chromium prints it
 * to PDF.
 */
export function renderRosterHtml(input: PrintInput): string {
  const { roster, timeZone } = input;
  const people = new Map(roster.people.map((p) => [p.id, p]));
  // The print is bilingual; its times in Chinese form, in the site's zone.
  const time = (ms: number): string => formatInstant(ms, { locale: 'zh-CN', timeZone }, 'dayMinute');
  const shiftRows = slotsBetween(roster, timeZone, input.generatedAt, input.generatedAt + 7 * 86_400_000)
    .map(
      (s) =>
        `<tr><td>${escape(time(s.start))}–${escape(time(s.end))}</td><td>${name(s.shift.name)}</td><td>${escape(s.crew ?? '—')}</td><td>${
          s.people.length ? s.people.map((id) => name(people.get(id)?.name ?? id)).join('、') : both('roster.nobody')
        }</td></tr>`,
    )
    .join('');
  const personRows = roster.people
    .map(
      (p) =>
        `<tr><td>${name(p.name)}<div class="id">${escape(p.id)}</div></td><td>${escape(p.role)}${p.group ? ` · ${escape(p.group)}` : ''}</td><td><ol>${orderedLadder(p.ladder).map(route).join('')}</ol></td></tr>`,
    )
    .join('');
  const unitRows = roster.units.map((u) => `<tr><td>${name(u.name)}</td><td>${escape(u.kind)}</td><td><ol>${orderedLadder(u.ladder).map(route).join('')}</ol></td></tr>`).join('');
  const deviceRows = roster.equipment
    .map(
      (e) =>
        `<tr><td>${escape(e.label)}</td><td>${escape([e.radioId, e.number, e.network].filter(Boolean).join(' · '))}</td><td>${name(people.get(e.keeper)?.name ?? e.keeper)}</td><td>${escape(e.simExpiry ?? '')}</td></tr>`,
    )
    .join('');
  const printed = formatInstant(input.generatedAt, { locale: 'zh-CN', timeZone }, 'dateTime');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${name(input.siteName)} — ${both('roster.printReady')}</title>
<style>
body{font-family:"Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;font-size:10pt;margin:12mm;color:#000}
h1{font-size:15pt;margin:0 0 4mm}h2{font-size:12pt;margin:6mm 0 2mm;border-bottom:1px solid #000}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #555;padding:1mm 2mm;vertical-align:top;text-align:left}
ol{margin:0;padding-left:5mm}.id{color:#555;font-size:8pt}.num{font-family:monospace;font-size:10.5pt}
tr{page-break-inside:avoid}@page{size:A4;margin:10mm}
</style></head><body>
<h1>${name(input.siteName)} — ${both('roster.printReady')}</h1>
<p>${both('roster.printedAt', { time: printed, zone: timeZone, console: input.consoleId })}</p>
<h2>${both('roster.col.shift')}</h2>
<table><thead><tr><th>${both('roster.col.shift')}</th><th></th><th>${both('roster.col.crew')}</th><th>${both('roster.col.name')}</th></tr></thead><tbody>${shiftRows}</tbody></table>
<h2>${both('roster.people')}</h2>
<table><thead><tr><th>${both('roster.col.name')}</th><th>${both('roster.col.role')}</th><th>${both('roster.col.ladder')}</th></tr></thead><tbody>${personRows}</tbody></table>
<h2>${both('roster.units')}</h2>
<table><tbody>${unitRows}</tbody></table>
<h2>${both('roster.equipment')}</h2>
<table><thead><tr><th>${both('roster.col.device')}</th><th></th><th>${both('roster.keeper', { name: '' })}</th><th>${both('roster.simExpiry', { date: '' })}</th></tr></thead><tbody>${deviceRows}</tbody></table>
</body></html>
`;
}
