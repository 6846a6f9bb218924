import { join } from 'node:path';
import type { DrillReportResult } from '../../../shared/contract';
import { ConsoleError } from '../../../shared/errors';
import type { DrillScenario } from '../../../shared/drill/scenario';
import { scoreDrill } from '../../../shared/drill/scoring';
import { localize, type Locale } from '../../../shared/i18n';
import type { JournalEntry } from '../../../shared/journal/entry';
import { renderDrillReport, type DrillEvaluation } from '../../../shared/reports/drillReport';
import type { DrillRecord } from '../../../shared/replay/types';
import type { SiteFile } from '../../../shared/site/schema';
import type { ReplayClient } from '../replay/client';
import { writeFileAtomic } from '../support/atomicFile';
import { mkdirPrivate } from '../support/privateFiles';

/**
 * Builds a drill's after-action report from a recorded journal: the live one
 * (opened read-only like any replay, so peers' entries count too) or a
 * replay the user has open (a kept file or an exported bundle, offline).
 * Written to <dataDir>/reports/drill-<run>-<locale>.html for viewing and printing.
 */
export async function writeDrillReport(options: {
  replay: ReplayClient;
  replayId: string | undefined;
  sourceLabel: string;
  startId: string;
  site: SiteFile;
  scenarios: readonly DrillScenario[];
  locale: Locale;
  dataDir: string;
  now: number;
}): Promise<DrillReportResult> {
  let record: DrillRecord;
  if (options.replayId) record = await options.replay.drillRecord(options.replayId, options.startId);
  else {
    const opened = await options.replay.open({ kind: 'live' });
    try {
      record = await options.replay.drillRecord(opened.replayId, options.startId);
    } finally {
      await options.replay.close(opened.replayId);
    }
  }
  const scenario = options.scenarios.find((s) => s.id === record.run.scenarioId);
  if (!scenario) {
    throw new ConsoleError('not-found', `the drill scenario "${record.run.scenarioId}" is not on this site, so its targets are unknown`, [
      { path: 'startId', message: 'scenario missing' },
    ]);
  }
  const score = scoreDrill(record.run, scenario, record.entries);
  const names: Record<string, string> = {};
  for (const p of options.site.roster.people) names[p.id] = localize(p.name, options.locale);
  const evaluations: DrillEvaluation[] = record.evaluations.map((e: JournalEntry) => {
    const p = e.payload as Omit<DrillEvaluation, 'by' | 'at'>;
    return { strengths: p.strengths, improvements: p.improvements, correctiveActions: p.correctiveActions, by: e.actor, at: e.occurredAt };
  });
  const observations = record.annotations.map((e) => {
    const p = e.payload as { text: string; observedAt: number };
    return { at: p.observedAt, text: p.text, by: e.actor };
  });
  const html = renderDrillReport(
    {
      siteName: localize(options.site.name, options.locale),
      timeZone: options.site.timezone,
      scenario,
      score,
      evaluations,
      observations,
      names,
      generatedAt: options.now,
      source: options.sourceLabel,
    },
    options.locale,
  );
  const dir = join(options.dataDir, 'reports');
  mkdirPrivate(dir);
  const name = `drill-${options.startId.slice(-12)}-${options.locale}.html`;
  const file = join(dir, name);
  writeFileAtomic(file, html);
  return { startId: options.startId, url: `reports/${name}`, file, passed: score.passed, total: score.total, score };
}
