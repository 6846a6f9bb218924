import { useEffect, useState } from 'react';
import { SupervisorBanner } from '../features/alerts';
import { DeskView } from '../features/desk';
import { DrillBanner } from '../features/drills';
import { JournalBanner } from '../features/journal';
import { ReplayView } from '../features/replay';
import { SessionGate } from '../features/session';
import { WallView } from '../features/wall';
import { useT } from '../i18n/useT';
import { parseRoute, type Route } from './routes';
import { useConsole } from './StoreContext';
import { TopBar } from './TopBar';

function useRoute(fallback: Route): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash, fallback));
  useEffect(() => {
    const onHash = (): void => setRoute(parseRoute(window.location.hash, fallback));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [fallback]);
  return route;
}

const DEFAULT_ROUTE: Route = { view: 'desk', section: 'ops' };

export function App() {
  const route = useRoute(DEFAULT_ROUTE);
  const loadState = useConsole((s) => s.loadState);
  const loadError = useConsole((s) => s.loadError);
  const locale = useConsole((s) => s.settings.locale);
  const t = useT();

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);

  useEffect(() => {
    document.body.dataset.view = route.view;
  }, [route.view]);

  if (loadState === 'failed') {
    return (
      <div className="fullscreen-message" role="alert">
        {t('app.loadFailed', { message: loadError ?? '' })}
      </div>
    );
  }
  if (loadState !== 'ready') return <div className="fullscreen-message">{t('app.loading')}</div>;

  return (
    <div className={`app app--${route.view}`}>
      <TopBar route={route} interactive={route.view !== 'wall'} />
      <JournalBanner interactive={route.view === 'desk'} />
      <DrillBanner interactive={route.view === 'desk'} />
      {route.view === 'desk' && <SupervisorBanner />}
      {route.view === 'desk' && <DeskView section={route.section} />}
      {route.view === 'wall' && <WallView monitor={route.monitor} />}
      {route.view === 'replay' && <ReplayView />}
      {/* A wall view is a display: no sign-in over it (a wall station's session never asks either). */}
      {route.view !== 'wall' && <SessionGate />}
    </div>
  );
}
