import type { ReactNode } from 'react';
import type { JournalEntry } from '../../../shared/journal/entry';
import type { SiteView } from '../../../shared/site/view';
import { useLocalize, useT } from '../../i18n/useT';

export type ComposerKind = 'note' | 'patrol' | 'handover';

/** The composer's top line: the entry being corrected (with cancel), else the kinds to write. */
export function ComposerHead(props: { correcting: JournalEntry | undefined; summary: string; kind: ComposerKind; onKind: (kind: ComposerKind) => void; onCancel: () => void }) {
  const t = useT();
  const { correcting, kind } = props;
  if (correcting) {
    return (
      <div className="composer__correcting">
        {t('journal.composer.correcting', { seq: correcting.seq })}: <em>{props.summary}</em>
        <button type="button" className="button button--small" onClick={props.onCancel}>
          {t('journal.composer.cancel')}
        </button>
      </div>
    );
  }
  return (
    <div className="composer__kinds" role="tablist">
      {(['note', 'patrol', 'handover'] as const).map((k) => (
        <button key={k} type="button" role="tab" aria-selected={kind === k} className={kind === k ? 'tab is-active' : 'tab'} onClick={() => props.onKind(k)}>
          {t(`journal.kind.${k}`)}
        </button>
      ))}
    </div>
  );
}

/** A patrol's route and finding. */
export function PatrolFields(props: { route: string; onRoute: (route: string) => void; finding: 'normal' | 'issue'; onFinding: (finding: 'normal' | 'issue') => void; routeError: ReactNode }) {
  const t = useT();
  return (
    <div className="composer__row">
      <label className="field">
        <span>{t('journal.composer.route')}</span>
        <input value={props.route} onChange={(e) => props.onRoute(e.target.value)} name="route" />
        {props.routeError}
      </label>
      <label className="field field--inline">
        <input type="radio" checked={props.finding === 'normal'} onChange={() => props.onFinding('normal')} name="finding" /> {t('journal.composer.normal')}
      </label>
      <label className="field field--inline">
        <input type="radio" checked={props.finding === 'issue'} onChange={() => props.onFinding('issue')} name="finding" /> {t('journal.composer.issue')}
      </label>
    </div>
  );
}

/** A handover's outgoing and incoming officers, chosen from the roster. */
export function HandoverPeople(props: {
  people: SiteView['roster']['people'];
  outgoing: string;
  onOutgoing: (id: string) => void;
  incoming: string;
  onIncoming: (id: string) => void;
  errors: { outgoing: ReactNode; incoming: ReactNode };
}) {
  const t = useT();
  const localize = useLocalize();
  const options = (
    <>
      <option value="">{t('journal.composer.choose')}</option>
      {props.people.map((p) => (
        <option key={p.id} value={p.id}>
          {localize(p.name)}
        </option>
      ))}
    </>
  );
  return (
    <div className="composer__row">
      <label className="field">
        <span>{t('journal.composer.outgoing')}</span>
        <select value={props.outgoing} onChange={(e) => props.onOutgoing(e.target.value)} name="outgoing">
          {options}
        </select>
        {props.errors.outgoing}
      </label>
      <label className="field">
        <span>{t('journal.composer.incoming')}</span>
        <select value={props.incoming} onChange={(e) => props.onIncoming(e.target.value)} name="incoming">
          {options}
        </select>
        {props.errors.incoming}
      </label>
    </div>
  );
}
