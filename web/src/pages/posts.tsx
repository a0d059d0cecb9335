// Posts: write one, read the people I follow, comment, see view counts.
import { useState } from 'preact/hooks';
import { del, get, patch, post as postJson, type Comment, type Post } from '../api';
import { errorText } from '../errors';
import { Avatar, Card, ErrorBox, Loading, PageHeader } from '../components/ui';
import { ConnectControl } from '../components/connect';
import { ReportForm } from '../components/report-form';
import '../moderation.css';
import { useLoad, useTitle } from '../hooks';
import { useProfiles } from '../members';
import { href } from '../router';
import { useApp } from '../state';

const PAGE = 10;

export function PostsPage() {
  const { t, me } = useApp();
  useTitle(t('posts.title'));
  const [tab, setTab] = useState<'feed' | 'mine'>('feed');
  const [limit, setLimit] = useState(PAGE);
  const [published, setPublished] = useState<Post | null>(null);
  const feed = useLoad(
    () => get<{ posts: Post[] }>(tab === 'feed' ? `/api/v1/feed?limit=${limit}` : `/api/v1/members/${me.member}/posts?limit=${limit}`),
    [tab, limit, published?.id],
  );
  const posts = feed.data?.posts ?? [];
  const authors = useProfiles([...new Set(posts.map((p) => p.author))]);

  return (
    <div class="page">
      <PageHeader title={t('posts.title')} subtitle={t('posts.subtitle')} />
      <div class="two-columns wide-left">
        <div class="stack">
          <div class="tabs" role="group" aria-label={t('posts.title')}>
            <button type="button" class={tab === 'feed' ? 'tab active' : 'tab'} aria-pressed={tab === 'feed'} onClick={() => { setTab('feed'); setLimit(PAGE); }}>
              {t('posts.feed')}
            </button>
            <button type="button" class={tab === 'mine' ? 'tab active' : 'tab'} aria-pressed={tab === 'mine'} onClick={() => { setTab('mine'); setLimit(PAGE); }}>
              {t('posts.mine')}
            </button>
          </div>
          {feed.error && <ErrorBox message={feed.error} retry={feed.reload} />}
          {feed.loading && !feed.data && <Loading />}
          {feed.data && posts.length === 0 && <p class="empty card">{t('posts.empty')}</p>}
          <ul class="post-list">
            {posts.map((item) => (
              <PostItem key={item.id} post={item} authorPhoto={authors.get(item.author)?.has_photo} authorName={authors.get(item.author)?.name ?? (item.author === me.member ? `${me.first_name} ${me.last_name}` : `#${item.author}`)} />
            ))}
          </ul>
          {posts.length >= limit && (
            <button type="button" class="btn btn-block" onClick={() => setLimit(limit + PAGE)}>
              {t('posts.more')}
            </button>
          )}
        </div>
        <div class="stack">
          <Composer onPublished={(p) => { setPublished(p); setTab('mine'); }} />
          {published && (
            <p class="notice" role="status" data-testid="published">
              {t('posts.published')}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}

function Composer({ onPublished }: { onPublished: (post: Post) => void }) {
  const { t, lang } = useApp();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function publish(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await postJson<Post>('/api/v1/posts', { title, body });
      setTitle('');
      setBody('');
      onPublished(created);
    } catch (caught: any) {
      setError(errorText({ t, lang }, caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('posts.write')} id="compose">
      <form onSubmit={publish}>
        <div class="field">
          <label for="post-title">{t('posts.postTitle')}</label>
          <input id="post-title" required maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="post-body">{t('posts.body')}</label>
          <textarea id="post-body" required maxLength={10000} rows={6} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        </div>
        {error && <ErrorBox message={error} />}
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('posts.publish')}
        </button>
      </form>
    </Card>
  );
}

export function PostItem({ post: initial, authorName, authorPhoto, compact }: { post: Post; authorName: string; authorPhoto?: boolean; compact?: boolean }) {
  const { t, lang, date, me } = useApp();
  const [post, setPost] = useState(initial);
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState(post.title);
  const [body, setBody] = useState(post.body);
  const mine = post.author === me.member;
  if (deleted) {
    return (
      <li class="card post" data-testid="post-deleted">
        <p class="muted">{t('content.deleted')}</p>
      </li>
    );
  }
  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      setPost(await patch<Post>(`/api/v1/posts/${post.id}`, { title, body }));
      setEditing(false);
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    }
  }
  async function remove() {
    if (!window.confirm(t('content.confirmDeletePost'))) return;
    setError(null);
    try {
      await del(`/api/v1/posts/${post.id}`);
      setDeleted(true);
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    }
  }
  return (
    <li class={`card post${compact ? ' post-compact' : ''}`} data-testid="post">
      <div class="post-head">
        <Avatar id={post.author} name={authorName} size={compact ? 32 : 40} photo={authorPhoto} />
        <div>
          <a href={href(`/members/${post.author}`)} class="person-name">
            {authorName}
          </a>
          <div class="muted small">
            {date(post.created_at)} · <span data-testid="views">{t('posts.views', { count: post.views })}</span>
            {post.edited && <> · <span data-testid="edited">{t('content.edited')}</span></>}
          </div>
        </div>
      </div>
      {post.removed && <p class="removed-note">{t('content.removed')}</p>}
      {editing ? (
        <form onSubmit={save} class="stack">
          <div class="field">
            <label for={`edit-title-${post.id}`}>{t('posts.postTitle')}</label>
            <input id={`edit-title-${post.id}`} maxLength={200} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for={`edit-body-${post.id}`}>{t('posts.body')}</label>
            <textarea id={`edit-body-${post.id}`} rows={6} maxLength={10000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
          </div>
          <div class="action-row">
            <button type="submit" class="btn btn-primary">
              {t('content.save')}
            </button>
            <button type="button" class="btn btn-ghost" onClick={() => setEditing(false)}>
              {t('content.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <h3 class="post-title">
            <a href={href(`/posts/${post.id}`)}>{post.title}</a>
          </h3>
          <p class="prose post-body">{compact && post.body.length > 240 ? `${post.body.slice(0, 240)}…` : post.body}</p>
        </>
      )}
      {error && <ErrorBox message={error} />}
      {!compact && (
        <div class="content-tools">
          <button type="button" class="btn btn-link" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('posts.showComments')} {open ? '▴' : '▾'}
          </button>
          {mine && !editing && !post.removed && (
            <button type="button" class="btn btn-link" onClick={() => setEditing(true)}>
              {t('content.edit')}
            </button>
          )}
          {mine && (
            <button type="button" class="btn btn-link" onClick={remove}>
              {t('content.delete')}
            </button>
          )}
          {!mine && (
            <button type="button" class="btn btn-link" aria-expanded={reporting} onClick={() => setReporting(!reporting)} data-testid="report-post">
              {t('report.open')}
            </button>
          )}
        </div>
      )}
      {reporting && <ReportForm kind="post" id={post.id} onClose={() => setReporting(false)} />}
      {open && <Comments postId={post.id} postAuthor={post.author} />}
    </li>
  );
}

function Comments({ postId, postAuthor }: { postId: number; postAuthor: number }) {
  const { t, lang } = useApp();
  const comments = useLoad(() => get<{ comments: Comment[] }>(`/api/v1/posts/${postId}/comments`), [postId]);
  const list = comments.data?.comments ?? [];
  const authors = useProfiles([...new Set(list.map((c) => c.author))]);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  async function send(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      await postJson<Comment>(`/api/v1/posts/${postId}/comments`, { body });
      setBody('');
      comments.reload();
    } catch (caught: any) {
      setError(errorText({ t, lang }, caught));
    }
  }
  return (
    <div class="comments">
      {comments.loading && !comments.data && <Loading />}
      {comments.data && list.length === 0 && <p class="muted small">{t('posts.noComments')}</p>}
      <ul>
        {list.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            postAuthor={postAuthor}
            authorName={authors.get(comment.author)?.name ?? `#${comment.author}`}
            onDeleted={comments.reload}
          />
        ))}
      </ul>
      <form onSubmit={send} class="comment-form">
        <label for={`comment-${postId}`} class="visually-hidden">
          {t('posts.comment')}
        </label>
        <input id={`comment-${postId}`} placeholder={t('posts.comment')} required maxLength={2000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
        <button type="submit" class="btn">
          {t('posts.send')}
        </button>
      </form>
      {error && <ErrorBox message={error} />}
    </div>
  );
}

// One comment: its author edits and deletes it, the post's author deletes it, anyone
// else may report it.
function CommentItem({ comment: initial, postAuthor, authorName, onDeleted }: { comment: Comment; postAuthor: number; authorName: string; onDeleted: () => void }) {
  const { t, lang, date, me } = useApp();
  const [comment, setComment] = useState(initial);
  const [editing, setEditing] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [body, setBody] = useState(comment.body);
  const [error, setError] = useState<string | null>(null);
  const mine = comment.author === me.member;
  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      setComment(await patch<Comment>(`/api/v1/comments/${comment.id}`, { body }));
      setEditing(false);
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    }
  }
  async function remove() {
    if (!window.confirm(t('content.confirmDeleteComment'))) return;
    try {
      await del(`/api/v1/comments/${comment.id}`);
      onDeleted();
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    }
  }
  return (
    <li class="comment" data-testid="comment">
      <a href={href(`/members/${comment.author}`)} class="person-name small">
        {authorName}
      </a>{' '}
      <span class="muted small">
        {date(comment.created_at)}
        {comment.edited && <> · {t('content.edited')}</>}
      </span>
      {comment.removed && <p class="removed-note">{t('content.removed')}</p>}
      {editing ? (
        <form onSubmit={save} class="comment-form">
          <label for={`edit-comment-${comment.id}`} class="visually-hidden">
            {t('posts.comment')}
          </label>
          <input id={`edit-comment-${comment.id}`} required maxLength={2000} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
          <button type="submit" class="btn btn-small">
            {t('content.save')}
          </button>
          <button type="button" class="btn btn-small btn-ghost" onClick={() => setEditing(false)}>
            {t('content.cancel')}
          </button>
        </form>
      ) : (
        <p>{comment.body}</p>
      )}
      <div class="content-tools small">
        {mine && !editing && !comment.removed && (
          <button type="button" class="btn btn-link btn-small" onClick={() => setEditing(true)}>
            {t('content.edit')}
          </button>
        )}
        {(mine || postAuthor === me.member) && (
          <button type="button" class="btn btn-link btn-small" onClick={remove}>
            {t('content.delete')}
          </button>
        )}
        {!mine && (
          <button type="button" class="btn btn-link btn-small" aria-expanded={reporting} onClick={() => setReporting(!reporting)} data-testid="report-comment">
            {t('report.open')}
          </button>
        )}
      </div>
      {reporting && <ReportForm kind="comment" id={comment.id} onClose={() => setReporting(false)} />}
      {error && <ErrorBox message={error} />}
    </li>
  );
}

