// Administration (moderators and admins): the reports queue with what a moderator needs
// to judge each report and the actions on it, the members (find, suspend, lift, and for
// admins the role), and the audit log of everything done. The server decides who may
// do what (403 for members); the menu only shows the section to those who may.
import { useState } from 'preact/hooks';
import { del, get, post, put, query } from '../api';
import { errorText } from '../errors';
import { Avatar, Card, ErrorBox, Loading, PageHeader } from '../components/ui';
import { useLoad, useTitle } from '../hooks';
import type { Key } from '../i18n';
import type { AccountSummary, AuditEntry, ModerationReport } from '../moderation-api';
import { href, type Route } from '../router';
import { useApp } from '../state';
import '../moderation.css';

type Tab = 'reports' | 'members' | 'audit';

export function AdminPage({ route }: { route: Route }) {
  const { t, me } = useApp();
  useTitle(t('admin.title'));
  if (me.role !== 'moderator' && me.role !== 'admin') {
    return (
      <div class="page admin">
        <PageHeader title={t('admin.title')} />
        <p class="notice" data-testid="admin-members-only">{t('admin.onlyModerators')}</p>
      </div>
    );
  }
  const tab = ((route.parts[1] as Tab) ?? 'reports') as Tab;
  const tabs: [Tab, Key][] = [
    ['reports', 'admin.tabReports'],
    ['members', 'admin.tabMembers'],
    ['audit', 'admin.tabAudit'],
  ];
  return (
    <div class="page admin">
      <PageHeader title={t('admin.title')} subtitle={t('admin.subtitle')} />
      <nav class="tabs" aria-label={t('admin.title')}>
        {tabs.map(([name, key]) => (
          <a key={name} class={tab === name ? 'tab active' : 'tab'} aria-current={tab === name ? 'page' : undefined} href={href(`/admin/${name}`)}>
            {t(key)}
          </a>
        ))}
      </nav>
      {tab === 'reports' && <Reports />}
      {tab === 'members' && <Members />}
      {tab === 'audit' && <Audit />}
    </div>
  );
}

function Reports() {
  const { t } = useApp();
  const [all, setAll] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const reports = useLoad(() => get<{ reports: ModerationReport[] }>(`/api/v1/moderation/reports${all ? '' : '?state=open'}`), [all]);
  const list = reports.data?.reports ?? [];
  return (
    <div class="stack">
      <div class="tabs" role="group">
        <button type="button" class={!all ? 'tab active' : 'tab'} aria-pressed={!all} onClick={() => setAll(false)}>
          {t('admin.stateOpen')}
        </button>
        <button type="button" class={all ? 'tab active' : 'tab'} aria-pressed={all} onClick={() => setAll(true)}>
          {t('admin.stateAll')}
        </button>
      </div>
      {done && (
        <p class="notice" role="status" data-testid="admin-done">
          {done}
        </p>
      )}
      {reports.error && <ErrorBox message={reports.error} retry={reports.reload} />}
      {reports.loading && !reports.data && <Loading />}
      {reports.data && list.length === 0 && <p class="empty card">{t('admin.noReports')}</p>}
      <ul class="report-list">
        {list.map((report) => (
          <ReportCard
            key={report.id}
            report={report}
            onDone={(message) => {
              setDone(message);
              reports.reload();
            }}
          />
        ))}
      </ul>
    </div>
  );
}

