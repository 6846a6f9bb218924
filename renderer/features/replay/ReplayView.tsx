import { useEffect, useMemo, useState } from 'react';
import type { ReplayInfo, ReplaySource, ReplaySourceInfo } from '../../../shared/replay/types';
import { createReplayStore } from '../../app/store';
import { StoreProvider, useConsole, useConsoleApi } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { DrillBanner } from '../drills';
import { ReplayPlayer, type PlayerFrame } from './player';
import { ReplayPanels } from './ReplayPanels';
import { ReplayTimeline } from './ReplayTimeline';
import { errorText } from '../../ui/errorText';

/**
 * Offline drill replay: open a recorded journal, move along its timeline,
 * and see every panel as it was at that moment. Works with no network: the
 * core reads the file; nothing here reaches the bus.
 */
/** How often the panels follow the timeline while playing. */
const PANEL_INTERVAL_MS = 200;

export function ReplayView() {
  const t = useT();
  const api = useConsoleApi();
  const bootstrap = useConsole((s) => s.bootstrap);
  const settings = useConsole((s) => s.settings);
  // Observer notes go to this console's live journal (the replay store's API refuses every write).
  const recordEntry = useConsole((s) => s.recordEntry);
  const [sources, setSources] = useState<readonly ReplaySourceInfo[]>([]);
  const [path, setPath] = useState('');
  const [player, setPlayer] = useState<ReplayPlayer | undefined>();
  const [frame, setFrame] = useState<PlayerFrame | undefined>();
  const [panelFrame, setPanelFrame] = useState<PlayerFrame | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [opening, setOpening] = useState(false);

  // A store of its own over the read-only API: the panels read the replayed state, never the live one,
  // and nothing they do can change the present.
  const replayStore = useMemo(() => createReplayStore(api), [api]);
  useEffect(() => {
    replayStore.setState({ bootstrap, settings, loadState: 'ready' });
  }, [replayStore, bootstrap, settings]);

  // Listing the recordings needs someone signed in (an observer at least): listed again when who is at the keyboard changes.
  const owner = useConsole((s) => s.session?.owner ?? null);
  useEffect(() => {
    if (owner === null) return;
    api.listReplaySources().then(
      (list) => {
        setSources(list);
        setError(undefined);
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, [api, owner]);

  useEffect(() => {
    if (!player) return undefined;
    // The transport moves every animation frame; the panels (plan, journal, drills) follow at most
    // five times a second while playing, and only when the state or the entries changed: re-rendering
    // them on every frame at 60x is what would drop the frame rate.
    let shown: PlayerFrame | undefined;
    let shownAt = 0;
    const off = player.onFrame((f) => {
      setFrame(f);
      const changed = !shown || f.state !== shown.state || f.recent !== shown.recent;
      const now = performance.now();
      if (changed && (!f.playing || now - shownAt >= PANEL_INTERVAL_MS)) {
        if (!shown || f.state !== shown.state) replayStore.getState().replaceSiteState(f.state);
        shown = f;
        shownAt = now;
        setPanelFrame(f);
      }
    });
    let raf = 0;
    const loop = (now: number): void => {
      player.tick(now);
      raf = requestAnimationFrame(loop);
    };
    raf = requestAnimationFrame(loop);
    return () => {
      off();
      cancelAnimationFrame(raf);
      void api.closeReplay({ replayId: player.info.replayId }).catch(() => undefined);
    };
  }, [player, api, replayStore]);

  const open = async (source: ReplaySource): Promise<void> => {
    setOpening(true);
    setError(undefined);
    try {
      const info: ReplayInfo = await api.openReplay(source);
      const first = await api.replaySeek({ replayId: info.replayId, t: info.start });
      const p = new ReplayPlayer(api, info, first);
      setFrame(p.current());
      setPanelFrame(p.current());
      replayStore.getState().replaceSiteState(first.state);
      setPlayer(p);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setOpening(false);
    }
  };

  return (
    <main className="replay" data-testid="replay-view">
      {!player && (
        <section className="panel replay__open">
          <h2 className="panel__title">{t('replay.title')}</h2>
          <p className="muted">{t('replay.hint')}</p>
          <ul className="replay__sources" data-testid="replay-sources">
            {sources.map((s) => (
              <li key={s.label + s.source.kind}>
                <button type="button" className="button" disabled={opening} onClick={() => void open(s.source)}>
                  {t(`replay.kind.${s.source.kind}`)}: {s.label}
                </button>
                <span className="muted"> {(s.bytes / 1024).toFixed(0)} KB</span>
              </li>
            ))}
            {sources.length === 0 && <li className="muted">{t('replay.noJournal')}</li>}
          </ul>
          <form
            className="replay__path"
            onSubmit={(e) => {
              e.preventDefault();
              void open(path.endsWith('.sqlite') ? { kind: 'file', path } : { kind: 'bundle', path });
            }}
          >
            <input value={path} onChange={(e) => setPath(e.target.value)} placeholder={t('replay.pathPlaceholder')} name="replayPath" />
            <button type="submit" className="button" disabled={opening || path.trim() === ''}>
              {t('replay.open')}
            </button>
            {bootstrap?.console.shell === 'electron' && (
              // The desktop app's open dialog: a file chosen there may be opened from anywhere on the machine.
              <button
                type="button"
                className="button"
                disabled={opening}
                data-testid="replay-choose"
                onClick={() => {
                  api.chooseReplaySource().then(
                    (source) => (source ? open(source) : undefined),
                    (err: unknown) => setError(errorText(err)),
                  );
                }}
              >
                {t('replay.choose')}
              </button>
            )}
          </form>
          {opening && <p className="muted">{t('replay.opening')}</p>}
          {error && <p className="field__error" role="alert">{error}</p>}
        </section>
      )}
      {player && frame && (
        <StoreProvider store={replayStore} api={api}>
          <ReplayTimeline player={player} frame={frame} onClose={() => setPlayer(undefined)} />
          <DrillBanner interactive={false} />
          <ReplayPanels player={player} frame={panelFrame ?? frame} onAnnotate={recordEntry} />
        </StoreProvider>
      )}
    </main>
  );
}

