// Connect: an invitation with an optional note, from wherever one meets a member (their
// profile, a suggestion, their post, the page of their talk). The button opens a dialog
// with the note (at most NOTE_LIMIT characters, counted as the server counts them, with
// a live counter); `via` says where the invitation comes from, which the recipient's card
// then shows. Already connected, already invited, or invited by them: it says so instead
// (and offers to accept their invitation).
import { useEffect, useRef, useState } from 'preact/hooks';
import { characters, NOTE_LIMIT, post, type ConnectVia, type Invitation } from '../api';
import { errorText } from '../errors';
import { forgetProfiles, invitedByMe, rememberInvited } from '../members';
import { useApp } from '../state';

export interface ConnectProps {
  member: number;
  name: string;
  degree?: number | null; // 1: connected already.
  invitedYou?: number | null; // Their pending invitation to me.
  via?: ConnectVia;
  // Where the invitation comes from, said in the dialog ("The invitation says you read ‘…’").
  context?: string;
  small?: boolean;
  onConnected?: () => void;
}

type State = 'connect' | 'sent' | 'connected';

// The first `limit` characters (code points) of `text`.
function clip(text: string, limit: number): string {
  if (characters(text) <= limit) return text;
  return Array.from(text).slice(0, limit).join('');
}

export function ConnectControl({ member, name, degree, invitedYou, via, context, small, onConnected }: ConnectProps) {
  const { t, lang, me, refreshUnread } = useApp();
  const [state, setState] = useState<State>(degree === 1 ? 'connected' : 'connect');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (degree === 1) setState('connected');
  }, [degree]);
  useEffect(() => {
    let live = true;
    invitedByMe().then((sent) => live && sent.has(member) && setState((old) => (old === 'connect' ? 'sent' : old)));
    return () => {
      live = false;
    };
  }, [member]);

  if (member === me.member) return null;
  const size = small ? ' btn-small' : '';

  if (state === 'connected') {
    return (
      <span class="badge state state-accepted" role="status" data-testid="connect-state">
        {t('profile.connected')}
      </span>
    );
  }
  if (state === 'sent') {
    return (
      <span class="badge state state-pending" role="status" data-testid="connect-state">
        {t('profile.invited')}
      </span>
    );
  }

  function connected() {
    setState('connected');
    forgetProfiles();
    refreshUnread();
    onConnected?.();
  }

  if (invitedYou) {
    // They asked first: answering them is the connection.
    const accept = async () => {
      setError(null);
      try {
        await post(`/api/v1/invitations/${invitedYou}/accept`);
        connected();
      } catch (caught) {
        setError(errorText({ t, lang }, caught));
      }
    };
    return (
      <span class="connect">
        <button type="button" class={`btn btn-primary${size}`} onClick={accept}>
          {t('connect.acceptTheirs')}
        </button>
        {error && (
          <span class="connect-error" role="alert">
            {error}
          </span>
        )}
      </span>
    );
  }

  function open() {
    setError(null);
    dialog.current?.showModal();
  }
  function close() {
    dialog.current?.close();
  }

  async function send(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: { to: number; note?: string; via?: ConnectVia } = { to: member };
      if (note.trim()) body.note = note.trim();
      if (via) body.via = via;
      const answer = await post<Pick<Invitation, 'id' | 'state'>>('/api/v1/invitations', body);
      close();
      setNote('');
      if (answer.state === 'accepted') {
        connected();
      } else {
        rememberInvited(member);
        setState('sent');
        refreshUnread();
      }
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    } finally {
      setBusy(false);
    }
  }

  const count = characters(note);
  const id = `connect-${member}`;
  return (
    <span class="connect">
      <button
        type="button"
        ref={opener}
        class={`btn btn-primary${size}`}
        onClick={open}
        aria-label={small ? `${t('profile.connect')}: ${name}` : undefined}
        aria-haspopup="dialog"
      >
        {t('profile.connect')}
      </button>
      <dialog ref={dialog} class="connect-dialog" aria-labelledby={`${id}-title`} onClose={() => opener.current?.focus()}>
        <form onSubmit={send}>
          <h2 id={`${id}-title`} class="card-title">
            {t('connect.title', { name })}
          </h2>
          {context && (
            <p class="connect-context" data-testid="connect-context">
              {context}
            </p>
          )}
          <div class="field">
            <label for={`${id}-note`}>{t('connect.note')}</label>
            <textarea
              id={`${id}-note`}
              rows={5}
              value={note}
              placeholder={t('connect.notePlaceholder')}
              aria-describedby={`${id}-count`}
              onInput={(e) => {
                // At most NOTE_LIMIT characters: what is typed past it is not taken.
                const text = clip(e.currentTarget.value, NOTE_LIMIT);
                if (text !== e.currentTarget.value) e.currentTarget.value = text;
                setNote(text);
              }}
            />
            <small id={`${id}-count`} class={`note-count${count >= NOTE_LIMIT ? ' at-limit' : ''}`} data-testid="note-count">
              {t('connect.count', { count, limit: NOTE_LIMIT })}
            </small>
          </div>
          {error && (
            <p class="error-box" role="alert" data-testid="connect-error">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {t('connect.send')}
            </button>
            <button type="button" class="btn" onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </dialog>
    </span>
  );
}
