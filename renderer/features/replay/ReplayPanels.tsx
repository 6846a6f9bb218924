import { memo, useMemo, useState } from 'react';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { ClientDraft } from '../../app/appendOnce';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { DrillReview } from '../drills';
import { EntryRow } from '../journal';
import { FloorPlanPanel, useAlertHeat } from '../floorplan';
import { OnDuty } from '../operator';
import type { PlayerFrame, ReplayPlayer } from './player';
import { ReplayStatePanels } from './ReplayStatePanels';
import { errorText } from '../../ui/errorText';

/**
 * The panels at time t: every one reads the replay store, so it shows the
 * recorded state, not the live one. Observer notes and bookmarks are added to
 * this console's live journal (`onAnnotate`, from outside the replay store)
 * with the observed time; the source never changes.
 */
export const ReplayPanels = memo(function ReplayPanels(props: { player: ReplayPlayer; frame: PlayerFrame; onAnnotate: (draft: ClientDraft) => Promise<JournalEntry> }) {
  const t = useT();
  const site = useConsole((s) => s.bootstrap?.site);
  const locale = useConsole((s) => s.settings.locale);
  const heat = useAlertHeat();
  const [note, setNote] = useState('');
  const [bookmark, setBookmark] = useState(false);
  const [noted, setNoted] = useState<string | undefined>();
  const labels = useMemo(() => ({ correct: '', corrects: t('journal.corrects'), drill: t('journal.drill'), refers: t('journal.refers') }), [t]);
  if (!site) return null;
  return (
    <div className="replay__panels">
      <section className="panel replay__plan">
        <FloorPlanPanel site={site} events={heat} now={props.frame.t} />
      </section>
      <ReplayStatePanels state={props.frame.state} t={props.frame.t} />
      <section className="panel replay__journal">
        <h2 className="panel__title">
          {t('replay.journalAt')} <OnDuty />
        </h2>
        <ol className="journal__list" data-testid="replay-journal">
          {props.frame.recent.map((entry) => (
            <EntryRow key={entry.id} entry={entry} site={site} locale={locale} refSeq={undefined} labels={labels} />
          ))}
        </ol>
        <form
          className="composer"
          onSubmit={(e) => {
            e.preventDefault();
            props
              .onAnnotate({
                kind: 'annotation',
                payload: { text: note, observedAt: Math.round(props.frame.t), bookmark, source: props.player.info.label },
              })
              .then((entry) => {
                setNote('');
                setNoted(t('replay.noted', { seq: entry.seq }));
              })
              .catch((err: unknown) => setNoted(errorText(err)));
          }}
        >
          <label className="field">
            <span>{t('replay.observerNote')}</span>
            <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} name="observerNote" />
          </label>
          <div className="composer__actions">
            <label className="field field--inline">
              <input type="checkbox" checked={bookmark} onChange={(e) => setBookmark(e.target.checked)} /> {t('replay.bookmark')}
            </label>
            <button type="submit" className="button button--primary" disabled={note.trim() === ''} data-testid="replay-annotate">
              {t('replay.addNote')}
            </button>
            {noted && <span className="composer__ok" role="status">{noted}</span>}
          </div>
        </form>
      </section>
      {props.frame.state.drill.runs.some((r) => r.end) && (
        <section className="panel replay__drills" data-testid="replay-drills">
          <h2 className="panel__title">{t('aar.title')}</h2>
          {props.frame.state.drill.runs
            .filter((r) => r.end)
            .map((run) => (
              <div key={run.startId}>
                <strong>{run.name}</strong>
                <DrillReview run={run} replayId={props.player.info.replayId} />
              </div>
            ))}
        </section>
      )}
    </div>
  );
});
