import { useRef, useState, type KeyboardEvent, type SyntheticEvent } from 'react';
import { ConsoleError, type FieldIssue } from '../../../shared/errors';
import type { JournalEntry } from '../../../shared/journal/entry';
import { newIdempotencyKey, type ClientDraft } from '../../app/appendOnce';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { ComposerHead, HandoverPeople, PatrolFields, type ComposerKind } from './ComposerParts';
import { entrySummary } from './format';

/**
 * Writes new entries: a free note, a patrol report, a shift handover, or a
 * correction of an earlier entry (which stays as it was). Errors come back
 * from the core per field and are shown under the field.
 */
export function Composer(props: { correcting: JournalEntry | undefined; onDone: () => void }) {
  const t = useT();
  const site = useConsole((s) => s.bootstrap?.site);
  const locale = useConsole((s) => s.settings.locale);
  const recordEntry = useConsole((s) => s.recordEntry);
  const [kind, setKind] = useState<ComposerKind>('note');
  const [text, setText] = useState('');
  const [tags, setTags] = useState('');
  const [route, setRoute] = useState('');
  const [finding, setFinding] = useState<'normal' | 'issue'>('normal');
  // The outgoing officer of a handover is, by default, whoever has the keyboard.
  const owner = useConsole((s) => s.session?.owner ?? '');
  const [outgoing, setOutgoing] = useState(owner);
  const [incoming, setIncoming] = useState('');
  const [openItems, setOpenItems] = useState('');
  const [reason, setReason] = useState('');
  const [issues, setIssues] = useState<readonly FieldIssue[]>([]);
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const people = site?.roster.people ?? [];
  const issueFor = (path: string): string | undefined => issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;

  /** The key of the draft last sent: sending the same draft again (after a failure) reuses it, so it is never logged twice. */
  const sent = useRef<{ draft: string; key: string } | undefined>(undefined);

  const draft = (): ClientDraft => {
    if (props.correcting) return { kind: 'correction', ref: props.correcting.id, payload: { text, reason } };
    if (kind === 'patrol') return { kind, payload: { route, finding, text } };
    if (kind === 'handover') {
      return { kind, payload: { outgoing, incoming, summary: text, openItems: openItems.split('\n').map((l) => l.trim()).filter((l) => l !== '') } };
    }
    const tagList = tags.split(/[,，]/).map((s) => s.trim()).filter((s) => s !== '');
    return { kind, payload: tagList.length > 0 ? { text, tags: tagList } : { text } };
  };

  const submit = async (event?: SyntheticEvent): Promise<void> => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const d = draft();
      const shape = JSON.stringify(d);
      if (sent.current?.draft !== shape) sent.current = { draft: shape, key: newIdempotencyKey() };
      const entry = await recordEntry(d, sent.current.key);
      sent.current = undefined;
      setIssues([]);
      setText('');
      setTags('');
      setRoute('');
      setOpenItems('');
      setReason('');
      setMessage(t('journal.composer.logged', { seq: entry.seq }));
      props.onDone();
    } catch (err) {
      const e = err instanceof ConsoleError ? err : new ConsoleError('internal', String(err));
      setIssues(e.issues.length > 0 ? e.issues : [{ path: 'form', message: e.message }]);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
  };

  const fieldError = (path: string) => {
    const m = issueFor(path);
    return m ? <span className="field__error" role="alert">{m}</span> : null;
  };

  return (
    <form className="composer" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} data-testid="composer">
      <ComposerHead correcting={props.correcting} summary={props.correcting ? entrySummary(props.correcting, site, locale) : ''} kind={kind} onKind={setKind} onCancel={props.onDone} />
      {!props.correcting && kind === 'patrol' && <PatrolFields route={route} onRoute={setRoute} finding={finding} onFinding={setFinding} routeError={fieldError('payload.route')} />}
      {!props.correcting && kind === 'handover' && (
        <HandoverPeople
          people={people}
          outgoing={outgoing}
          onOutgoing={setOutgoing}
          incoming={incoming}
          onIncoming={setIncoming}
          errors={{ outgoing: fieldError('payload.outgoing'), incoming: fieldError('payload.incoming') }}
        />
      )}
      <label className="field">
        <span>{props.correcting ? t('journal.composer.correctedText') : kind === 'handover' ? t('journal.composer.summary') : t('journal.composer.text')}</span>
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} name="text" />
        {fieldError(kind === 'handover' && !props.correcting ? 'payload.summary' : 'payload.text')}
      </label>
      {props.correcting && (
        <label className="field">
          <span>{t('journal.composer.reason')}</span>
          <input value={reason} onChange={(e) => setReason(e.target.value)} name="reason" />
          {fieldError('payload.reason')}
        </label>
      )}
      {!props.correcting && kind === 'note' && (
        <label className="field">
          <span>{t('journal.composer.tags')}</span>
          <input value={tags} onChange={(e) => setTags(e.target.value)} name="tags" />
          {fieldError('payload.tags')}
        </label>
      )}
      {!props.correcting && kind === 'handover' && (
        <label className="field">
          <span>{t('journal.composer.openItems')}</span>
          <textarea value={openItems} onChange={(e) => setOpenItems(e.target.value)} rows={2} name="openItems" />
        </label>
      )}
      <div className="composer__actions">
        <button type="submit" className="button button--primary" disabled={busy} data-testid="composer-submit">
          {props.correcting ? t('journal.composer.submitCorrection') : t('journal.composer.submit')}
        </button>
        <span className="muted">{t('journal.composer.hint')}</span>
        {message && <span className="composer__ok" role="status">{message}</span>}
        {issueFor('form') && <span className="field__error" role="alert">{issueFor('form')}</span>}
        {issueFor('kind') && <span className="field__error" role="alert">{issueFor('kind')}</span>}
        {issueFor('payload') && !issues.some((i) => i.path.startsWith('payload.')) && <span className="field__error" role="alert">{issueFor('payload')}</span>}
      </div>
    </form>
  );
}
