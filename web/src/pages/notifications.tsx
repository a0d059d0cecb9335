// My notifications, newest first; opening one marks it read. A notification names only
// its subject (a post, comment or invitation), so the page looks the subjects up where
// that costs nothing: new posts in my feed (reading the post itself would count a view)
// and invitations in my received and sent boxes; the people by their profiles.
import { get, post, type Notification, type Post } from '../api';
import { ErrorBox, Loading, PageHeader } from '../components/ui';
import { useLoad, useTitle } from '../hooks';
import { useProfiles } from '../members';
import { href } from '../router';
import { useApp } from '../state';

function target(notification: Notification): string {
  switch (notification.kind) {
    case 'new_post':
      return href(`/posts/${notification.subject}`);
    case 'new_comment':
      return href('/posts');
    case 'new_invitation':
      return href('/invitations');
    case 'invitation_accepted':
      return href('/invitations', { box: 'sent', state: 'all' });
    case 'warning':
      return href('/notifications');
  }
}

export function NotificationsPage() {
  const { t, date, refreshUnread, unread } = useApp();
  useTitle(t('notifications.title'));
  const list = useLoad(() => get<{ notifications: Notification[]; unread: number }>('/api/v1/notifications?limit=50'), [unread]);

  async function markAll() {
    await post('/api/v1/notifications/read', { all: true });
    refreshUnread();
    list.reload();
  }

  async function open(notification: Notification) {
    if (!notification.read) {
      await post('/api/v1/notifications/read', { ids: [notification.id] }).catch(() => {});
      refreshUnread();
    }
  }

  const items = list.data?.notifications ?? [];
  const subjects = useLoad(async () => {
    const [feed, received, sent] = await Promise.all([
      get<{ posts: Post[] }>('/api/v1/feed?limit=100').catch(() => ({ posts: [] as Post[] })),
      get<{ invitations: { id: number; from: number; to: number }[] }>('/api/v1/invitations?box=received&limit=200').catch(() => ({ invitations: [] })),
      get<{ invitations: { id: number; from: number; to: number }[] }>('/api/v1/invitations?box=sent&limit=200').catch(() => ({ invitations: [] })),
    ]);
    return {
      posts: new Map(feed.posts.map((p) => [p.id, p])),
      invitations: new Map([...received.invitations, ...sent.invitations].map((i) => [i.id, i])),
    };
  }, [items.length]);
  // Who each notification is about, where known.
  const personOf = (notification: Notification): number | undefined => {
    const found = subjects.data;
    if (!found) return undefined;
    if (notification.kind === 'new_post') return found.posts.get(notification.subject)?.author;
    if (notification.kind === 'new_invitation') return found.invitations.get(notification.subject)?.from;
    if (notification.kind === 'invitation_accepted') return found.invitations.get(notification.subject)?.to;
    return undefined;
  };
  const people = useProfiles([...new Set(items.map(personOf).filter((id): id is number => id !== undefined))]);
  const describe = (notification: Notification): string => {
    if (notification.kind === 'warning') return t('notifications.warning', { reason: notification.reason ?? '' });
    const person = personOf(notification);
    const name = person !== undefined ? people.get(person)?.name : undefined;
    if (!name) return t(`notifications.kind.${notification.kind}` as const);
    if (notification.kind === 'new_post') {
      const title = subjects.data?.posts.get(notification.subject)?.title ?? '';
      return t('notifications.named.new_post', { name, title });
    }
    return t(`notifications.named.${notification.kind}` as 'notifications.named.new_invitation', { name });
  };
  return (
    <div class="page narrow">
      <PageHeader title={t('notifications.title')}>
        <button type="button" class="btn" onClick={markAll} disabled={!items.some((n) => !n.read)}>
          {t('notifications.markAll')}
        </button>
      </PageHeader>
      {list.error && <ErrorBox message={list.error} retry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && items.length === 0 && <p class="empty card">{t('notifications.empty')}</p>}
      {items.length > 0 && (
        <ul class="card notification-list">
          {items.map((notification) => (
            <li key={notification.id} class={notification.read ? 'notification' : 'notification unread'} data-testid="notification" data-kind={notification.kind}>
              <span class="dot" aria-hidden="true" />
              <div class="notification-text">
                <a href={target(notification)} onClick={() => open(notification)}>
                  {describe(notification)}
                </a>
                <div class="muted small">
                  {date(notification.created_at)}
                  {!notification.read && <> · <strong>{t('notifications.unread')}</strong></>}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
