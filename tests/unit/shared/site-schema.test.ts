import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SiteFileSchema } from '../../../shared/site/schema';
import { toFieldIssues } from '../../../shared/validation';
import { demoSiteFile } from '../../support/paths';

const demo = (): Record<string, unknown> => JSON.parse(readFileSync(demoSiteFile, 'utf8')) as Record<string, unknown>;

function issuesOf(site: unknown): { path: string; message: string }[] {
  const result = SiteFileSchema.safeParse(site);
  return result.success ? [] : toFieldIssues(result.error);
}

describe('site file schema', () => {
  it('accepts the built-in demo site with the content the domain asks for', () => {
    const site = SiteFileSchema.parse(demo());
    expect(site.floors).toHaveLength(2);
    expect(site.cameras.length).toBeGreaterThanOrEqual(16);
    expect(new Set(site.zones.map((z) => z.kind))).toEqual(
      expect.objectContaining(new Set(['entrance', 'perimeter', 'quarantine-wing', 'checkpoint', 'key-area'])),
    );
    for (const kind of ['entrance', 'perimeter', 'quarantine-wing', 'checkpoint', 'key-area']) {
      expect(site.zones.some((z) => z.kind === kind), kind).toBe(true);
    }
    expect(site.roster.people.length).toBeGreaterThan(10);
    expect(site.roster.units.map((u) => u.kind)).toEqual(expect.arrayContaining(['police', 'fire', 'medical', 'hospital', 'command-centre']));
    expect(site.drills).toHaveLength(2);
    expect(site.responseTargets.default.radioReportSec).toBe(60);
    expect(site.responseTargets.default.startPlanSec).toBe(180);
    expect(site.responseTargets.default.onSceneSec).toBe(600);
  });

  it('names the field and the reason for a bad value', () => {
    const site = demo() as { cameras: { heading: unknown }[] };
    site.cameras[2]!.heading = 400;
    const issues = issuesOf(site);
    expect(issues).toContainEqual({ path: 'cameras[2].heading', message: expect.stringContaining('<=360') as string });
  });

  it('refuses a time zone the runtime does not know, naming the field (every comms check threw on it)', () => {
    expect(issuesOf({ ...demo(), timezone: 'Mars/Olympus' })).toContainEqual({ path: 'timezone', message: expect.stringContaining('IANA time zone') as string });
    expect(issuesOf({ ...demo(), timezone: 'Asia/Shanghai' })).toEqual([]);
    expect(issuesOf({ ...demo(), timezone: 'UTC' })).toEqual([]);
  });

  it('refuses unknown keys, so a typo is caught instead of ignored', () => {
    const site = { ...demo(), camreas: [] };
    expect(issuesOf(site).map((i) => i.path)).toContain('(root)');
    expect(issuesOf(site)[0]?.message).toContain('camreas');
  });

  it('checks references: unknown floors, zones, people and duplicate ids', () => {
    const site = demo() as {
      cameras: { floor: string; zone?: string; id: string }[];
      zones: { warden?: string }[];
      roster: { crews: { members: string[] }[] };
    };
    site.cameras[0]!.floor = 'f9';
    site.cameras[1]!.zone = 'nowhere';
    site.cameras[2]!.id = site.cameras[3]!.id;
    site.zones[0]!.warden = 'ghost';
    site.roster.crews[0]!.members.push('nobody');
    const paths = issuesOf(site).map((i) => `${i.path}: ${i.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'cameras[0].floor: unknown floor "f9"',
        'cameras[1].zone: unknown zone "nowhere"',
        `cameras[3].id: duplicate id "${site.cameras[3]!.id}"`,
        'zones[0].warden: unknown person "ghost"',
        'roster.crews[0].members[3]: unknown person "nobody"',
      ]),
    );
  });

  it('refuses points outside the floor plan', () => {
    const site = demo() as { cameras: { position: number[] }[] };
    site.cameras[0]!.position = [75, 10];
    expect(issuesOf(site)[0]).toEqual({ path: 'cameras[0].position', message: expect.stringContaining('outside the floor plan') as string });
  });

  it('refuses site paths that climb out of the site folder', () => {
    const site = demo() as { floors: { plan: { image: string } }[] };
    site.floors[0]!.plan.image = '../../etc/passwd';
    expect(issuesOf(site)[0]?.path).toBe('floors[0].plan.image');
  });

  it('accepts satellite numbers that generic validators reject, and refuses malformed ones', () => {
    const site = demo() as { roster: { people: { ladder: Record<string, unknown>[] }[] } };
    site.roster.people[0]!.ladder.push({ method: 'satphone', rank: 'emergency', number: '+8816555123456', network: 'iridium' });
    site.roster.people[0]!.ladder.push({ method: 'satphone', rank: 'emergency', number: '+88216123456789', network: 'thuraya' });
    expect(issuesOf(site)).toEqual([]);
    site.roster.people[0]!.ladder.push({ method: 'satphone', rank: 'emergency', number: '881 6555 123', network: 'iridium' });
    expect(issuesOf(site)[0]?.path).toMatch(/^roster\.people\[0\]\.ladder\[\d+\]\.number$/);
  });
});