function ReportCard({ report, onDone }: { report: ModerationReport; onDone: (message: string) => void }) {
  const { t, lang, when, day } = useApp();
  const [reason, setReason] = useState('');
  const [days, setDays] = useState('7');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const who = report.reported;
  const sent = who.invitations_30_days;
  const open = report.state === 'open';

  async function act(action: 'dismiss' | 'warn' | 'suspend' | 'remove') {
    setError(null);
    if (action !== 'dismiss' && !reason.trim()) {
      setError(t('admin.reasonRequired'));
      return;
    }
    setBusy(true);
    try {
      const body: Record<string, unknown> = { action, reason: reason.trim() };
      if (action === 'suspend') body.days = Number(days);
      await post(`/api/v1/moderation/reports/${report.id}/actions`, body);
      onDone(t(`admin.done.${action}` as Key));
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="card report" data-testid="report" data-subject={report.subject} data-state={report.state}>
      <div class="report-head">
        <h2 class="card-title">{t(`admin.reportOf.${report.subject}` as Key)}</h2>
        <span class="badge badge-muted">{t(`report.reason.${report.reason}` as Key)}</span>
        {!open && <span class="badge">{t(`admin.state.${report.state}` as Key)}</span>}
      </div>
      <p class="muted small">
        {t('admin.reportedBy', { name: report.reporter.name, when: when(report.created_at) })}
      </p>
      {report.text && <p class="report-words">{t('admin.reporterWords', { text: report.text })}</p>}
      <div class="report-grid">
        <section aria-label={t('admin.about', { name: who.name })} class="report-member" data-testid="report-member">
          <div class="person">
            <Avatar id={who.id} name={who.name} size={40} photo={who.has_photo} />
            <div>
              <a class="person-name" href={href(`/members/${who.id}`)}>
                {who.name}
              </a>
              {who.headline && <div class="muted small">{who.headline}</div>}
            </div>
          </div>
          <p class="small">
            {t('admin.memberSince', { date: day(who.member_since), days: who.account_age_days ?? 0 })}
          </p>
          <p class="small" data-testid="report-invitations">
            {t('admin.invitations30', { sent: sent.sent, accepted: sent.accepted, ignored: sent.ignored, reported: sent.reported })}
          </p>
          {who.suspended_until && <p class="small warning-text">{t('admin.suspendedUntil', { date: day(who.suspended_until) })}</p>}
        </section>
        <section class="report-content" data-testid="report-content">
          {report.subject === 'invitation' ? (
            <>
              <h3 class="small-heading">{t('admin.note')}</h3>
              {report.content.note ? <blockquote>{report.content.note}</blockquote> : <p class="muted">{t('admin.noNote')}</p>}
            </>
          ) : (
            <>
              <h3 class="small-heading">{t('admin.content')}</h3>
              {report.content.deleted ? (
                <p class="muted">{t('admin.contentDeleted')}</p>
              ) : (
                <blockquote>
                  {report.content.title && <strong>{report.content.title}</strong>}
                  {report.content.title && <br />}
                  {report.content.body}
                </blockquote>
              )}
              {report.content.removed && <p class="muted small">{t('admin.contentRemoved')}</p>}
            </>
          )}
        </section>
      </div>
      {open && (
        <div class="report-actions">
          <div class="field">
            <label for={`reason-${report.id}`}>{t('admin.reason')}</label>
            <textarea id={`reason-${report.id}`} rows={2} maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </div>
          <div class="action-row">
            <button type="button" class="btn" disabled={busy} onClick={() => act('dismiss')}>
              {t('admin.dismiss')}
            </button>
            <button type="button" class="btn" disabled={busy} onClick={() => act('warn')}>
              {t('admin.warn')}
            </button>
            {report.subject !== 'invitation' && (
              <button type="button" class="btn" disabled={busy} onClick={() => act('remove')}>
                {t('admin.remove')}
              </button>
            )}
            <label class="days-field">
              <span>{t('admin.days')}</span>
              <input type="number" min={1} max={3650} value={days} onInput={(e) => setDays(e.currentTarget.value)} />
            </label>
            <button type="button" class="btn btn-danger-ghost" disabled={busy} onClick={() => act('suspend')}>
              {t('admin.suspend')}
            </button>
          </div>
          {error && <ErrorBox message={error} />}
        </div>
      )}
    </li>
  );
}

function Members() {
  const { t } = useApp();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const members = useLoad(() => get<{ members: AccountSummary[] }>(`/api/v1/moderation/members${query({ q: q || undefined })}`), [q]);
  const list = members.data?.members ?? [];
  return (
    <div class="stack">
      <form
        class="search-row"
        onSubmit={(event) => {
          event.preventDefault();
          setQ(text.trim());
        }}
      >
        <label for="admin-search" class="visually-hidden">
          {t('admin.search')}
        </label>
        <input id="admin-search" type="search" placeholder={t('admin.search')} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" class="btn">
          {t('admin.searchButton')}
        </button>
      </form>
      {done && (
        <p class="notice" role="status" data-testid="admin-done">
          {done}
        </p>
      )}
      {members.error && <ErrorBox message={members.error} retry={members.reload} />}
      {members.loading && !members.data && <Loading />}
      {members.data && list.length === 0 && <p class="empty card">{t('admin.noMembers')}</p>}
      <ul class="card member-admin-list">
        {list.map((member) => (
          <MemberRow
            key={member.id}
            member={member}
            onDone={(message) => {
              setDone(message);
              members.reload();
            }}
          />
        ))}
      </ul>
    </div>
  );
}

function MemberRow({ member, onDone }: { member: AccountSummary; onDone: (message: string) => void }) {
  const { t, lang, me, day } = useApp();
  const [role, setRole] = useState(member.role);
  const [days, setDays] = useState('7');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const isAdmin = me.role === 'admin';
  async function run(action: () => Promise<unknown>, message: string) {
    setError(null);
    try {
      await action();
      onDone(message);
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    }
  }
  return (
    <li class="member-admin" data-testid="admin-member" data-member={member.id}>
      <div class="person">
        <Avatar id={member.id} name={member.name} size={36} />
        <div>
          <a class="person-name" href={href(`/members/${member.id}`)}>
            {member.name}
          </a>
          <div class="muted small">{member.email}</div>
        </div>
      </div>
      <div class="member-admin-state small">
        {member.suspended_until ? (
          <span class="warning-text" data-testid="suspended">{t('admin.suspendedUntil', { date: day(member.suspended_until) })}</span>
        ) : (
          <span>{t('admin.active')}</span>
        )}
        {' · '}
        {t(`admin.role.${member.role}` as Key)}
      </div>
      <div class="member-admin-actions">
        {isAdmin && member.id !== me.member && (
          <span class="inline-form">
            <label for={`role-${member.id}`} class="visually-hidden">
              {t('admin.role')}
            </label>
            <select id={`role-${member.id}`} value={role} onChange={(e) => setRole(e.currentTarget.value as AccountSummary['role'])}>
              {(['member', 'moderator', 'admin'] as const).map((name) => (
                <option key={name} value={name}>
                  {t(`admin.role.${name}` as Key)}
                </option>
              ))}
            </select>
            <button type="button" class="btn btn-small" disabled={role === member.role} onClick={() => run(() => put(`/api/v1/moderation/members/${member.id}/role`, { role }), t('admin.roleSaved'))}>
              {t('admin.saveRole')}
            </button>
          </span>
        )}
        {member.id !== me.member &&
          (member.suspended_until ? (
            <button type="button" class="btn btn-small" onClick={() => run(() => del(`/api/v1/moderation/members/${member.id}/suspension`), t('admin.lifted'))}>
              {t('admin.lift')}
            </button>
          ) : (
            <span class="inline-form">
              <label class="visually-hidden" for={`why-${member.id}`}>
                {t('admin.reason')}
              </label>
              <input id={`why-${member.id}`} placeholder={t('admin.reason')} maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
              <label class="days-field">
                <span>{t('admin.days')}</span>
                <input type="number" min={1} max={3650} value={days} onInput={(e) => setDays(e.currentTarget.value)} />
              </label>
              <button
                type="button"
                class="btn btn-small btn-danger-ghost"
                onClick={() =>
                  reason.trim()
                    ? run(() => post(`/api/v1/moderation/members/${member.id}/suspension`, { days: Number(days), reason: reason.trim() }), t('admin.done.suspend'))
                    : setError(t('admin.reasonRequired'))
                }
              >
                {t('admin.suspend')}
              </button>
            </span>
          ))}
      </div>
      {error && <ErrorBox message={error} />}
    </li>
  );
}

function Audit() {
  const { t, lang, dateTime } = useApp();
  const audit = useLoad(() => get<{ audit: AuditEntry[] }>('/api/v1/moderation/audit'), []);
  const list = audit.data?.audit ?? [];
  return (
    <Card>
      {audit.error && <ErrorBox message={audit.error} retry={audit.reload} />}
      {audit.loading && !audit.data && <Loading />}
      {audit.data && list.length === 0 && <p class="empty">{t('admin.noAudit')}</p>}
      <ul class="audit-list">
        {list.map((entry) => (
          <li key={entry.id} data-testid="audit-entry" data-action={entry.action}>
            <div>
              <strong>{entry.moderator_name ?? t('admin.operator')}</strong>{' '}
              {t(`admin.action.${entry.action}` as Key, {
                target: entry.target_name,
                days: entry.days,
                role: entry.detail ? t(`admin.role.${entry.detail}` as Key).toLocaleLowerCase(lang) : '',
              })}
            </div>
            <div class="muted small">
              {dateTime(entry.created_at)}
              {entry.subject && ` · ${entry.subject}`}
              {entry.reason && ` · “${entry.reason}”`}
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
