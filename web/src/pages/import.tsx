// The LinkedIn data export, imported: the ZIP goes to POST /api/v1/me/linkedin-import,
// which saves nothing and answers a proposal. The member keeps what they want (each
// profile field, position and education has its checkbox; what the profile already says
// is marked and not kept by default), and "Save to my profile" writes it all with one
// PUT /api/v1/me: the kept positions and educations after the ones already there. Then the
// LinkedIn connections who are members, each with its state and a one-click invitation;
// those who are not, with their email address, can be invited by email.
import { useMemo, useState } from 'preact/hooks';
import { get, post, put, sendBytes, type Invitation, type Me } from '../api';
import { errorText } from '../errors';
import {
  PROFILE_FIELDS,
  type ConnectionState,
  type ImportedConnection,
  type ImportedEducation,
  type ImportedPosition,
  type ImportProposal,
  type ProfileField,
} from '../find-api';
import type { Key } from '../i18n';
import { Avatar, Card, PageHeader } from '../components/ui';
import { useTitle } from '../hooks';
import { forgetProfiles, rememberInvited } from '../members';
import { href } from '../router';
import { useApp } from '../state';

const FIELD_LABEL: Record<ProfileField, Key> = {
  first_name: 'signup.first',
  last_name: 'signup.last',
  headline: 'signup.headline',
  summary: 'profile.about',
  industry: 'search.f.industry',
  city: 'signup.city',
  country: 'search.f.country',
};

// The profile as GET /api/v1/me answers it, read loosely: what the import compares with
// and keeps when it adds entries.
type MeNow = Partial<Record<ProfileField, string>> & { positions?: any[]; educations?: any[] };

// A background entry of GET /api/v1/me as PUT /api/v1/me takes it back: the organization
// by id where the answer has one, else by name.
function organizationRef(entry: any, key: 'organization' | 'school'): number | { name: string } {
  const named = entry[key];
  const id = entry[`${key}_id`] ?? entry.organization_id ?? (typeof named === 'object' && named ? named.id : typeof named === 'number' ? named : undefined);
  if (typeof id === 'number') return id;
  return { name: typeof named === 'object' && named ? String(named.name ?? '') : String(named ?? '') };
}

function organizationName(entry: any, key: 'organization' | 'school'): string {
  const named = entry[key];
  return typeof named === 'object' && named ? String(named.name ?? '') : String(named ?? entry[`${key}_name`] ?? '');
}

const fold = (text: string | null | undefined) => (text ?? '').trim().toLocaleLowerCase();
const year = (date: string | null | undefined) => (date ?? '').slice(0, 4);

function positionKey(organization: string, title: string, start?: string | null) {
  return `${fold(organization)}|${fold(title)}|${year(start)}`;
}

function educationKey(school: string, field: string, start?: string | null) {
  return `${fold(school)}|${fold(field)}|${year(start)}`;
}

export function ImportPage() {
  const { t, lang } = useApp();
  useTitle(t('import.title'));
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [proposal, setProposal] = useState<ImportProposal | null>(null);
  const [now, setNow] = useState<MeNow | null>(null);

  async function upload(event: Event) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setProposal(null);
    try {
      const [answer, me] = await Promise.all([
        sendBytes<ImportProposal>('POST', '/api/v1/me/linkedin-import', file, 'application/zip'),
        get<MeNow>('/api/v1/me'),
      ]);
      setNow(me);
      setProposal(answer);
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="page import-page">
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      <Card id="import-upload">
        <p class="hint">{t('import.how')}</p>
        <form onSubmit={upload} class="import-form">
          <div class="field">
            <label for="import-file">{t('import.file')}</label>
            {/* The browser's own file button speaks the browser's language: this one, the page's. */}
            <div class="file-picker">
              <input
                id="import-file"
                class="visually-hidden"
                type="file"
                accept=".zip,application/zip"
                required
                onChange={(e) => {
                  setFile(e.currentTarget.files?.[0] ?? null);
                  setError(null);
                }}
              />
              <label for="import-file" class="btn" aria-hidden="true">
                {t('import.choose')}
              </label>
              <span class="muted" data-testid="import-file-name">
                {file ? file.name : t('import.noFile')}
              </span>
            </div>
          </div>
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy || !file}>
              {busy ? t('import.reading') : proposal ? t('import.another') : t('import.upload')}
            </button>
            <span class="muted small">{t('import.nothingSaved')}</span>
          </div>
          {error && (
            <p class="error-box import-error" role="alert" data-testid="import-error">
              {error}
            </p>
          )}
        </form>
      </Card>
      {proposal && now && <Review key={JSON.stringify(proposal.files)} proposal={proposal} now={now} onSaved={setNow} />}
      {proposal && <Connections connections={proposal.connections} />}
    </div>
  );
}

