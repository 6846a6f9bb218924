import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ConsoleError } from '../../../shared/errors';
import { applyPlanEdit, type ImportedImage } from '../../../shared/plans/apply';
import { MAX_PLAN_BYTES, type PlanEdit } from '../../../shared/plans/edit';
import { SiteFileSchema } from '../../../shared/site/schema';
import type { SiteView } from '../../../shared/site/view';
import { toFieldIssues } from '../../../shared/validation';
import type { JournalService } from '../journal/service';
import { writeError, writeFileAtomic } from '../support/atomicFile';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';
import { loadSite, type LoadedSite } from './loadSite';
import { buildSiteView } from './siteView';
import { sanitizeSvg, SvgRefusedError } from './svgSanitize';

/**
 * Loads the site the console edits. The built-in demo site (`"demo": true`)
 * lives in the app's resources, which must never be modified (and in a
 * packaged app cannot be): it is copied once into the data folder and the
 * copy is what opens and what the Plans section edits. The original is
 * validated first, so a bad site file changes nothing on disk. An unedited
 * copy is refreshed when the original changes (a new app version).
 */
export function loadEditableSite(siteFile: string, dataDir: string): LoadedSite {
  const original = loadSite(siteFile);
  if (!original.site.demo) return original;
  const copyDir = join(dataDir, 'site');
  const copyFile = join(copyDir, basename(original.file));
  const markerFile = join(copyDir, '.demo-origin.json');
  const originHash = sha256(readFileSync(original.file));
  if (existsSync(copyFile) && existsSync(markerFile)) {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as { originHash?: string; copyHash?: string };
    const edited = sha256(readFileSync(copyFile)) !== marker.copyHash;
    if (edited || marker.originHash === originHash) return loadSite(copyFile);
  }
  try {
    copyDemo(original.dir, copyDir);
    writeFileAtomic(markerFile, JSON.stringify({ originHash, copyHash: sha256(readFileSync(copyFile)) }), 'the copy of the demo site');
  } catch (err) {
    // A full disk: no half copy stays behind (the next start copies again), and the error is typed.
    rmSync(copyDir, { recursive: true, force: true });
    throw writeError(err, 'the copy of the demo site', copyDir);
  }
  return loadSite(copyFile);
}

function copyDemo(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  const clips = join(from, 'clips');
  cpSync(from, to, { recursive: true, filter: (src) => src !== clips && !src.startsWith(clips + sep) });
  if (!existsSync(clips)) return;
  try {
    // The demo clips are read-only media: link them rather than copy megabytes ('junction' needs no admin on Windows).
    symlinkSync(clips, join(to, 'clips'), process.platform === 'win32' ? 'junction' : 'dir');
  } catch {
    cpSync(clips, join(to, 'clips'), { recursive: true });
  }
}

export interface SiteEditorDeps {
  readonly site: LoadedSite;
  readonly journal: JournalService;
  readonly clock: Clock;
  readonly log: Log;
  /** Called with the new view after every saved edit (the core pushes it to the renderers). */
  readonly onChanged: (view: SiteView) => void;
}

/**
 * Floor-plan setup: applies one edit to the site file, validates the whole
 * new site with SiteFileSchema, writes it atomically, journals
 * `site.plan-changed` and pushes the new view. Refused edits leave the file
 * (and the plan images folder) exactly as they were. Edits run one at a time.
 */
