import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DrillScenarioSchema, type DrillScenario } from '../../../shared/drill/scenario';
import { ConsoleError, type FieldIssue } from '../../../shared/errors';
import { SiteFileSchema, type SiteFile } from '../../../shared/site/schema';
import { toFieldIssues } from '../../../shared/validation';
import { locateJsonError } from './jsonSyntax';

/** Site files are hand-edited JSON; anything this large is a mistake. */
const MAX_SITE_BYTES = 8 * 1024 * 1024;

export interface SiteWarning {
  readonly file: string;
  readonly path: string;
  readonly message: string;
}

export interface LoadedSite {
  readonly file: string;
  readonly dir: string;
  readonly site: SiteFile;
  readonly drills: readonly { readonly path: string; readonly scenario: DrillScenario }[];
  /** Problems that do not stop the site opening (a missing plan image, a bad drill file). */
  readonly warnings: readonly SiteWarning[];
}

/**
 * Reads and validates a site file. Throws `invalid-site` naming the file, the
 * field and why; it reads nothing else until the file itself is valid, and it
 * never writes.
 */
export function loadSite(siteFile: string): LoadedSite {
  const file = resolve(siteFile);
  const raw = readJson(file);
  const parsed = SiteFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw siteError(file, issues);
  }
  const site = parsed.data;
  const dir = dirname(file);
  const warnings: SiteWarning[] = [];

  site.floors.forEach((floor, i) => {
    const image = resolve(dir, floor.plan.image);
    if (!isFile(image)) {
      warnings.push({ file, path: `floors[${i}].plan.image`, message: `plan image not found: ${floor.plan.image}` });
    }
  });

  const drills: { path: string; scenario: DrillScenario }[] = [];
  site.drills.forEach((rel, i) => {
    const path = resolve(dir, rel);
    try {
      const scenario = DrillScenarioSchema.safeParse(readJson(path));
      if (scenario.success) drills.push({ path, scenario: scenario.data });
      else {
        for (const issue of toFieldIssues(scenario.error)) warnings.push({ file: path, ...issue });
      }
    } catch (err) {
      warnings.push({ file, path: `drills[${i}]`, message: err instanceof Error ? err.message : String(err) });
    }
  });

  return { file, dir, site, drills, warnings };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_SITE_BYTES) throw siteError(file, [{ path: '(file)', message: `file is ${size} bytes; the limit is ${MAX_SITE_BYTES}` }]);
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ConsoleError) throw err;
    const message = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((err as Error).message);
    throw siteError(file, [{ path: '(file)', message }]);
  }
  try {
    return JSON.parse(stripBom(text)) as unknown;
  } catch (err) {
    throw siteError(file, [{ path: '(file)', message: `not valid JSON: ${describeJsonError(err, stripBom(text))}` }]);
  }
}

/** Names the line and column where the JSON goes wrong and what was expected there. */
function describeJsonError(_err: unknown, text: string): string {
  const { line, column, expected } = locateJsonError(text);
  return `line ${line}, column ${column}: expected ${expected}`;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function siteError(file: string, issues: FieldIssue[]): ConsoleError {
  const lines = issues.slice(0, 20).map((i) => `  ${i.path}: ${i.message}`);
  const more = issues.length > 20 ? [`  … and ${issues.length - 20} more`] : [];
  return new ConsoleError('invalid-site', [`Site file ${file} is invalid:`, ...lines, ...more].join('\n'), issues);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
