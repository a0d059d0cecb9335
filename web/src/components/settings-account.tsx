// The account section of the settings page: the email address and whether it is
// confirmed (with a new link on request), changing the email address and the password
// (each with the current password), and signing out everywhere.
import { useState } from 'preact/hooks';
import { get, post, put, type Me } from '../api';
import { errorText } from '../errors';
import { useApp } from '../state';
import { Card } from './ui';

type Outcome = { ok: string } | { error: string } | null;

function OutcomeLine({ outcome, testid }: { outcome: Outcome; testid: string }) {
  if (!outcome) return null;
  if ('ok' in outcome) {
    return (
      <p class="notice" role="status" data-testid={testid}>
        {outcome.ok}
      </p>
    );
  }
  return (
    <p class="error-box" role="alert" data-testid={`${testid}-error`}>
      {outcome.error}
    </p>
  );
}

export function SettingsAccount() {
  const app = useApp();
  const { t, me, updateMe, signOut } = app;
  const [resend, setResend] = useState<Outcome>(null);
  const [emailOutcome, setEmailOutcome] = useState<Outcome>(null);
  const [passwordOutcome, setPasswordOutcome] = useState<Outcome>(null);
  const [newEmail, setNewEmail] = useState('');
  const [emailPassword, setEmailPassword] = useState('');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<string>, report: (outcome: Outcome) => void) {
    setBusy(true);
    report(null);
    try {
      report({ ok: await action() });
    } catch (caught) {
      report({ error: errorText(app, caught) });
    }
    setBusy(false);
  }

  const sendLink = () =>
    run(async () => {
      await post('/api/v1/me/verification-email');
      return t('account.resent', { email: me.email });
    }, setResend);

  const changeEmail = () =>
    run(async () => {
      const answer = await put<{ email: string }>('/api/v1/me/email', { password: emailPassword, email: newEmail });
      updateMe(await get<Me>('/api/v1/me'));
      setNewEmail('');
      setEmailPassword('');
      return t('account.emailChanged', { email: answer.email });
    }, setEmailOutcome);

  const changePassword = () =>
    run(async () => {
      await put('/api/v1/me/password', { current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      return t('account.passwordChanged');
    }, setPasswordOutcome);

  async function signOutEverywhere() {
    if (!confirm(t('account.confirmSignOutEverywhere'))) return;
    try {
      await post('/api/v1/me/sessions/revoke');
    } catch {
      // Signed out here either way.
    }
    signOut();
  }

  return (
    <div class="settings-account" data-testid="settings-account">
      <Card title={t('account.title')} id="account">
        <dl class="account-email">
          <dt>{t('account.email')}</dt>
          <dd>
            <span data-testid="account-email">{me.email}</span>{' '}
            {me.email_verified ? (
              <span class="badge badge-follows" data-testid="email-verified">
                {t('account.verified')}
              </span>
            ) : (
              <span class="badge badge-muted" data-testid="email-unverified">
                {t('account.unverified')}
              </span>
            )}
          </dd>
        </dl>
        {!me.email_verified && (
          <div class="account-unverified">
            <p class="hint">
              {t('account.unverifiedHint')} {me.email_verification_required && t('account.unverifiedRequired')}
            </p>
            <button type="button" class="btn btn-small" disabled={busy} onClick={sendLink} data-testid="resend-verification">
              {t('account.resend')}
            </button>
            <OutcomeLine outcome={resend} testid="resend-outcome" />
          </div>
        )}
      </Card>

      <Card title={t('account.changeEmail')} id="change-email">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            changeEmail();
          }}
        >
          <div class="field-row">
            <div class="field">
              <label for="new-email">{t('account.newEmail')}</label>
              <input id="new-email" type="email" required value={newEmail} autoComplete="email" onInput={(e) => setNewEmail(e.currentTarget.value)} />
            </div>
            <div class="field">
              <label for="email-password">{t('account.passwordToConfirm')}</label>
              <input
                id="email-password"
                type="password"
                required
                value={emailPassword}
                autoComplete="current-password"
                onInput={(e) => setEmailPassword(e.currentTarget.value)}
              />
            </div>
          </div>
          <OutcomeLine outcome={emailOutcome} testid="email-outcome" />
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t('account.saveEmail')}
          </button>
        </form>
      </Card>

      <Card title={t('account.changePassword')} id="change-password">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            changePassword();
          }}
        >
          <div class="field-row">
            <div class="field">
              <label for="current-password">{t('account.currentPassword')}</label>
              <input
                id="current-password"
                type="password"
                required
                value={current}
                autoComplete="current-password"
                onInput={(e) => setCurrent(e.currentTarget.value)}
              />
            </div>
            <div class="field">
              <label for="new-password">{t('account.newPassword')}</label>
              <input
                id="new-password"
                type="password"
                required
                minLength={10}
                value={next}
                autoComplete="new-password"
                aria-describedby="new-password-hint"
                onInput={(e) => setNext(e.currentTarget.value)}
              />
              <small id="new-password-hint" class="hint">
                {t('signup.passwordHint')}
              </small>
            </div>
          </div>
          <OutcomeLine outcome={passwordOutcome} testid="password-outcome" />
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {t('account.savePassword')}
          </button>
        </form>
      </Card>

      <Card title={t('account.sessions')} id="sessions">
        <p class="hint">{t('account.sessionsHint')}</p>
        <button type="button" class="btn" onClick={signOutEverywhere} data-testid="sign-out-everywhere">
          {t('account.signOutEverywhere')}
        </button>
      </Card>
    </div>
  );
}