export class SiteEditor {
  private current: SiteView;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SiteEditorDeps) {
    this.current = buildSiteView(deps.site.site);
  }

  view(): SiteView {
    return this.current;
  }

  edit(edit: PlanEdit, actor: string, approvedBy?: string): Promise<{ site: SiteView; what: string }> {
    const run = this.queue.then(() => this.apply(edit, actor, approvedBy));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async apply(edit: PlanEdit, actor: string, approvedBy: string | undefined): Promise<{ site: SiteView; what: string }> {
    const file = this.deps.site.file;
    const raw = JSON.parse(stripBom(readFileSync(file, 'utf8'))) as Record<string, unknown>;
    let image: ImportedImage | undefined;
    let imageFile: string | undefined;
    if (edit.op === 'import-plan') {
      const ext = edit.fileName.toLowerCase().endsWith('.svg') ? 'svg' : 'png';
      const bytes = ext === 'svg' ? cleanSvg(Buffer.from(edit.dataBase64, 'base64')) : Buffer.from(edit.dataBase64, 'base64');
      const size = imageSize(bytes, edit.fileName);
      const stamp = new Date(this.deps.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
      const rel = `floors/${edit.floor}-${stamp}.${ext}`;
      imageFile = resolve(this.deps.site.dir, rel);
      try {
        mkdirSync(dirname(imageFile), { recursive: true });
      } catch (err) {
        throw writeError(err, 'the floor plan', imageFile);
      }
      writeFileAtomic(imageFile, bytes, 'the floor plan');
      image = { path: rel, ...size };
    }
    try {
      const applied = applyPlanEdit(raw, edit, image);
      const parsed = SiteFileSchema.safeParse(applied.site);
      if (!parsed.success) {
        const issues = toFieldIssues(parsed.error);
        const first = issues[0];
        throw new ConsoleError('invalid-argument', `the site would be invalid: ${first ? `${first.path}: ${first.message}` : 'invalid'}`, issues);
      }
      writeFileAtomic(file, `${JSON.stringify(applied.site, null, 2)}\n`, 'the site file');
      this.current = buildSiteView(parsed.data);
      this.deps.log.info('site plan changed', { floor: applied.floor, what: applied.what, actor });
      await this.deps.journal.append(
        { kind: 'site.plan-changed', payload: { floor: applied.floor, what: applied.what, ...(approvedBy !== undefined ? { approvedBy } : {}) } },
        { actor, allowSystem: true },
      );
      this.deps.onChanged(this.current);
      return { site: this.current, what: applied.what };
    } catch (err) {
      // Refused: the image saved for this edit goes too, so nothing half-done stays behind.
      if (imageFile && !siteMentions(file, imageFile, this.deps.site.dir)) rmSync(imageFile, { force: true });
      throw err;
    }
  }
}

/** Whether the (current) site file names this image (then it must stay). */
function siteMentions(siteFile: string, image: string, dir: string): boolean {
  try {
    return readFileSync(siteFile, 'utf8').includes(relative(dir, image).split(sep).join('/'));
  } catch {
    return false;
  }
}

/**
 * An imported SVG plan, sanitised (svgSanitize.ts): an `onload` handler, a
 * script, a foreignObject or a reference to another file would otherwise run
 * or load whenever the plan is opened. What is stored is the clean copy.
 */
function cleanSvg(bytes: Buffer): Buffer {
  if (bytes.length === 0) throw badImage('the file is empty');
  if (bytes.length > MAX_PLAN_BYTES) throw badImage(`the file is ${bytes.length} bytes; the limit is ${MAX_PLAN_BYTES}`);
  try {
    return Buffer.from(sanitizeSvg(stripBom(bytes.toString('utf8'))), 'utf8');
  } catch (err) {
    if (err instanceof SvgRefusedError) throw badImage(err.message);
    throw err;
  }
}

/** Pixel size of a PNG (IHDR) or an SVG (width/height, else viewBox); refuses anything else. */
export function imageSize(bytes: Buffer, fileName: string): { widthPx: number; heightPx: number } {
  if (bytes.length === 0) throw badImage('the file is empty');
  if (bytes.length > MAX_PLAN_BYTES) throw badImage(`the file is ${bytes.length} bytes; the limit is ${MAX_PLAN_BYTES}`);
  if (fileName.toLowerCase().endsWith('.png')) {
    const signature = '89504e470d0a1a0a';
    if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') {
      throw badImage('not a PNG image');
    }
    return checked(bytes.readUInt32BE(16), bytes.readUInt32BE(20));
  }
  const text = bytes.subarray(0, 64 * 1024).toString('utf8');
  const tag = /<svg\b[^>]*>/i.exec(text)?.[0];
  if (!tag) throw badImage('not an SVG image (no <svg> element)');
  if (/<script\b/i.test(bytes.toString('utf8'))) throw badImage('SVG plans may not contain scripts');
  const attr = (name: string): string | undefined => new RegExp(`\\s${name}\\s*=\\s*["']([^"']+)["']`, 'i').exec(tag)?.[1];
  const px = (v: string | undefined): number | undefined => {
    const m = v ? /^\s*([\d.]+)\s*(px)?\s*$/.exec(v) : null;
    return m ? Number(m[1]) : undefined;
  };
  const viewBox = attr('viewBox')?.trim().split(/[\s,]+/).map(Number);
  const width = px(attr('width')) ?? viewBox?.[2];
  const height = px(attr('height')) ?? viewBox?.[3];
  if (width === undefined || height === undefined) throw badImage('the SVG has no width/height or viewBox in pixels');
  return checked(Math.round(width), Math.round(height));
}

function checked(widthPx: number, heightPx: number): { widthPx: number; heightPx: number } {
  if (!(widthPx > 0 && heightPx > 0 && widthPx <= 100_000 && heightPx <= 100_000)) throw badImage(`implausible image size ${widthPx}×${heightPx}`);
  return { widthPx, heightPx };
}

function badImage(message: string): ConsoleError {
  return new ConsoleError('invalid-argument', `plan image refused: ${message}`, [{ path: 'dataBase64', message }]);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
