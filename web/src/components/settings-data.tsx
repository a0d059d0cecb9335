// The settings page's section on a member's data: "Download my data" (a plain link to
// GET /api/v1/me/export, which answers the ZIP as an attachment, so the browser saves
// it with the session cookie and no script holds the bytes), and "Delete my account":
// the password again, then POST /api/v1/me/deletion, which erases the account when the
// server's grace period ends; until then the section (and the banner every page shows,
// DeletionBanner) says when, and offers to cancel (DELETE /api/v1/me/deletion).
import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../api';
import { errorText } from '../errors';
import { href } from '../router';
import { useApp } from '../state';
import { Card } from './ui';

export interface Deletion {
  requested_at: string;
  erase_at: string;
}

interface DeletionState {
  deletion: Deletion | null;
  grace_seconds: number;
}

// Tells the shell's banner that the state changed (requested or cancelled here).
const CHANGED = 'ledd-deletion-changed';

export function SettingsData() {
  const app = useApp();
  const { t } = app;
  const [state, setState] = useState<DeletionState | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = () =>
    get<DeletionState>('/api/v1/me/deletion').then(setState, (caught) => setError(errorText(app, caught)));
  useEffect(() => {
    load();
  }, []);

  async function request(event: Event) {
    event.preventDefault();
    if (!password) {
      setError(t('data.passwordMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const answer = await post<{ deletion: Deletion }>('/api/v1/me/deletion', { password });
      setState((old) => ({ grace_seconds: old?.grace_seconds ?? 0, deletion: answer.deletion }));
      setPassword('');
      dispatchEvent(new Event(CHANGED));
    } catch (caught) {
      setError(errorText(app, caught));
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      await del('/api/v1/me/deletion');
      setState((old) => ({ grace_seconds: old?.grace_seconds ?? 0, deletion: null }));
      setDone(t('data.cancelled'));
      dispatchEvent(new Event(CHANGED));
    } catch (caught) {
      setError(errorText(app, caught));
    } finally {
      setBusy(false);
    }
  }

  const days = Math.round((state?.grace_seconds ?? 0) / 86400);
  return (
    <section aria-labelledby="data-title" data-testid="settings-data">
      <h2 id="data-title" class="settings-section-title">
        {t('data.title')}
      </h2>
      <Card>
        <h3 class="card-title">{t('data.exportTitle')}</h3>
        <p>{t('data.exportText')}</p>
        <a class="btn btn-primary" href="/api/v1/me/export" download data-testid="export-link">
          {t('data.exportButton')}
        </a>
      </Card>
      <Card>
        <h3 class="card-title">{t('data.deleteTitle')}</h3>
        {error && (
          <p class="error-box" role="alert" data-testid="deletion-error">
            {error}
          </p>
        )}
        {done && (
          <p class="notice" role="status" data-testid="deletion-cancelled">
            {done}
          </p>
        )}
        {state?.deletion ? (
          <div data-testid="deletion-scheduled">
            <p class="notice" role="status">
              <strong>{t('data.scheduled', { date: app.dateTime(state.deletion.erase_at) })}</strong>{' '}
              {t('data.scheduledSince', { date: app.dateTime(state.deletion.requested_at) })}
            </p>
            <button type="button" class="btn btn-primary" disabled={busy} onClick={cancel} data-testid="cancel-deletion">
              {t('data.cancel')}
            </button>
          </div>
        ) : (
          state && (
            <form onSubmit={request} data-testid="deletion-form">
              <p>{days >= 1 ? t('data.deleteText', { days, count: days }) : t('data.deleteSoon')}</p>
              <div class="field">
                <label for="deletion-password">{t('data.password')}</label>
                <input
                  id="deletion-password"
                  type="password"
                  value={password}
                  autoComplete="current-password"
                  aria-describedby="deletion-password-hint"
                  onInput={(e) => setPassword(e.currentTarget.value)}
                />
                <small id="deletion-password-hint" class="hint">
                  {t('data.passwordHint')}
                </small>
              </div>
              <button type="submit" class="btn btn-danger" disabled={busy} data-testid="request-deletion">
                {busy ? t('data.deleting') : t('data.deleteButton')}
              </button>
            </form>
          )
        )}
      </Card>
    </section>
  );
}

// On every page while a deletion is pending: when, and a link to cancel it. A sign-in
// during the grace period is met by it first.
export function DeletionBanner() {
  const { t, dateTime } = useApp();
  const [deletion, setDeletion] = useState<Deletion | null>(null);
  useEffect(() => {
    const load = () =>
      get<DeletionState>('/api/v1/me/deletion').then(
        (answer) => setDeletion(answer.deletion),
        () => {},
      );
    load();
    addEventListener(CHANGED, load);
    return () => removeEventListener(CHANGED, load);
  }, []);
  if (!deletion) return null;
  return (
    <div class="deletion-banner" role="status" data-testid="deletion-banner">
      <span>{t('data.banner', { date: dateTime(deletion.erase_at) })}</span>{' '}
      <a href={href('/settings')}>{t('data.bannerLink')}</a>
    </div>
  );
}
