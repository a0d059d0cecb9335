// The shell: who is signed in, the language, the header with its navigation and
// notification badge, and the page the hash names.
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { csrfToken, forgetSession, get, post, setUnauthorizedHandler, type Me } from './api';
import { initialLang, saveLang, translator, type Key, type Lang } from './i18n';
import { forgetProfiles } from './members';
import { href, navigate, useRoute, type Route } from './router';
import { AppContext, useApp, type AppState } from './state';
import { SignIn } from './pages/signin';
import { NetworkPage } from './pages/network';
import { InvitationsPage } from './pages/invitations';
import { SearchPage } from './pages/search';
import { ProfilePage } from './pages/profile';
import { GraphPage } from './pages/graph';
import { PostsPage, PostPage } from './pages/posts';
import { NotificationsPage } from './pages/notifications';
import { AppearancePage } from './pages/appearances';
import { InvitePage } from './pages/invite';
import { ImportPage } from './pages/import';
import { SettingsPage } from './pages/settings';
import { ResetPage, VerifyPage } from './pages/account-links';
import { DeletionBanner } from './components/settings-data';
import { AdminPage } from './pages/admin';
import { PublicFrame, PublicMailPage } from './pages/public-mail';
import { Avatar } from './components/ui';

type Status = { kind: 'checking' } | { kind: 'signed-out' } | { kind: 'signed-in'; me: Me };

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [status, setStatus] = useState<Status>({ kind: 'checking' });
  const [unread, setUnread] = useState(0);
  const route = useRoute();
  const tr = useMemo(() => translator(lang), [lang]);

  const setLang = useCallback((next: Lang) => {
    saveLang(next);
    setLangState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const loadMe = useCallback(async () => {
    if (!csrfToken()) {
      setStatus({ kind: 'signed-out' });
      return;
    }
    try {
      const me = await get<Me>('/api/v1/me');
      setStatus({ kind: 'signed-in', me });
    } catch {
      forgetSession();
      setStatus({ kind: 'signed-out' });
    }
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      forgetSession();
      setStatus({ kind: 'signed-out' });
    });
    loadMe();
  }, []);

  const refreshUnread = useCallback(() => {
    get<{ unread: number }>('/api/v1/me/unread-count').then(
      (answer) => setUnread(answer.unread),
      () => {},
    );
  }, []);

  const signedIn = status.kind === 'signed-in';
  // The badge follows new notifications while the page is open.
  useEffect(() => {
    if (!signedIn) return;
    refreshUnread();
    const timer = setInterval(refreshUnread, 20000);
    return () => clearInterval(timer);
  }, [signedIn, route.path]);

  const signOut = useCallback(async () => {
    try {
      await post('/api/v1/signout');
    } catch {
      // Signed out either way.
    }
    forgetSession();
    forgetProfiles();
    setStatus({ kind: 'signed-out' });
    navigate('/signin');
  }, []);

  // The pages mail links to are anyone's, signed in or not.
  if (['public', 'unsubscribe', 'subscribe'].includes(route.parts[0] ?? '')) {
    return (
      <PublicFrame tr={tr} setLang={setLang}>
        <PublicMailPage tr={tr} route={route} />
      </PublicFrame>
    );
  }
  if (status.kind === 'checking') return null;
  // The pages mailed links open stand on their own, signed in or not.
  if (route.path === '/verify') {
    return <VerifyPage tr={tr} setLang={setLang} route={route} signedIn={status.kind === 'signed-in'} onVerified={loadMe} />;
  }
  if (route.path === '/reset') {
    return <ResetPage tr={tr} setLang={setLang} route={route} signedIn={status.kind === 'signed-in'} />;
  }
  if (status.kind === 'signed-out') {
    return (
      <SignIn
        tr={tr}
        setLang={setLang}
        onSignedIn={async () => {
          forgetProfiles();
          await loadMe();
          if (route.path === '/' || route.path === '/signin') navigate('/network');
        }}
      />
    );
  }

  const updateMe = (me: Me) => setStatus({ kind: 'signed-in', me });
  const state: AppState = { ...tr, me: status.me, setLang, unread, refreshUnread, signOut, updateMe };
  return (
    <AppContext.Provider value={state}>
      <Shell route={route} />
    </AppContext.Provider>
  );
}

const navItems: { path: string; key: Key }[] = [
  { path: '/network', key: 'nav.network' },
  { path: '/invitations', key: 'nav.invitations' },
  { path: '/search', key: 'nav.search' },
  { path: '/graph', key: 'nav.graph' },
  { path: '/posts', key: 'nav.posts' },
];

