// The pages anyone may open, signed in or not, that mail links to: a member's public
// posts with the box to subscribe to them by email (#/public/ID), the unsubscribe page
// of every mail (#/unsubscribe?token=), which switches off with one click, and the
// confirmation of a subscription (#/subscribe/confirm?token=). They have their own
// small frame (the brand and the language), as a visitor has no menu to use.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api';
import { errorText } from '../errors';
import type { Lang, Translator } from '../i18n';
import { Card, PageHeader } from '../components/ui';
import { href, type Route } from '../router';

interface Author {
  member: number;
  name: string;
  headline: string;
}
interface PublicPosts extends Author {
  posts: { id: number; title: string; body: string; created_at: number }[];
}
interface UnsubscribeTarget {
  kind: 'invitations' | 'accepted' | 'posts' | 'digest' | 'subscription' | 'invitation_mail';
  email?: string;
  author?: Author;
}

type Loaded<T> = { data: T } | { error: string } | null;

function useAnswer<T>(tr: Translator, load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>(null);
  useEffect(() => {
    let live = true;
    setState(null);
    load().then(
      (data) => live && setState({ data }),
      (error) => live && setState({ error: errorText(tr, error) }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tr.lang]);
  return state;
}

export function PublicFrame({ tr, setLang, children }: { tr: Translator; setLang: (lang: Lang) => void; children: ComponentChildren }) {
  const { t, lang } = tr;
  return (
    <>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href={href('/network')}>
            <span class="brand-mark" aria-hidden="true" />
            ledd
          </a>
          <div class="topbar-tools" style={{ marginLeft: 'auto' }}>
            <label class="lang-switch">
              <span class="visually-hidden">{t('lang.label')}</span>
              <select value={lang} onChange={(event) => setLang((event.target as HTMLSelectElement).value as Lang)}>
                <option value="en">English</option>
                <option value="nb">Norsk bokmål</option>
              </select>
            </label>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <div class="page public-page">{children}</div>
      </main>
    </>
  );
}

export function PublicMailPage({ tr, route }: { tr: Translator; route: Route }) {
  const [first, second] = route.parts;
  useEffect(() => {
    document.title = `${tr.t(first === 'public' ? 'public.subscribe' : first === 'unsubscribe' ? 'unsubscribe.title' : 'confirm.title')} · ledd`;
  }, [first, tr.lang]);
  if (first === 'public') return <PublicPosts key={second} tr={tr} id={Number(second)} />;
  if (first === 'unsubscribe') return <Unsubscribe tr={tr} token={route.params.get('token') ?? ''} />;
  return <ConfirmSubscription tr={tr} token={route.params.get('token') ?? ''} />;
}

function PublicPosts({ tr, id }: { tr: Translator; id: number }) {
  const { t } = tr;
  const page = useAnswer(tr, () => get<PublicPosts>(`/api/v1/public/members/${id}`), [id]);
  if (page === null) return <p class="muted">…</p>;
  if ('error' in page) {
    return (
      <p class="error-box" role="alert" data-testid="public-error">
        {page.error}
      </p>
    );
  }
  const author = page.data;
  return (
    <>
      <PageHeader title={t('public.title', { name: author.name })} subtitle={author.headline || undefined} />
      <div class="two-columns wide-left">
        <div class="stack">
          {author.posts.length === 0 && <p class="empty card">{t('public.empty', { name: author.name })}</p>}
          <ul class="post-list" data-testid="public-posts">
            {author.posts.map((item) => (
              <li key={item.id} class="card post">
                {item.title && <h2 class="post-title">{item.title}</h2>}
                <p class="muted small">{tr.date(new Date(item.created_at * 1000).toISOString())}</p>
                <p class="post-body">{item.body}</p>
              </li>
            ))}
          </ul>
        </div>
        <div class="stack">
          <SubscribeBox tr={tr} author={author} />
        </div>
      </div>
    </>
  );
}

function SubscribeBox({ tr, author }: { tr: Translator; author: Author }) {
  const { t, lang } = tr;
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function subscribe(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await post<{ email: string }>(`/api/v1/public/members/${author.member}/subscriptions`, { email, language: lang });
      setSent(answer.email);
    } catch (caught) {
      setError(errorText(tr, caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('public.subscribe')} id="subscribe">
      {sent ? (
        <p class="notice" role="status" data-testid="subscribe-sent">
          {t('public.sent', { email: sent })}
        </p>
      ) : (
        <form onSubmit={subscribe} class="settings-form" data-testid="subscribe-form">
          <p class="hint">{t('public.subscribeHint')}</p>
          <div class="field">
            <label for="subscribe-email">{t('public.email')}</label>
            <input id="subscribe-email" type="email" required autoComplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </div>
          {error && (
            <p class="error-box" role="alert">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {t('public.subscribeButton')}
            </button>
          </div>
        </form>
      )}
    </Card>
  );
}

function Unsubscribe({ tr, token }: { tr: Translator; token: string }) {
  const { t } = tr;
  const path = `/api/v1/unsubscribe?token=${encodeURIComponent(token)}`;
  const target = useAnswer(tr, () => get<UnsubscribeTarget>(path), [token]);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await post(path);
      setDone(true);
    } catch (caught) {
      setError(errorText(tr, caught));
    } finally {
      setBusy(false);
    }
  }
  let body: ComponentChildren;
  if (target === null) {
    body = <p class="muted">…</p>;
  } else if ('error' in target) {
    body = (
      <p class="error-box" role="alert" data-testid="unsubscribe-error">
        {target.error}
      </p>
    );
  } else if (done) {
    const member = !['subscription', 'invitation_mail'].includes(target.data.kind);
    body = (
      <p class="notice" role="status" data-testid="unsubscribe-done">
        {t('unsubscribe.done')} {member && t('unsubscribe.doneMember')}
      </p>
    );
  } else {
    const what = target.data;
    body = (
      <>
        <p data-testid="unsubscribe-question">{t(`unsubscribe.${what.kind}` as const, { name: what.author?.name ?? '', email: what.email ?? '' })}</p>
        {error && (
          <p class="error-box" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button type="button" class="btn btn-primary" disabled={busy} onClick={confirm} data-testid="unsubscribe-confirm">
            {t('unsubscribe.confirm')}
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('unsubscribe.title')} />
      <Card>{body}</Card>
    </>
  );
}

function ConfirmSubscription({ tr, token }: { tr: Translator; token: string }) {
  const { t } = tr;
  // Confirmed by opening the page: the link is the consent the mail asked for.
  const answer = useAnswer(tr, () => post<{ email: string; author?: Author }>('/api/v1/subscriptions/confirm', { token }), [token]);
  let body: ComponentChildren;
  if (answer === null) {
    body = <p class="muted">{t('confirm.busy')}</p>;
  } else if ('error' in answer) {
    body = (
      <p class="error-box" role="alert" data-testid="confirm-error">
        {answer.error}
      </p>
    );
  } else {
    const { author, email } = answer.data;
    body = (
      <>
        <p class="notice" role="status" data-testid="confirm-done">
          {t('confirm.done', { name: author?.name ?? '', email })}
        </p>
        {author && (
          <p>
            <a href={href(`/public/${author.member}`)}>{t('confirm.page')}</a>
          </p>
        )}
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('confirm.title')} />
      <Card>{body}</Card>
    </>
  );
}
