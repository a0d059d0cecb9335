// My notifications, newest first; opening one marks it read.
import { get, post, type Notification } from '../api';
import { ErrorBox, Loading, PageHeader } from '../components/ui';
import { useLoad, useTitle } from '../hooks';
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
                  {t(`notifications.kind.${notification.kind}` as const)}
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