// One post on its own page: reading it counts a view, which is what lets the reader
// connect with the author "from this post" (the invitation carries it).
export function PostPage({ id }: { id: number }) {
  const { t, me } = useApp();
  const loaded = useLoad(() => get<Post>(`/api/v1/posts/${id}`), [id]);
  const authors = useProfiles(loaded.data ? [loaded.data.author] : []);
  const author = loaded.data ? authors.get(loaded.data.author) : undefined;
  useTitle(loaded.data?.title ?? t('posts.title'));
  return (
    <div class="page narrow">
      <p>
        <a href={href('/posts')}>← {t('posts.back')}</a>
      </p>
      <h1 id="page-title" tabIndex={-1} class="visually-hidden">
        {loaded.data?.title ?? t('posts.title')}
      </h1>
      {loaded.error && <ErrorBox message={loaded.error} retry={loaded.reload} />}
      {!loaded.data && !loaded.error && <Loading />}
      {loaded.data && (
        <ul class="post-list">
          <PostItem
            authorPhoto={author?.has_photo}
            post={loaded.data}
            authorName={author?.name ?? (loaded.data.author === me.member ? `${me.first_name} ${me.last_name}` : `#${loaded.data.author}`)}
          />
        </ul>
      )}
      {loaded.data && author && author.member !== me.member && author.degree !== 1 && (
        <div class="card connect-bar" data-testid="post-connect">
          <p>{t('posts.connectHint', { name: author.name })}</p>
          <ConnectControl
            member={author.member}
            name={author.name}
            degree={author.degree}
            invitedYou={author.invited_you}
            via={{ post: loaded.data.id }}
            context={t('connect.viaPost', { title: t('quote', { text: loaded.data.title }) })}
          />
        </div>
      )}
    </div>
  );
}
