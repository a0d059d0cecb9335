// The settings page's email section: the language of emails, which events are mailed,
// the digest, and whether one's posts are public (readable and open to email
// subscription by anyone). GET/PUT /api/v1/me/settings carry these beside the other
// settings; only the fields of this section are sent.
import { useEffect, useState } from 'preact/hooks';
import { get, put } from '../api';
import { errorText } from '../errors';
import { Card, ErrorBox, Loading } from './ui';
import { useLoad } from '../hooks';
import { href } from '../router';
import { useApp } from '../state';

type Digest = 'off' | 'daily' | 'weekly';

export interface MailSettings {
  language: 'en' | 'nb';
  email: { invitations: boolean; accepted: boolean; posts: boolean; digest: Digest };
  public_posts: boolean;
}

export function EmailSettingsSection() {
  const { t, lang, me } = useApp();
  const loaded = useLoad(() => get<MailSettings>('/api/v1/me/settings'), []);
  const [form, setForm] = useState<MailSettings | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    if (loaded.data) setForm(loaded.data);
  }, [loaded.data]);

  async function save(event: Event) {
    event.preventDefault();
    if (!form) return;
    setStatus(null);
    try {
      const saved = await put<MailSettings>('/api/v1/me/settings', {
        language: form.language,
        email: form.email,
        public_posts: form.public_posts,
      });
      setForm(saved);
      setStatus({ ok: true, text: t('common.saved') });
    } catch (caught) {
      setStatus({ ok: false, text: errorText({ t, lang }, caught) });
    }
  }

  const switchOf = (key: 'invitations' | 'accepted' | 'posts') =>
    form && (
      <label class="check" key={key}>
        <input
          type="checkbox"
          name={`email-${key}`}
          checked={form.email[key]}
          onChange={(e) => setForm({ ...form, email: { ...form.email, [key]: e.currentTarget.checked } })}
        />
        <span>{t(`mail.${key}` as const)}</span>
      </label>
    );

  return (
    <Card title={t('mail.title')} id="email-settings">
      {loaded.error && <ErrorBox message={loaded.error} retry={loaded.reload} />}
      {!form ? (
        !loaded.error && <Loading />
      ) : (
        <form onSubmit={save} class="settings-form" data-testid="email-settings">
          <div class="field">
            <label for="mail-language">{t('mail.language')}</label>
            <select id="mail-language" value={form.language} onChange={(e) => setForm({ ...form, language: e.currentTarget.value as 'en' | 'nb' })}>
              <option value="en">English</option>
              <option value="nb">Norsk bokmål</option>
            </select>
          </div>
          <fieldset>
            <legend>{t('mail.events')}</legend>
            {switchOf('invitations')}
            {switchOf('accepted')}
            {switchOf('posts')}
          </fieldset>
          <fieldset aria-describedby="digest-hint">
            <legend>{t('mail.digest')}</legend>
            {(['off', 'daily', 'weekly'] as const).map((value) => (
              <label class="radio" key={value}>
                <input type="radio" name="digest" value={value} checked={form.email.digest === value} onChange={() => setForm({ ...form, email: { ...form.email, digest: value } })} />
                <span>{t(`mail.digest.${value}` as const)}</span>
              </label>
            ))}
            <small id="digest-hint" class="hint">
              {t('mail.digestHint')}
            </small>
          </fieldset>
          <div class="directory-setting">
            <label class="check">
              <input type="checkbox" name="public_posts" checked={form.public_posts} aria-describedby="public-hint" onChange={(e) => setForm({ ...form, public_posts: e.currentTarget.checked })} />
              <span>{t('mail.publicPosts')}</span>
            </label>
            <small id="public-hint" class="hint">
              {t('mail.publicPostsHint')}{' '}
              {loaded.data?.public_posts && <a href={href(`/public/${me.member}`)}>{t('mail.publicLink')}</a>}
            </small>
          </div>
          <p class="hint">{t('mail.unsubscribeNote')}</p>
          {status && !status.ok && (
            <p class="error-box" role="alert">
              {status.text}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="btn btn-primary">
              {t('common.save')}
            </button>
            {status?.ok && (
              <span role="status" class="muted" data-testid="email-settings-status">
                {status.text}
              </span>
            )}
          </div>
        </form>
      )}
    </Card>
  );
}