function Shell({ route }: { route: Route }) {
  const { t, me, unread, lang, setLang, signOut } = useApp();
  const section = `/${route.parts[0] ?? 'network'}`;
  // On a phone the sections fold behind a menu button (phone.css); a new page closes it.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [route.path]);
  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href={href('/network')}>
            <span class="brand-mark" aria-hidden="true" />
            ledd
          </a>
          <button
            type="button"
            class="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="mainnav"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <span class="menu-icon" aria-hidden="true" />
            {t('nav.menuOpen')}
          </button>
          <nav aria-label={t('nav.menu')} id="mainnav" class={`mainnav${menuOpen ? ' open' : ''}`}>
            {[...navItems, ...(me.role === 'moderator' || me.role === 'admin' ? [{ path: '/admin', key: 'nav.admin' as Key }] : [])].map((item) => {
              const current = section === item.path || (item.path === '/network' && section === '/signin');
              return (
                <a key={item.path} href={href(item.path)} class={current ? 'active' : ''} aria-current={current ? 'page' : undefined}>
                  {t(item.key)}
                </a>
              );
            })}
          </nav>
          <div class="topbar-tools">
            <a
              href={href('/notifications')}
              class={`bell${section === '/notifications' ? ' active' : ''}`}
              aria-label={`${t('nav.notifications')}${unread ? ` (${t('nav.unread', { count: unread })})` : ''}`}
              data-testid="bell"
            >
              <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                <path
                  fill="currentColor"
                  d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
                />
              </svg>
              {unread > 0 && (
                <span class="bell-count" data-testid="unread-count">
                  {unread > 99 ? '99+' : unread}
                </span>
              )}
            </a>
            <a
              href={href('/settings')}
              class={`bell${section === '/settings' ? ' active' : ''}`}
              aria-label={t('nav.settings')}
              title={t('nav.settings')}
              aria-current={section === '/settings' ? 'page' : undefined}
            >
              <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor">
                <circle cx="12" cy="12" r="8.2" stroke-width="3.2" stroke-dasharray="3.2 3.24" />
                <circle cx="12" cy="12" r="6.2" stroke-width="2" />
                <circle cx="12" cy="12" r="2.4" stroke-width="2" />
              </svg>
            </a>
            <label class="lang-switch">
              <span class="visually-hidden">{t('lang.label')}</span>
              <select value={lang} onChange={(event) => setLang((event.target as HTMLSelectElement).value as Lang)}>
                <option value="en">English</option>
                <option value="nb">Norsk bokmål</option>
              </select>
            </label>
            <a class="me-link" href={href(`/members/${me.member}`)} title={t('nav.profile')}>
              <Avatar id={me.member} name={`${me.first_name} ${me.last_name}`} size={30} photo={me.has_photo} />
              <span class="me-name">{me.first_name}</span>
            </a>
            <button type="button" class="btn btn-ghost btn-small" onClick={signOut}>
              {t('nav.signout')}
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <DeletionBanner />
        <Page route={route} />
      </main>
    </>
  );
}

function Page({ route }: { route: Route }) {
  const [first, second] = route.parts;
  // A new page: focus its heading, so keyboard and screen-reader users start there.
  const lastPath = useRef(route.path);
  useEffect(() => {
    if (lastPath.current === route.path) return;
    lastPath.current = route.path;
    window.scrollTo(0, 0);
    // Unless the member has already moved on: a field they are typing in keeps the focus.
    const before = document.activeElement;
    const timer = setTimeout(() => {
      const now = document.activeElement;
      if (now !== before && now !== document.body && now !== null) return;
      document.getElementById('page-title')?.focus({ preventScroll: true });
    }, 50);
    return () => clearTimeout(timer);
  }, [route.path]);
  switch (first) {
    case undefined:
    case 'network':
    case 'signin':
      return <NetworkPage />;
    case 'invitations':
      return <InvitationsPage route={route} />;
    case 'search':
      return <SearchPage route={route} />;
    case 'members':
      // Keyed: another member's profile starts afresh (follow and invitation state).
      return <ProfilePage key={second} id={Number(second)} />;
    case 'graph':
      return <GraphPage />;
    case 'posts':
      return second ? <PostPage id={Number(second)} /> : <PostsPage />;
    case 'notifications':
      return <NotificationsPage />;
    case 'appearances':
      return <AppearancePage key={second} id={Number(second)} />;
    case 'invite':
      return <InvitePage route={route} />;
    case 'import':
      return <ImportPage />;
    case 'settings':
      return <SettingsPage />;
    case 'admin':
      return <AdminPage route={route} />;
    default:
      return <NetworkPage />;
  }
}
