import type { DeskSection } from '../../app/routes';
import { useConsole } from '../../app/StoreContext';
import { useT } from '../../i18n/useT';
import { CommandCentreSection } from '../command';
import { AlertsSection } from '../alerts';
import { DrillsSection } from '../drills';
import { JournalPanel } from '../journal';
import { OperationsSection } from './OperationsSection';
import { PlansSection } from '../plans';
import { RosterSection, useOverdueChecks } from '../roster';
import { attentionCounts } from '../../../shared/alerts/attention';
import { ConsolesSection } from '../sitestate';
import { AccountsSection, useCan } from '../session';

/** The duty officer's desk: a rail of sections, each a workspace. */
export function DeskView(props: { section: DeskSection }) {
  const t = useT();
  const watchesSites = useConsole((s) => s.bootstrap?.site.commandCentre !== undefined);
  const onBus = useConsole((s) => s.bootstrap?.site.bus !== undefined);
  // Accounts: administrators manage them, supervisors lift lockouts; nobody else sees the section.
  const canManage = useCan('setAccountDisabled');
  const canLift = useCan('liftLockout');
  const managesAccounts = canManage || canLift;
  const waiting = useConsole((s) => attentionCounts(s.siteState.alerts));
  const overdueChecks = useOverdueChecks().length;
  const badges: Partial<Record<DeskSection, { count: number; severity: string; title: string }>> = {
    ...(waiting.total > 0 ? { alerts: { count: waiting.total, severity: waiting.red > 0 ? 'red' : waiting.orange > 0 ? 'orange' : waiting.yellow > 0 ? 'yellow' : 'blue', title: t('nav.badge.alerts', { count: waiting.total }) } } : {}),
    ...(overdueChecks > 0 ? { roster: { count: overdueChecks, severity: 'red', title: t('nav.badge.checks', { count: overdueChecks }) } } : {}),
  };
  const items: { section: DeskSection; label: string; href: string }[] = [
    { section: 'ops', label: t('desk.section.ops'), href: '#/desk' },
    { section: 'alerts', label: t('desk.section.alerts'), href: '#/desk/alerts' },
    { section: 'roster', label: t('desk.section.roster'), href: '#/desk/roster' },
    { section: 'journal', label: t('desk.section.journal'), href: '#/desk/journal' },
    { section: 'drills', label: t('desk.section.drills'), href: '#/desk/drills' },
    { section: 'plans', label: t('desk.section.plans'), href: '#/desk/plans' },
    ...(onBus ? [{ section: 'consoles' as const, label: t('desk.section.consoles'), href: '#/desk/consoles' }] : []),
    ...(watchesSites ? [{ section: 'sites' as const, label: t('desk.section.sites'), href: '#/desk/sites' }] : []),
    ...(managesAccounts ? [{ section: 'accounts' as const, label: t('session.accounts.section'), href: '#/desk/accounts' }] : []),
  ];
  return (
    <div className="desk-shell" data-testid="desk-view">
      <nav className="rail" aria-label={t('station.desk')}>
        {items.map((item) => {
          const badge = badges[item.section];
          return (
            <a key={item.section} href={item.href} className={props.section === item.section ? 'rail__item is-active' : 'rail__item'} data-section={item.section}>
              {item.label}
              {badge && (
                <span className={`rail__badge sev-${badge.severity}`} data-testid={`nav-badge-${item.section}`} data-count={badge.count} title={badge.title}>
                  {badge.count}
                </span>
              )}
            </a>
          );
        })}
      </nav>
      {props.section === 'ops' && <OperationsSection />}
      {props.section === 'drills' && <DrillsSection />}
      {props.section === 'sites' && <CommandCentreSection />}
      {props.section === 'alerts' && <AlertsSection />}
      {props.section === 'plans' && <PlansSection />}
      {props.section === 'roster' && <RosterSection />}
      {props.section === 'consoles' && <ConsolesSection />}
      {props.section === 'accounts' && <AccountsSection />}
      {props.section === 'journal' && (
        <main className="desk-journal">
          <JournalPanel />
        </main>
      )}
    </div>
  );
}
