// Appearances: the talks a member gave, their media appearances and the courses they
// taught. A section of their profile (newest first; on one's own profile with a form to
// add, edit and delete them, checked by the server), and a page of its own for each,
// from which those who heard it connect with the speaker.
import { useState } from 'preact/hooks';
import { del, get, post, put, type Appearance, type AppearanceFields, type AppearanceKind, type AppearanceOwner } from '../api';
import { errorText } from '../errors';
import { Avatar, Card, DegreeBadge, ErrorBox, Loading } from '../components/ui';
import { ConnectControl } from '../components/connect';
import { useLoad, useTitle } from '../hooks';
import { useProfiles } from '../members';
import { href } from '../router';
import { useApp } from '../state';

const KINDS: AppearanceKind[] = ['talk', 'media', 'course'];

// Newest first; the same day, the latest added first.
function newestFirst(list: Appearance[]): Appearance[] {
  return list.slice().sort((a, b) => b.date.localeCompare(a.date) || b.id - a.id);
}

// Only a web address is a link: anything else is not made clickable.
function webLink(link: string): URL | null {
  try {
    const url = new URL(link);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

// Today in the reader's calendar, as YYYY-MM-DD.
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function KindBadge({ kind }: { kind: AppearanceKind }) {
  const { t } = useApp();
  return <span class={`badge kind kind-${kind}`}>{t(`appearances.kind.${kind}` as const)}</span>;
}

export function Appearances({ member, own }: { member: number; own: boolean }) {
  const { t, lang, date } = useApp();
  const loaded = useLoad(() => get<{ appearances: Appearance[] }>(`/api/v1/members/${member}/appearances`), [member]);
  // The form: closed, a new one, or the one being edited.
  const [editing, setEditing] = useState<'new' | Appearance | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = newestFirst(loaded.data?.appearances ?? []);
  if (!own && loaded.data && list.length === 0) return null;

  async function remove(appearance: Appearance) {
    setError(null);
    try {
      await del(`/api/v1/appearances/${appearance.id}`);
      setDeleting(null);
      loaded.reload();
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    }
  }

  return (
    <Card title={t('appearances.title')} id="appearances">
      {loaded.error && <ErrorBox message={loaded.error} retry={loaded.reload} />}
      {loaded.loading && !loaded.data && <Loading />}
      {own && loaded.data && list.length === 0 && editing === null && <p class="empty">{t('appearances.emptyOwn')}</p>}
      <ul class="appearance-list">
        {list.map((appearance) => {
          const quoted = t('quote', { text: appearance.title });
          return editing !== null && editing !== 'new' && editing.id === appearance.id ? (
            <li key={appearance.id}>
              <AppearanceForm
                initial={appearance}
                onCancel={() => setEditing(null)}
                onSaved={() => {
                  setEditing(null);
                  loaded.reload();
                }}
              />
            </li>
          ) : (
            <li key={appearance.id} class="appearance-item" data-testid="appearance" data-id={appearance.id}>
              <div class="appearance-line">
                <KindBadge kind={appearance.kind} />
                <a href={href(`/appearances/${appearance.id}`)} class="appearance-title">
                  {appearance.title}
                </a>
              </div>
              <div class="muted small">{[appearance.event, date(appearance.date), appearance.place].filter(Boolean).join(' · ')}</div>
              {own && deleting !== appearance.id && (
                <div class="item-actions">
                  <button type="button" class="btn btn-link" aria-label={t('appearances.editLabel', { title: quoted })} onClick={() => setEditing(appearance)}>
                    {t('appearances.edit')}
                  </button>
                  <button type="button" class="btn btn-link danger" aria-label={t('appearances.deleteLabel', { title: quoted })} onClick={() => setDeleting(appearance.id)}>
                    {t('appearances.delete')}
                  </button>
                </div>
              )}
              {own && deleting === appearance.id && (
                <div class="confirm" role="group" aria-label={t('appearances.deleteLabel', { title: quoted })}>
                  <span>{t('appearances.deleteConfirm', { title: quoted })}</span>
                  <button type="button" class="btn btn-small btn-danger" onClick={() => remove(appearance)}>
                    {t('appearances.delete')}
                  </button>
                  <button type="button" class="btn btn-small" onClick={() => setDeleting(null)} autoFocus>
                    {t('common.cancel')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {error && <ErrorBox message={error} />}
      {own &&
        (editing === 'new' ? (
          <AppearanceForm
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              loaded.reload();
            }}
          />
        ) : (
          editing === null && (
            <button type="button" class="btn btn-small" onClick={() => setEditing('new')} data-testid="add-appearance">
              + {t('appearances.add')}
            </button>
          )
        ))}
    </Card>
  );
}

// Adds a new appearance, or edits `initial`. The server checks the fields (a title, a
// date, an http(s) link): its refusal is shown in the reader's language.
function AppearanceForm({ initial, onSaved, onCancel }: { initial?: Appearance; onSaved: () => void; onCancel: () => void }) {
  const { t, lang } = useApp();
  const [fields, setFields] = useState<AppearanceFields>(
    initial
      ? { kind: initial.kind, title: initial.title, event: initial.event, date: initial.date, place: initial.place, link: initial.link }
      : { kind: 'talk', title: '', event: '', date: '', place: '', link: '' },
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = initial ? `appearance-${initial.id}` : 'appearance-new';
  const field = (name: keyof AppearanceFields) => ({
    id: `${prefix}-${name}`,
    value: fields[name],
    onInput: (e: Event) => setFields({ ...fields, [name]: (e.currentTarget as HTMLInputElement).value }),
  });

  async function save(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (initial) await put<Appearance>(`/api/v1/appearances/${initial.id}`, fields);
      else await post<Appearance>('/api/v1/appearances', fields);
      onSaved();
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="appearance-form" onSubmit={save} noValidate data-testid="appearance-form">
      <h3 class="subhead">{initial ? t('appearances.editTitle', { title: t('quote', { text: initial.title }) }) : t('appearances.addTitle')}</h3>
      <div class="field-row">
        <div class="field field-narrow">
          <label for={`${prefix}-kind`}>{t('appearances.kind')}</label>
          <select
            id={`${prefix}-kind`}
            value={fields.kind}
            onChange={(e) => setFields({ ...fields, kind: e.currentTarget.value as AppearanceKind })}
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`appearances.kind.${kind}` as const)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${prefix}-title`}>{t('appearances.f.title')}</label>
          <input {...field('title')} maxLength={200} />
        </div>
      </div>
      <div class="field-row">
        <div class="field">
          <label for={`${prefix}-event`}>{t('appearances.f.event')}</label>
          <input {...field('event')} maxLength={200} />
        </div>
        <div class="field field-narrow">
          <label for={`${prefix}-date`}>{t('appearances.f.date')}</label>
          <input {...field('date')} type="date" />
        </div>
      </div>
      <div class="field-row">
        <div class="field">
          <label for={`${prefix}-place`}>{t('appearances.f.place')}</label>
          <input {...field('place')} maxLength={100} />
        </div>
        <div class="field">
          <label for={`${prefix}-link`}>{t('appearances.f.link')}</label>
          <input {...field('link')} type="url" inputMode="url" placeholder="https://" />
        </div>
      </div>
      {error && (
        <p class="error-box" role="alert" data-testid="appearance-error">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('common.save')}
        </button>
        <button type="button" class="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

// One appearance on its own page: what, where and when, the member's card, and Connect
// "from" it once it has taken place.
export function AppearancePage({ id }: { id: number }) {
  const { t, me, date } = useApp();
  const loaded = useLoad(() => get<{ appearance: Appearance; member: AppearanceOwner }>(`/api/v1/appearances/${id}`), [id]);
  const appearance = loaded.data?.appearance;
  const owner = loaded.data?.member;
  // Their profile says whether they invited me, which the page's answer does not.
  const profile = useProfiles(appearance ? [appearance.member] : []).get(appearance?.member ?? 0);
  const person = owner && { ...owner, member: owner.id, invited_you: profile?.invited_you ?? null };
  useTitle(appearance?.title ?? t('appearance.title'));
  if (loaded.error) {
    return (
      <div class="page narrow">
        <h1 id="page-title" tabIndex={-1} class="visually-hidden">
          {t('appearance.title')}
        </h1>
        <ErrorBox message={loaded.error} retry={loaded.reload} />
      </div>
    );
  }
  if (!appearance || !person) return <div class="page narrow"><Loading /></div>;
  const link = webLink(appearance.link);
  const happened = appearance.date <= today();
  const self = appearance.member === me.member;
  return (
    <div class="page narrow">
      <p>
        <a href={href(`/members/${appearance.member}`)}>← {t('appearance.back', { name: person.name })}</a>
      </p>
      <article class="card appearance-page" data-testid="appearance-page">
        <KindBadge kind={appearance.kind} />
        <h1 id="page-title" tabIndex={-1}>
          {appearance.title}
        </h1>
        <dl class="facts">
          {appearance.event && (
            <>
              <dt>{t(`appearance.event.${appearance.kind}` as const)}</dt>
              <dd data-testid="appearance-event">{appearance.event}</dd>
            </>
          )}
          <dt>{t('appearances.f.date')}</dt>
          <dd>
            <time dateTime={appearance.date}>{date(appearance.date)}</time>
            {!happened && <span class="muted"> · {t('appearance.future')}</span>}
          </dd>
          {appearance.place && (
            <>
              <dt>{t('appearances.f.place')}</dt>
              <dd>{appearance.place}</dd>
            </>
          )}
          {link && (
            <>
              <dt>{t('appearance.link')}</dt>
              <dd>
                <a href={link.href} target="_blank" rel="noopener noreferrer" data-testid="appearance-link">
                  {t('appearance.more', { host: link.host })}
                </a>
              </dd>
            </>
          )}
        </dl>
      </article>
      <section class="card speaker" aria-labelledby="speaker-title">
        <h2 class="card-title" id="speaker-title">
          {t(`appearance.who.${appearance.kind}` as const)}
        </h2>
        <div class="speaker-card">
          <Avatar id={person.member} name={person.name} size={56} photo={person.has_photo} />
          <div class="speaker-who">
            <div class="name-line">
              <a href={href(`/members/${person.member}`)} class="person-name">
                {person.name}
              </a>
              <DegreeBadge degree={self ? 0 : person.degree} />
            </div>
            <div class="headline">{person.headline}</div>
          </div>
        </div>
        {!self && person.degree !== 1 && (
          <div class="connect-bar" data-testid="appearance-connect">
            <p>{t('appearance.connectHint', { name: person.name })}</p>
            <ConnectControl
              member={person.member}
              name={person.name}
              degree={person.degree}
              invitedYou={person.invited_you}
              via={happened ? { appearance: appearance.id } : undefined}
              context={happened ? t('connect.viaAppearance', { name: person.name, title: t('quote', { text: appearance.title }) }) : undefined}
            />
          </div>
        )}
      </section>
    </div>
  );
}
