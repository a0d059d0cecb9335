// Sign in or sign up; on a demo server, the demo accounts one click away. A sign-up link
// from an invitation by email (#/signup?invite=TOKEN) opens the sign-up, says who invited
// and with what note (GET /api/v1/signup-invitation), and signs up with the token, so the
// invitation is waiting in the new member's box.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post, type DemoAccount, type Session } from '../api';
import { errorText } from '../errors';
import type { SignupInvitation } from '../find-api';
import type { Lang, Translator } from '../i18n';
import { navigate, parseHash } from '../router';

interface Props {
  tr: Translator;
  setLang: (lang: Lang) => void;
  onSignedIn: () => void;
}

export function SignIn({ tr, setLang, onSignedIn }: Props) {
  const { t, lang } = tr;
  const [start] = useState(() => parseHash(location.hash));
  const inviteToken = start.path === '/signup' ? start.params.get('invite') : null;
  const [mode, setMode] = useState<'signin' | 'signup'>(start.path === '/signup' ? 'signup' : 'signin');
  const [invitation, setInvitation] = useState<SignupInvitation | 'gone' | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [headline, setHeadline] = useState('');
  const [city, setCity] = useState('');
  const [country, setCountry] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<DemoAccount[]>([]);

  useEffect(() => {
    document.title = `${t('signin.title')} · ledd`;
    get<{ accounts: DemoAccount[] }>('/api/v1/demo-accounts').then(
      (answer) => setDemo(answer.accounts ?? []),
      () => setDemo([]),
    );
  }, [lang]);

  useEffect(() => {
    if (!inviteToken) return;
    get<SignupInvitation>(`/api/v1/signup-invitation?token=${encodeURIComponent(inviteToken)}`).then(
      (answer) => {
        setInvitation(answer);
        setEmail((old) => old || answer.email || '');
        // A register import knows the person: the form starts from what it says.
        const profile = answer.profile;
        if (profile) {
          setFirst((old) => old || profile.first_name);
          setLast((old) => old || profile.last_name);
          setHeadline((old) => old || profile.headline);
          setCity((old) => old || profile.city);
        }
      },
      () => setInvitation('gone'),
    );
  }, [inviteToken]);

  async function signIn(withEmail: string, withPassword: string) {
    setBusy(true);
    setError(null);
    try {
      const session = await post<Session>('/api/v1/signin', { email: withEmail, password: withPassword });
      localStorage.setItem('ledd.csrf', session.csrf_token);
      onSignedIn();
    } catch (caught: any) {
      setError(t('signin.failed', { message: errorText(tr, caught) }));
      setBusy(false);
    }
  }

  async function signUp() {
    setBusy(true);
    setError(null);
    try {
      // Mail to the new member is written in the language they signed up in.
      const body: Record<string, string> = { email, password, first_name: first, last_name: last, language: lang };
      if (headline) body.headline = headline;
      if (city) body.city = city;
      if (country) body.country = country.toUpperCase();
      if (inviteToken && invitation !== 'gone') body.invite = inviteToken;
      const session = await post<Session>('/api/v1/signup', body);
      localStorage.setItem('ledd.csrf', session.csrf_token);
      // Invited: the invitation waits in the box.
      navigate(body.invite ? '/invitations' : '/network');
      onSignedIn();
    } catch (caught: any) {
      setError(
        caught instanceof ApiError && caught.status === 409 ? t('error.emailTaken') : errorText(tr, caught),
      );
      setBusy(false);
    }
  }

  return (
    <div class="signin-page">
      <div class="signin-top">
        <span class="brand">
          <span class="brand-mark" aria-hidden="true" />
          ledd
        </span>
        <label class="lang-switch">
          <span class="visually-hidden">{t('lang.label')}</span>
          <select value={lang} onChange={(event) => setLang((event.target as HTMLSelectElement).value as Lang)}>
            <option value="en">English</option>
            <option value="nb">Norsk bokmål</option>
          </select>
        </label>
      </div>
      <main class="signin-main" id="main">
        <section class="signin-intro">
          <h1>{t('app.tagline')}</h1>
          <ul class="intro-list">
            <li>{t('signin.intro1')}</li>
            <li>{t('signin.intro2')}</li>
            <li>{t('signin.intro3')}</li>
          </ul>
        </section>
        <section class="card signin-card" aria-labelledby="signin-title">
          <h2 id="signin-title">{mode === 'signin' ? t('signin.title') : t('signup.title')}</h2>
          {mode === 'signup' && invitation && invitation !== 'gone' && (
            <div class="signup-invitation callout" data-testid="signup-invitation">
              <strong>{t('signup.invitedBy', { name: invitation.from.name })}</strong>
              {invitation.from.headline && <div class="muted small">{invitation.from.headline}</div>}
              {invitation.note && <p class="note">{invitation.note}</p>}
              <p class="small">{t('signup.inviteWaiting')}</p>
            </div>
          )}
          {mode === 'signup' && invitation === 'gone' && (
            <p class="callout" data-testid="signup-invitation-gone">
              {t('signup.inviteGone')}
            </p>
          )}
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (mode === 'signin') signIn(email, password);
              else signUp();
            }}
          >
            {mode === 'signup' && (
              <div class="field-row">
                <div class="field">
                  <label for="first">{t('signup.first')}</label>
                  <input id="first" required value={first} onInput={(e) => setFirst(e.currentTarget.value)} autoComplete="given-name" />
                </div>
                <div class="field">
                  <label for="last">{t('signup.last')}</label>
                  <input id="last" required value={last} onInput={(e) => setLast(e.currentTarget.value)} autoComplete="family-name" />
                </div>
              </div>
            )}
            <div class="field">
              <label for="email">{t('signin.email')}</label>
              <input id="email" type="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} autoComplete="username" />
            </div>
            <div class="field">
              <label for="password">{t('signin.password')}</label>
              <input
                id="password"
                type="password"
                required
                minLength={mode === 'signup' ? 10 : undefined}
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
                autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
                aria-describedby={mode === 'signup' ? 'password-hint' : undefined}
              />
              {mode === 'signup' && (
                <small id="password-hint" class="hint">
                  {t('signup.passwordHint')}
                </small>
              )}
            </div>
            {mode === 'signup' && (
              <>
                <div class="field">
                  <label for="headline">{t('signup.headline')}</label>
                  <input id="headline" value={headline} onInput={(e) => setHeadline(e.currentTarget.value)} />
                </div>
                <div class="field-row">
                  <div class="field">
                    <label for="city">{t('signup.city')}</label>
                    <input id="city" value={city} onInput={(e) => setCity(e.currentTarget.value)} autoComplete="address-level2" />
                  </div>
                  <div class="field">
                    <label for="country">{t('signup.country')}</label>
                    <input id="country" value={country} maxLength={2} onInput={(e) => setCountry(e.currentTarget.value)} />
                  </div>
                </div>
              </>
            )}
            {error && (
              <p class="error-box" role="alert">
                {error}
              </p>
            )}
            <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
              {mode === 'signin' ? t('signin.submit') : t('signup.submit')}
            </button>
          </form>
          {mode === 'signin' && (
            <a class="btn btn-link forgot-link" href="#/reset" data-testid="forgot-password">
              {t('signin.forgot')}
            </a>
          )}
          <button type="button" class="btn btn-link" onClick={() => { setMode(mode === 'signin' ? 'signup' : 'signin'); setError(null); }}>
            {mode === 'signin' ? t('signin.toSignup') : t('signin.toSignin')}
          </button>
          {demo.length > 0 && mode === 'signin' && (
            <div class="demo-accounts" aria-labelledby="demo-title">
              <h3 id="demo-title">{t('signin.demo')}</h3>
              <p class="hint">{t('signin.demoHint')}</p>
              <ul>
                {demo.map((account) => (
                  <li key={account.email}>
                    <button
                      type="button"
                      class="demo-account"
                      disabled={busy}
                      onClick={() => {
                        setEmail(account.email);
                        setPassword(account.password);
                        signIn(account.email, account.password);
                      }}
                    >
                      <span class="demo-name">{t('signin.demoAs', { name: account.name })}</span>
                      <span class="demo-email">{account.email}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      </main>
    </div>
  );
}
