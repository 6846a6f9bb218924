/** Sections of the duty desk. */
export const deskSections = ['ops', 'alerts', 'roster', 'journal', 'drills', 'plans', 'consoles', 'sites', 'accounts'] as const;
export type DeskSection = (typeof deskSections)[number];

/** Hash routes: #/desk[/section], #/wall, #/wall/2 (a wall window's address), #/replay. */
export type Route =
  | { readonly view: 'desk'; readonly section: DeskSection }
  | { readonly view: 'wall'; readonly monitor: number }
  | { readonly view: 'replay' };

export function parseRoute(hash: string, fallback: Route = { view: 'desk', section: 'ops' }): Route {
  const parts = hash.replace(/^#\/?/, '').split(/[/?]/).filter((p) => p !== '');
  switch (parts[0]) {
    case 'desk': {
      const section = deskSections.find((s) => s === parts[1]) ?? 'ops';
      return { view: 'desk', section };
    }
    case 'replay':
      return { view: 'replay' };
    case 'wall': {
      const monitor = Number(parts[1] ?? '1');
      return { view: 'wall', monitor: Number.isInteger(monitor) && monitor >= 1 && monitor <= 64 ? monitor : 1 };
    }
    default:
      return fallback;
  }
}

export function routeHash(route: Route): string {
  if (route.view === 'wall') return `#/wall/${route.monitor}`;
  if (route.view === 'desk') return route.section === 'ops' ? '#/desk' : `#/desk/${route.section}`;
  return `#/${route.view}`;
}
