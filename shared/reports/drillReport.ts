import type { DrillScenario } from '../drill/scenario';
import { stepIntervals, type DrillScore, type InjectScore } from '../drill/scoring';
import { translate, type Locale, type MessageKey } from '../i18n';
import { localize } from '../i18n/locale';
import { formatInstant } from '../time/format';

export interface DrillEvaluation {
  readonly strengths: readonly string[];
  readonly improvements: readonly string[];
  readonly correctiveActions: readonly { readonly action: string; readonly owner: string; readonly due: string }[];
  readonly by: string;
  readonly at: number;
}

export interface DrillReportInput {
  readonly siteName: string;
  readonly timeZone: string;
  readonly scenario: DrillScenario;
  readonly score: DrillScore;
  /** Every evaluation entered for the run, oldest first; the report shows them all. */
  readonly evaluations: readonly DrillEvaluation[];
  readonly observations: readonly { readonly at: number; readonly text: string; readonly by: string }[];
  readonly names: Readonly<Record<string, string>>;
  readonly generatedAt: number;
  readonly source: string;
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Horizontal bars: each expected action's time against its target, failures in red. Plain SVG so it prints. */
function chart(score: DrillScore, label: (s: InjectScore, action: string) => string): string {
  const rows = score.injects.flatMap((s) => s.actions.map((a) => ({ name: label(s, a.action), a })));
  if (rows.length === 0) return '';
  const max = Math.max(...rows.map((r) => Math.max(r.a.targetSec, r.a.tookSec ?? 0)), 1);
  const W = 640;
  const left = 240;
  const bar = 14;
  const gap = 8;
  const h = rows.length * (bar + gap) + 24;
  const x = (sec: number): number => left + ((W - left - 60) * sec) / max;
  const body = rows
    .map((r, i) => {
      const y = 8 + i * (bar + gap);
      const took = r.a.tookSec;
      const fill = r.a.pass ? '#2e7d32' : '#c62828';
      return [
        `<text x="${left - 6}" y="${y + bar - 3}" text-anchor="end" font-size="11">${escape(r.name)}</text>`,
        took === null
          ? `<text x="${left + 4}" y="${y + bar - 3}" font-size="11" fill="#c62828">—</text>`
          : `<rect x="${left}" y="${y}" width="${Math.max(1, x(took) - left)}" height="${bar}" fill="${fill}"><title>${took} s</title></rect>`,
        `<line x1="${x(r.a.targetSec)}" x2="${x(r.a.targetSec)}" y1="${y - 2}" y2="${y + bar + 2}" stroke="#111" stroke-width="2" stroke-dasharray="3 2"/>`,
        took === null ? '' : `<text x="${x(took) + 4}" y="${y + bar - 3}" font-size="10">${took}s</text>`,
      ].join('');
    })
    .join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${h}" width="100%" role="img" data-chart="response-times">${body}</svg>`;
}

/**
 * The after-action report as a self-contained printable page: the score
 * measured from the journal (per inject and objective, against targets,
 * with a chart), then the evaluator's strengths, improvements and
 * corrective actions, and the observers' notes.
 */
export function renderDrillReport(input: DrillReportInput, locale: Locale): string {
  const t = (key: MessageKey, params?: Record<string, string | number>): string => translate(locale, key, params);
  const { score, scenario } = input;
  const when = (ms: number | null): string =>
    ms === null
      ? '—'
      : formatInstant(ms, { locale, timeZone: input.timeZone }, 'dateTime');
  const who = (actor: string | null): string => (actor ? (input.names[actor] ?? actor) : '—');
  const actionName = (a: string): string => t(`aar.action.${a}` as MessageKey);
  const result = (pass: boolean): string => `<b class="${pass ? 'pass' : 'fail'}">${escape(t(pass ? 'aar.pass' : 'aar.fail'))}</b>`;
  const endReason = score.endReason ?? 'running';
  const injectRows = score.injects
    .map((s) =>
      s.actions
        .map(
          (a, i) =>
            `<tr data-inject="${escape(s.injectId)}" data-action="${a.action}" data-pass="${a.pass}">${i === 0 ? `<td rowspan="${s.actions.length}">${escape(s.injectId)}${s.firedAt === null ? `<br><i>${escape(t('aar.notFired'))}</i>` : ''}</td>` : ''}<td>${escape(actionName(a.action))}${a.step !== undefined ? ` · ${escape(a.step)}` : ''}</td><td>${a.targetSec} s</td><td>${a.tookSec === null ? escape(t('aar.notDone')) : `${a.tookSec} s`}</td><td>${result(a.pass)}</td><td>${escape(who(a.by))}</td></tr>`,
        )
        .join(''),
    )
    .join('');
  const intervals = score.injects
    .filter((s) => s.kind === 'alert')
    .map(
      (s) =>
        `<tr><td>${escape(s.injectId)}</td><td>${stepIntervals(s)
          .map((iv) => `${escape(actionName(iv.from))} → ${escape(actionName(iv.to))}: ${iv.sec === null ? '—' : `${iv.sec} s`}`)
          .join('<br>')}</td></tr>`,
    )
    .join('');
  const objectives = score.objectives
    .map((o) => {
      const def = scenario.objectives.find((d) => d.id === o.id);
      return `<tr data-objective="${escape(o.id)}"><td>${escape(def ? localize(def.text, locale) : o.id)}</td><td>${o.passed}/${o.total}</td><td>${result(o.pass)}</td></tr>`;
    })
    .join('');
  const list = (items: readonly string[]): string =>
    items.length === 0 ? '<p class="none">—</p>' : `<ul>${items.map((s) => `<li>${escape(s)}</li>`).join('')}</ul>`;
  const evaluation =
    input.evaluations.length === 0
      ? `<p class="none">${escape(t('aar.noEvaluation'))}</p>`
      : input.evaluations
          .map(
            (e) => `<div class="eval"><p class="meta">${escape(who(e.by))} · ${escape(when(e.at))}</p>
<h3>${escape(t('aar.strengths'))}</h3>${list(e.strengths)}
<h3>${escape(t('aar.improvements'))}</h3>${list(e.improvements)}
<h3>${escape(t('aar.corrective'))}</h3>${
              e.correctiveActions.length === 0
                ? '<p class="none">—</p>'
                : `<table><thead><tr><th>${escape(t('aar.corrective'))}</th><th>${escape(t('aar.col.owner'))}</th><th>${escape(t('aar.col.due'))}</th></tr></thead><tbody>${e.correctiveActions
                    .map((c) => `<tr><td>${escape(c.action)}</td><td>${escape(c.owner)}</td><td>${escape(c.due)}</td></tr>`)
                    .join('')}</tbody></table>`
            }</div>`,
          )
          .join('');
  const observations =
    input.observations.length === 0
      ? '<p class="none">—</p>'
      : `<table><tbody>${input.observations.map((o) => `<tr><td>${escape(when(o.at))}</td><td>${escape(who(o.by))}</td><td>${escape(o.text)}</td></tr>`).join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escape(t('aar.title'))} · ${escape(localize(scenario.name, locale))}</title>
<style>
  body { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif; margin: 2rem; color: #111; }
  h1 { font-size: 20px; margin: 0 0 0.25rem; } h2 { font-size: 15px; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid #999; } h3 { font-size: 13px; margin: 0.75rem 0 0.25rem; }
  .meta { color: #444; font-size: 12px; } table { width: 100%; border-collapse: collapse; font-size: 12px; }
  th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
  .pass { color: #1b5e20; } .fail { color: #b71c1c; } .none { color: #555; font-style: italic; }
  .summary { font-size: 16px; font-weight: 700; } .chart { max-width: 720px; display: block; }
  @page { size: A4; margin: 15mm; } @media print { body { margin: 0; } }
</style></head><body>
<h1>${escape(t('aar.title'))} · ${escape(input.siteName)}</h1>
<div class="meta">${escape(t('aar.scenario'))}: ${escape(localize(scenario.name, locale))} (${escape(scenario.id)}) · ${escape(t('aar.started'))}: ${escape(when(score.startedAt))} · ${escape(t('aar.ended'))}: ${escape(when(score.endedAt))} (${escape(t(`aar.endReason.${endReason}` as MessageKey))}) · ${escape(t('aar.speed'))}: ${score.speed}×</div>
<p class="summary" data-summary="${score.passed}/${score.total}">${escape(t('aar.summary', { passed: score.passed, total: score.total }))}</p>
<h2>${escape(t('aar.objectives'))}</h2>
<table><tbody>${objectives}</tbody></table>
<h2>${escape(t('aar.injects'))}</h2>
<table><thead><tr><th>${escape(t('aar.col.inject'))}</th><th>${escape(t('aar.col.action'))}</th><th>${escape(t('aar.col.target'))}</th><th>${escape(t('aar.col.took'))}</th><th>${escape(t('aar.col.result'))}</th><th>${escape(t('aar.col.by'))}</th></tr></thead><tbody>${injectRows}</tbody></table>
<h2>${escape(t('aar.chart'))}</h2>
${chart(score, (s, a) => `${s.injectId} · ${actionName(a)}`)}
<h2>${escape(t('aar.intervals'))}</h2>
<table><tbody>${intervals}</tbody></table>
<h2>${escape(t('aar.evaluate'))}</h2>
${evaluation}
<h2>${escape(t('aar.observations'))}</h2>
${observations}
<p class="meta">${escape(t('aar.source'))}: ${escape(input.source)} · ${escape(t('aar.generated'))}: ${escape(formatInstant(input.generatedAt, { locale, timeZone: input.timeZone }, 'dateTime'))}</p>
</body></html>
`;
}
