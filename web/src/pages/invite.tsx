// Invite by email: an address and a note (at most NOTE_LIMIT characters, counted as the
// server counts them). No email is sent yet, so the answer's sign-up link is shown to copy
// and share; when the address is a member's, the invitation went to them as usual. Below,
// my email invitations, newest first, each withdrawable while nobody has signed up with it.
import { useState } from 'preact/hooks';
import { characters, del, get, NOTE_LIMIT, post } from '../api';
import { errorText } from '../errors';
import type { EmailInvitation, EmailInviteAnswer } from '../find-api';
import { Card, ErrorBox, Loading, PageHeader } from '../components/ui';
import { useLoad, useTitle } from '../hooks';
import { forgetProfiles } from '../members';
import type { Route } from '../router';
import { useApp } from '../state';

type Outcome = { kind: 'link'; email: string; link: string } | { kind: 'member'; email: string };

export function InvitePage({ route }: { route: Route }) {
  const { t, lang, refreshUnread } = useApp();
  useTitle(t('invite.title'));
  const [email, setEmail] = useState(route.params.get('email') ?? '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const list = useLoad(() => get<{ email_invitations: EmailInvitation[] }>('/api/v1/email-invitations'), []);

  async function send(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const body: { email: string; note?: string } = { email: email.trim() };
      if (note.trim()) body.note = note.trim();
      const answer = await post<EmailInviteAnswer>('/api/v1/invitations', body);
      const link = answer.signup_link ?? answer.email_invitation?.signup_link;
      if (answer.email_invitation && link) {
        setOutcome({ kind: 'link', email: answer.email_invitation.email, link: absolute(link) });
      } else {
        setOutcome({ kind: 'member', email: body.email });
        forgetProfiles();
        refreshUnread();
      }
      setEmail('');
      setNote('');
      list.reload();
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    } finally {
      setBusy(false);
    }
  }

  const count = characters(note);
  return (
    <div class="page">
      <PageHeader title={t('invite.title')} subtitle={t('invite.subtitle')} />
      <div class="two-columns wide-left">
        <Card>
          <form onSubmit={send} class="invite-form">
            <div class="field">
              <label for="invite-email">{t('invite.email')}</label>
              <input id="invite-email" type="email" required autoComplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="invite-note">{t('connect.note')}</label>
              <textarea
                id="invite-note"
                rows={4}
                value={note}
                maxLength={NOTE_LIMIT * 2}
                placeholder={t('connect.notePlaceholder')}
                aria-describedby="invite-count"
                onInput={(e) => {
                  // At most NOTE_LIMIT characters: what is typed past it is not taken.
                  const text = Array.from(e.currentTarget.value).slice(0, NOTE_LIMIT).join('');
                  if (text !== e.currentTarget.value) e.currentTarget.value = text;
                  setNote(text);
                }}
              />
              <small id="invite-count" class={`note-count${count >= NOTE_LIMIT ? ' at-limit' : ''}`} data-testid="note-count">
                {t('connect.count', { count, limit: NOTE_LIMIT })}
              </small>
            </div>
            {error && (
              <p class="error-box" role="alert" data-testid="invite-error">
                {error}
              </p>
            )}
            <div class="actions">
              <button type="submit" class="btn btn-primary" disabled={busy}>
                {t('invite.send')}
              </button>
            </div>
          </form>
          {outcome?.kind === 'link' && <ShareLink email={outcome.email} link={outcome.link} />}
          {outcome?.kind === 'member' && (
            <p class="callout" role="status" data-testid="invite-member">
              {t('invite.member', { email: outcome.email })}
            </p>
          )}
        </Card>
        <Card title={t('invite.sent')} id="email-invitations">
          {list.error && <ErrorBox message={list.error} retry={list.reload} />}
          {!list.data ? (
            !list.error && <Loading />
          ) : list.data.email_invitations.length === 0 ? (
            <p class="empty">{t('invite.none')}</p>
          ) : (
            <SentList invitations={list.data.email_invitations} reload={list.reload} />
          )}
        </Card>
      </div>
    </div>
  );
}

// The server's link may be relative to its origin.
function absolute(link: string): string {
  try {
    return new URL(link, location.origin).toString();
  } catch {
    return link;
  }
}

function ShareLink({ email, link }: { email: string; link: string }) {
  const { t } = useApp();
  const [copied, setCopied] = useState(false);
  async function copy(event: Event) {
    const field = (event.currentTarget as HTMLElement).parentElement?.querySelector('input');
    try {
      await navigator.clipboard.writeText(link);
    } catch {
      // Without clipboard access (http, a refused permission) the link is selected to copy by hand.
      field?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
  }
  return (
    <div class="share-link" role="status" data-testid="share-link">
      <h2 class="card-title">{t('invite.created', { email })}</h2>
      <p class="callout">{t('invite.notSent')}</p>
      <label for="signup-link" class="visually-hidden">
        {t('invite.link')}
      </label>
      <div class="inline-row">
        <input id="signup-link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} data-testid="signup-link" />
        <button type="button" class="btn" onClick={copy}>
          {copied ? t('invite.copied') : t('invite.copy')}
        </button>
      </div>
      <small class="hint">{t('invite.linkHint', { email })}</small>
    </div>
  );
}

function SentList({ invitations, reload }: { invitations: EmailInvitation[]; reload: () => void }) {
  const { t, lang, when, dateTime } = useApp();
  const [error, setError] = useState<string | null>(null);
  async function withdraw(invitation: EmailInvitation) {
    setError(null);
    try {
      await del(`/api/v1/email-invitations/${invitation.id}`);
      reload();
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    }
  }
  const stateKey = (state: string) =>
    state === 'accepted'
      ? 'invite.state.accepted'
      : state === 'withdrawn'
        ? 'invite.state.withdrawn'
        : state === 'expired'
          ? 'invite.state.expired'
          : 'invite.state.pending';
  return (
    <>
      {error && <ErrorBox message={error} />}
      <ul class="email-invitations">
        {invitations.map((invitation) => (
          <li key={invitation.id} data-testid="email-invitation" data-state={invitation.state}>
            <div class="email-invitation-text">
              <strong>{invitation.email}</strong>
              <span class="muted small">
                <time dateTime={invitation.created_at} title={dateTime(invitation.created_at)}>
                  {t('invitations.sentAt', { when: when(invitation.created_at) })}
                </time>
                {' · '}
                <span class={`state-text state-${invitation.state}`}>{t(stateKey(invitation.state))}</span>
              </span>
              {invitation.note && <q class="note small">{invitation.note}</q>}
            </div>
            {invitation.state === 'pending' && (
              <button type="button" class="btn btn-small" onClick={() => withdraw(invitation)} aria-label={t('invite.withdraw', { email: invitation.email })}>
                {t('invitations.withdraw')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
