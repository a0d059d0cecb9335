// The pages a mailed link opens, signed in or not: #/verify?token= confirms an email
// address (POST /api/v1/verify-email); #/reset asks for a password-reset link
// (POST /api/v1/password-reset) and #/reset?token= sets the new password
// (POST /api/v1/password-reset/confirm). They stand on their own, like the sign-in
// page, so they work before anyone has signed in.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { post } from '../api';
import { errorText } from '../errors';
import type { Lang, Translator } from '../i18n';
import { href, type Route } from '../router';

interface Props {
  tr: Translator;
  setLang: (lang: Lang) => void;
  route: Route;
  signedIn: boolean;
  // After the address is confirmed: the signed-in shell reloads the member.
  onVerified?: () => void;
}

function Frame({ tr, setLang, title, children }: { tr: Translator; setLang: (lang: Lang) => void; title: string; children: ComponentChildren }) {
  const { t, lang } = tr;
  useEffect(() => {
    document.title = `${title} · ledd`;
  }, [title]);
  return (
    <div class="signin-page">
      <div class="signin-top">
        <a class="brand" href={href('/network')}>
          <span class="brand-mark" aria-hidden="true" />
          ledd
        </a>
        <label class="lang-switch">
          <span class="visually-hidden">{t('lang.label')}</span>
          <select value={lang} onChange={(event) => setLang((event.target as HTMLSelectElement).value as Lang)}>
            <option value="en">English</option>
            <option value="nb">Norsk bokmål</option>
          </select>
        </label>
      </div>
      <main class="signin-main account-link-main" id="main">
        <section class="card signin-card" aria-labelledby="account-link-title">
          <h1 id="account-link-title" class="account-link-title" tabIndex={-1}>
            {title}
          </h1>
          {children}
        </section>
      </main>
    </div>
  );
}

export function VerifyPage({ tr, setLang, route, signedIn, onVerified }: Props) {
  const { t } = tr;
  const token = route.params.get('token') ?? '';
  const [state, setState] = useState<{ kind: 'working' } | { kind: 'done'; email: string } | { kind: 'failed'; error: unknown }>({ kind: 'working' });
  // Once per token: a second POST would only say that the link was used.
  const sent = useRef('');
  useEffect(() => {
    if (sent.current === token) return;
    sent.current = token;
    setState({ kind: 'working' });
    post<{ email: string }>('/api/v1/verify-email', { token }).then(
      (answer) => {
        setState({ kind: 'done', email: answer.email });
        onVerified?.();
      },
      (error) => setState({ kind: 'failed', error }),
    );
  }, [token]);
  return (
    <Frame tr={tr} setLang={setLang} title={t('verify.title')}>
      {state.kind === 'working' && (
        <p role="status" data-testid="verify-working">
          {t('verify.working')}
        </p>
      )}
      {state.kind === 'done' && (
        <>
          <p class="notice" role="status" data-testid="verify-done">
            {t('verify.done', { email: state.email })}
          </p>
          <a class="btn btn-primary btn-block" href={href(signedIn ? '/settings' : '/signin')}>
            {t('verify.continue')}
          </a>
        </>
      )}
      {state.kind === 'failed' && (
        <>
          <p class="error-box" role="alert" data-testid="verify-failed">
            {t('verify.failed', { message: errorText(tr, state.error) })}
          </p>
          <p class="hint">{t('verify.again')}</p>
          <a class="btn btn-block" href={href(signedIn ? '/settings' : '/signin')}>
            {t('verify.continue')}
          </a>
        </>
      )}
    </Frame>
  );
}

export function ResetPage({ tr, setLang, route }: Props) {
  const token = route.params.get('token');
  return token ? <NewPassword tr={tr} setLang={setLang} token={token} /> : <RequestReset tr={tr} setLang={setLang} />;
}

function RequestReset({ tr, setLang }: { tr: Translator; setLang: (lang: Lang) => void }) {
  const { t } = tr;
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function send() {
    setBusy(true);
    setError(null);
    try {
      await post('/api/v1/password-reset', { email });
      setSentTo(email);
    } catch (caught) {
      setError(errorText(tr, caught));
    }
    setBusy(false);
  }
  return (
    <Frame tr={tr} setLang={setLang} title={t('reset.title')}>
      {sentTo === null ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            send();
          }}
        >
          <p>{t('reset.intro')}</p>
          <div class="field">
            <label for="reset-email">{t('reset.email')}</label>
            <input id="reset-email" type="email" required value={email} autoComplete="username" onInput={(e) => setEmail(e.currentTarget.value)} />
          </div>
          {error && (
            <p class="error-box" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {t('reset.send')}
          </button>
        </form>
      ) : (
        <p class="notice" role="status" data-testid="reset-sent">
          {t('reset.sent', { email: sentTo })}
        </p>
      )}
      <a class="btn btn-link" href={href('/signin')}>
        {t('reset.backToSignin')}
      </a>
    </Frame>
  );
}

function NewPassword({ tr, setLang, token }: { tr: Translator; setLang: (lang: Lang) => void; token: string }) {
  const { t } = tr;
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    setError(null);
    try {
      await post('/api/v1/password-reset/confirm', { token, password });
      // Every session ended, this browser's too.
      localStorage.removeItem('ledd.csrf');
      setDone(true);
    } catch (caught) {
      setError(errorText(tr, caught));
    }
    setBusy(false);
  }
  return (
    <Frame tr={tr} setLang={setLang} title={t('reset.newTitle')}>
      {done ? (
        <>
          <p class="notice" role="status" data-testid="reset-done">
            {t('reset.saved')}
          </p>
          <a class="btn btn-primary btn-block" href={href('/signin')} onClick={() => setTimeout(() => location.reload(), 0)}>
            {t('reset.toSignin')}
          </a>
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save();
          }}
        >
          <div class="field">
            <label for="reset-password">{t('reset.newPassword')}</label>
            <input
              id="reset-password"
              type="password"
              required
              minLength={10}
              value={password}
              autoComplete="new-password"
              aria-describedby="reset-password-hint"
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
            <small id="reset-password-hint" class="hint">
              {t('signup.passwordHint')}
            </small>
          </div>
          {error && (
            <p class="error-box" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {t('reset.save')}
          </button>
        </form>
      )}
    </Frame>
  );
}
