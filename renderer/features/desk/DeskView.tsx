import type { DeskSection } from '../../app/routes';
import { useT } from '../../i18n/useT';
import { DrillsSection } from '../drills/DrillsSection';
import { JournalPanel } from '../journal/JournalPanel';
import { OperationsSection } from './OperationsSection';
import { RosterSection } from '../roster/RosterSection';

/** The duty officer's desk: a rail of sections, each a workspace. */
export function DeskView(props: { section: DeskSection }) {
  const t = useT();
  const items: { section: DeskSection; label: string; href: string }[] = [
    { section: 'ops', label: t('desk.section.ops'), href: '#/desk' },
    { section: 'journal', label: t('desk.section.journal'), href: '#/desk/journal' },
    { section: 'drills', label: t('desk.section.drills'), href: '#/desk/drills' },
    { section: 'roster', label: t('desk.section.roster'), href: '#/desk/roster' },
  ];
  return (
    <div className="desk-shell" data-testid="desk-view">
      <nav className="rail" aria-label={t('station.desk')}>
        {items.map((item) => (
          <a key={item.section} href={item.href} className={props.section === item.section ? 'rail__item is-active' : 'rail__item'} data-section={item.section}>
            {item.label}
          </a>
        ))}
      </nav>
      {props.section === 'ops' && <OperationsSection />}
      {props.section === 'drills' && <DrillsSection />}
      {props.section === 'roster' && <RosterSection />}
      {props.section === 'journal' && (
        <main className="desk-journal">
          <JournalPanel />
        </main>
      )}
    </div>
  );
}