function period(t: (key: Key) => string, start?: string | null, end?: string | null) {
  if (!start && !end) return '';
  return `${start ?? ''} – ${end ?? t('profile.present')}`;
}

function Review({ proposal, now, onSaved }: { proposal: ImportProposal; now: MeNow; onSaved: (me: MeNow) => void }) {
  const { t, lang, n, updateMe } = useApp();
  const imported = proposal.profile ?? {}; // Null without a Profile.csv.
  const fields = PROFILE_FIELDS.filter((field) => (imported[field] ?? '').trim());
  const havePositions = useMemo(
    () => new Set((now.positions ?? []).map((p) => positionKey(organizationName(p, 'organization'), p.title, p.start))),
    [now],
  );
  const haveEducations = useMemo(
    () => new Set((now.educations ?? []).map((e) => educationKey(organizationName(e, 'school'), e.field, e.start))),
    [now],
  );
  const samePosition = (p: ImportedPosition) => havePositions.has(positionKey(p.organization.name, p.title, p.start));
  const sameEducation = (e: ImportedEducation) => haveEducations.has(educationKey(e.school.name, e.field, e.start));
  const sameField = (field: ProfileField) => fold(now[field]) === fold(imported[field]);
  // A country is stored as its code; shown by its name in the reader's language.
  const regions = useMemo(() => new Intl.DisplayNames([lang === 'nb' ? 'nb-NO' : 'en-GB'], { type: 'region' }), [lang]);
  const shown = (field: ProfileField, value: string | undefined) => {
    if (field !== 'country' || !/^[A-Za-z]{2}$/.test(value ?? '')) return value ?? '';
    try {
      return regions.of(value!.toUpperCase()) ?? value ?? '';
    } catch {
      return value ?? '';
    }
  };
  // What the profile already says alike is listed once, not offered.
  const offered = fields.filter((field) => !sameField(field));
  const alike = fields.filter(sameField);

  // What is kept: what the profile does not say yet (a field it already fills differently
  // is offered, not taken).
  const [keepFields, setKeepFields] = useState(() => new Set(fields.filter((f) => !(now[f] ?? '').trim())));
  const [keepPositions, setKeepPositions] = useState(() => new Set(proposal.positions.map((_, i) => i).filter((i) => !samePosition(proposal.positions[i]))));
  const [keepEducations, setKeepEducations] = useState(() => new Set(proposal.educations.map((_, i) => i).filter((i) => !sameEducation(proposal.educations[i]))));
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);

  const toggle = (set: Set<any>, value: any, update: (next: Set<any>) => void) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    update(next);
    setStatus(null);
  };

  async function save() {
    setStatus(null);
    const body: Record<string, unknown> = {};
    for (const field of keepFields) body[field] = imported[field];
    // The lists replace the profile's: the entries already there first, as they are.
    if (keepPositions.size > 0) {
      body.positions = [
        ...(now.positions ?? []).map((p) => ({ organization: organizationRef(p, 'organization'), title: p.title ?? '', start: p.start ?? null, end: p.end ?? null })),
        ...proposal.positions.filter((_, i) => keepPositions.has(i)),
      ];
    }
    if (keepEducations.size > 0) {
      body.educations = [
        ...(now.educations ?? []).map((e) => ({
          school: organizationRef(e, 'school'),
          field: e.field ?? '',
          degree: e.degree ?? '',
          start: e.start ?? null,
          end: e.end ?? null,
        })),
        ...proposal.educations.filter((_, i) => keepEducations.has(i)),
      ];
    }
    if (Object.keys(body).length === 0) {
      setStatus({ ok: false, text: t('import.nothingKept') });
      return;
    }
    setBusy(true);
    try {
      const me = await put<Me & MeNow>('/api/v1/me', body);
      forgetProfiles();
      updateMe(me); // The header follows a new name.
      onSaved(me);
      setStatus({ ok: true, text: t('import.saved') });
    } catch (caught) {
      setStatus({ ok: false, text: errorText({ t, lang }, caught) });
    } finally {
      setBusy(false);
    }
  }

  const files = Object.entries(proposal.files ?? {})
    .map(([name, rows]) => `${name} (${n(rows)})`)
    .join(', ');
  const nothing = fields.length === 0 && proposal.positions.length === 0 && proposal.educations.length === 0;
  return (
    <Card title={t('import.review')} id="import-review">
      {files && <p class="muted small">{t('import.read', { files })}</p>}
      {nothing ? (
        <p class="empty">{t('import.emptyExport')}</p>
      ) : (
        <>
          {fields.length > 0 && (
            <fieldset class="import-group" data-testid="import-profile">
              <legend>{t('import.profile')}</legend>
              {offered.map((field) => (
                <label class="import-item" key={field}>
                  <input type="checkbox" checked={keepFields.has(field)} onChange={() => toggle(keepFields, field, setKeepFields)} />
                  <span class="import-item-text">
                    <span class="import-label">{t(FIELD_LABEL[field])}</span>
                    <span class={field === 'summary' ? 'import-summary' : ''}>{shown(field, imported[field])}</span>
                    {(now[field] ?? '').trim() && <span class="muted small">{t('import.now', { value: shown(field, now[field]) })}</span>}
                  </span>
                </label>
              ))}
              {alike.length > 0 && (
                <p class="muted small" data-testid="import-alike">
                  {t('import.alreadyFields', { fields: alike.map((field) => `${t(FIELD_LABEL[field])}: ${shown(field, imported[field])}`).join(' · ') })}
                </p>
              )}
            </fieldset>
          )}
          {proposal.positions.length > 0 && (
            <fieldset class="import-group" data-testid="import-positions">
              <legend>{t('import.positions')}</legend>
              {proposal.positions.map((position, index) => (
                <label class="import-item" key={index}>
                  <input type="checkbox" checked={keepPositions.has(index)} onChange={() => toggle(keepPositions, index, setKeepPositions)} />
                  <span class="import-item-text">
                    <strong>{position.title}</strong>
                    <span>{position.organization.name}</span>
                    <span class="muted small">
                      {period(t, position.start, position.end)}
                      {samePosition(position) && <> · {t('import.already')}</>}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {proposal.educations.length > 0 && (
            <fieldset class="import-group" data-testid="import-educations">
              <legend>{t('import.educations')}</legend>
              {proposal.educations.map((education, index) => (
                <label class="import-item" key={index}>
                  <input type="checkbox" checked={keepEducations.has(index)} onChange={() => toggle(keepEducations, index, setKeepEducations)} />
                  <span class="import-item-text">
                    <strong>{education.school.name}</strong>
                    <span>{[education.degree, education.field].filter(Boolean).join(', ')}</span>
                    <span class="muted small">
                      {period(t, education.start, education.end)}
                      {sameEducation(education) && <> · {t('import.already')}</>}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          {((now.positions ?? []).length > 0 || (now.educations ?? []).length > 0) && <p class="hint">{t('import.added')}</p>}
          <div class="actions">
            <button type="button" class="btn btn-primary" onClick={save} disabled={busy}>
              {busy ? t('import.saving') : t('import.save')}
            </button>
            {status?.ok && (
              <span role="status" data-testid="import-saved">
                {status.text} <ProfileLink />
              </span>
            )}
          </div>
          {status && !status.ok && (
            <p class="error-box" role="alert" data-testid="import-save-error">
              {status.text}
            </p>
          )}
        </>
      )}
    </Card>
  );
}

function ProfileLink() {
  const { t, me } = useApp();
  return <a href={href(`/members/${me.member}`)}>{t('import.seeProfile')}</a>;
}

const stateOrder: Record<string, number> = { invitable: 0, pending: 1, connected: 2, self: 3 };

function Connections({ connections }: { connections: ImportedConnection[] }) {
  const { t, n } = useApp();
  const found = connections
    .filter((c) => c.member)
    .sort((a, b) => (stateOrder[a.state ?? ''] ?? 4) - (stateOrder[b.state ?? ''] ?? 4));
  const missing = connections.filter((c) => !c.member);
  if (connections.length === 0) return null;
  return (
    <Card title={t('import.connections')} id="import-connections">
      <p data-testid="import-found">
        {found.length > 0 ? t('import.found', { found: n(found.length), total: n(connections.length) }) : t('import.noneFound', { total: n(connections.length) })}
      </p>
      {found.length > 0 && (
        <ul class="import-connections">
          {found.map((connection) => (
            <ConnectionRow key={connection.member!.member} connection={connection} />
          ))}
        </ul>
      )}
      {missing.length > 0 && (
        <details class="import-missing">
          <summary>{t('import.notHere', { count: missing.length })}</summary>
          <ul>
            {missing.map((connection, index) => (
              <li key={index}>
                <span>
                  {connection.first_name} {connection.last_name}
                  {connection.company && <span class="muted"> · {connection.company}</span>}
                </span>
                {connection.email && (
                  <a class="btn btn-small" href={href('/invite', { email: connection.email })}>
                    {t('import.inviteByEmail')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}

function ConnectionRow({ connection }: { connection: ImportedConnection }) {
  const { t, lang, refreshUnread } = useApp();
  const member = connection.member!;
  const [state, setState] = useState<ConnectionState | null>(connection.state);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = member.name || `${connection.first_name} ${connection.last_name}`;

  async function invite() {
    setBusy(true);
    setError(null);
    try {
      const answer = await post<Pick<Invitation, 'id' | 'state'>>('/api/v1/invitations', { to: member.member });
      if (answer.state === 'accepted') {
        setState('connected');
        forgetProfiles();
      } else {
        setState('pending');
        rememberInvited(member.member);
      }
      refreshUnread();
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    } finally {
      setBusy(false);
    }
  }

  const role = [connection.position, connection.company].filter(Boolean).join(', ');
  return (
    <li class="import-connection" data-testid="import-connection" data-member={member.member} data-state={state ?? ''}>
      <Avatar id={member.member} name={name} size={40} photo={member.has_photo ?? true} />
      <div class="import-connection-text">
        <a href={href(`/members/${member.member}`)} class="person-name">
          {name}
        </a>
        {(member.headline || role) && <div class="muted small">{member.headline || role}</div>}
        <div class="muted small">{connection.matched_by === 'email' ? t('import.byEmail') : t('import.byName')}</div>
        {error && (
          <p class="connect-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div class="import-connection-state">
        {state === 'invitable' && (
          <button type="button" class="btn btn-primary btn-small" onClick={invite} disabled={busy} aria-label={t('import.inviteLabel', { name })}>
            {t('import.invite')}
          </button>
        )}
        {state === 'pending' && <span class="badge state state-pending">{t('profile.invited')}</span>}
        {state === 'connected' && <span class="badge state state-accepted">{t('profile.connected')}</span>}
        {state === 'self' && <span class="badge degree degree-0">{t('degree.0')}</span>}
      </div>
    </li>
  );
}
