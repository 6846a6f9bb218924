import type { z } from 'zod';

/**
 * The checks a schema cannot express field by field: ids unique within their
 * kind, and every reference pointing at something that exists.
 * Written against a structural type so it can run inside the schema's superRefine.
 */
interface SiteShape {
  floors: { id: string; plan: { widthPx: number; heightPx: number; metresPerPixel: number } }[];
  zones: { id: string; floor: string; polygon: [number, number][]; warden?: string | undefined }[];
  cameras: {
    id: string;
    floor: string;
    position: [number, number];
    zone?: string | undefined;
    streams: { main: { kind: string; sfu?: string }; sub: { kind: string; sfu?: string } };
  }[];
  cameraGroups: { id: string; cameras: string[] }[];
  sensors: { id: string; floor: string; position: [number, number]; zone?: string | undefined; cameras: string[] }[];
  alertTypes: { code: string; checklist: (string | { id?: string | undefined; text?: unknown; contact?: string | undefined; camera?: string | undefined; en?: string | undefined })[] }[];
  roster: {
    people: { id: string; supervisor?: string | undefined; backup?: string | undefined }[];
    units: { id: string }[];
    shifts: { id: string }[];
    crews: { id: string; members: string[] }[];
    rota?: { cycle: Record<string, string>[] } | undefined;
    equipment: { id: string; keeper: string }[];
  };
  sfus: { id: string }[];
}

export function checkSiteReferences(site: SiteShape, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string): void => {
    ctx.addIssue({ code: 'custom', path, message });
  };

  const unique = (items: { id: string }[], key: string): Set<string> => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) issue([key, i, 'id'], `duplicate id "${item.id}"`);
      seen.add(item.id);
    });
    return seen;
  };

  const floors = unique(site.floors, 'floors');
  const zones = unique(site.zones, 'zones');
  const cameras = unique(site.cameras, 'cameras');
  unique(site.cameraGroups, 'cameraGroups');
  unique(site.sensors, 'sensors');
  const sfus = unique(site.sfus, 'sfus');
  const people = new Set(site.roster.people.map((p) => p.id));
  const codes = new Set<string>();
  site.alertTypes.forEach((t, i) => {
    if (codes.has(t.code)) issue(['alertTypes', i, 'code'], `duplicate alert type "${t.code}"`);
    codes.add(t.code);
  });

  const floorSize = new Map<string, readonly [number, number]>(
    site.floors.map((f) => [f.id, [f.plan.widthPx * f.plan.metresPerPixel, f.plan.heightPx * f.plan.metresPerPixel]] as const),
  );
  const onFloor = (path: PropertyKey[], floor: string, point: [number, number]): void => {
    const size = floorSize.get(floor);
    if (!size) return;
    const [w, h] = size;
    if (point[0] < 0 || point[1] < 0 || point[0] > w || point[1] > h) {
      issue(path, `point (${point[0]}, ${point[1]}) m lies outside the floor plan (${w.toFixed(1)} × ${h.toFixed(1)} m)`);
    }
  };

  site.zones.forEach((z, i) => {
    if (!floors.has(z.floor)) issue(['zones', i, 'floor'], `unknown floor "${z.floor}"`);
    z.polygon.forEach((p, j) => onFloor(['zones', i, 'polygon', j], z.floor, p));
    if (z.warden !== undefined && !people.has(z.warden)) issue(['zones', i, 'warden'], `unknown person "${z.warden}"`);
  });

  site.cameras.forEach((c, i) => {
    if (!floors.has(c.floor)) issue(['cameras', i, 'floor'], `unknown floor "${c.floor}"`);
    onFloor(['cameras', i, 'position'], c.floor, c.position);
    if (c.zone !== undefined && !zones.has(c.zone)) issue(['cameras', i, 'zone'], `unknown zone "${c.zone}"`);
    for (const name of ['main', 'sub'] as const) {
      const s = c.streams[name];
      if (s.kind === 'mediasoup' && s.sfu !== undefined && !sfus.has(s.sfu)) {
        issue(['cameras', i, 'streams', name, 'sfu'], `unknown SFU "${s.sfu}"`);
      }
    }
  });

  site.cameraGroups.forEach((g, i) =>
    g.cameras.forEach((id, j) => {
      if (!cameras.has(id)) issue(['cameraGroups', i, 'cameras', j], `unknown camera "${id}"`);
    }),
  );

  site.sensors.forEach((s, i) => {
    if (!floors.has(s.floor)) issue(['sensors', i, 'floor'], `unknown floor "${s.floor}"`);
    onFloor(['sensors', i, 'position'], s.floor, s.position);
    if (s.zone !== undefined && !zones.has(s.zone)) issue(['sensors', i, 'zone'], `unknown zone "${s.zone}"`);
    s.cameras.forEach((id, j) => {
      if (!cameras.has(id)) issue(['sensors', i, 'cameras', j], `unknown camera "${id}"`);
    });
  });

  const roster = site.roster;
  unique(roster.people, 'roster.people');
  unique(roster.units, 'roster.units');
  const shifts = unique(roster.shifts, 'roster.shifts');
  const crews = unique(roster.crews, 'roster.crews');
  unique(roster.equipment, 'roster.equipment');
  roster.people.forEach((p, i) => {
    if (p.supervisor !== undefined && !people.has(p.supervisor)) {
      issue(['roster', 'people', i, 'supervisor'], `unknown person "${p.supervisor}"`);
    }
    if (p.backup !== undefined && !people.has(p.backup)) issue(['roster', 'people', i, 'backup'], `unknown person "${p.backup}"`);
  });
  roster.crews.forEach((c, i) =>
    c.members.forEach((m, j) => {
      if (!people.has(m)) issue(['roster', 'crews', i, 'members', j], `unknown person "${m}"`);
    }),
  );
  roster.rota?.cycle.forEach((day, i) => {
    for (const [shift, crew] of Object.entries(day)) {
      if (!shifts.has(shift)) issue(['roster', 'rota', 'cycle', i, shift], `unknown shift "${shift}"`);
      if (!crews.has(crew)) issue(['roster', 'rota', 'cycle', i, shift], `unknown crew "${crew}"`);
    }
  });
  roster.equipment.forEach((e, i) => {
    if (!people.has(e.keeper)) issue(['roster', 'equipment', i, 'keeper'], `unknown person "${e.keeper}"`);
  });

  // Response plan steps: ids unique within a plan (ticks are journaled by id), and what a step opens exists.
  const contacts = new Set([...people, ...roster.units.map((u) => u.id)]);
  site.alertTypes.forEach((t, i) => {
    const ids = new Set<string>();
    t.checklist.forEach((step, j) => {
      const path = ['alertTypes', i, 'checklist', j];
      const named = typeof step === 'object' && 'text' in step ? step : undefined;
      const id = named?.id ?? `step-${j + 1}`;
      if (ids.has(id)) issue([...path, 'id'], `step id "${id}" is used twice in this plan`);
      ids.add(id);
      if (named?.contact !== undefined && !contacts.has(named.contact)) issue([...path, 'contact'], `unknown roster person or unit "${named.contact}"`);
      if (named?.camera !== undefined && !cameras.has(named.camera)) issue([...path, 'camera'], `unknown camera "${named.camera}"`);
    });
  });
}
