/** Hash routes: #/desk, #/wall, #/wall/2 (a wall window's address), #/replay. */
export type Route = { readonly view: 'desk' } | { readonly view: 'wall'; readonly monitor: number } | { readonly view: 'replay' };

export function parseRoute(hash: string, fallback: Route = { view: 'desk' }): Route {
  const parts = hash.replace(/^#\/?/, '').split(/[/?]/).filter((p) => p !== '');
  switch (parts[0]) {
    case 'desk':
      return { view: 'desk' };
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
  return route.view === 'wall' ? `#/wall/${route.monitor}` : `#/${route.view}`;
}
