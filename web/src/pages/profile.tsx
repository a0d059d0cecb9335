// A member as I may see them: degree, mutual contacts, shared background, the path to
// them, connect and follow (the button starts as the profile says; whether they follow
// me is marked beside the name), their posts.
import { useState } from 'preact/hooks';
import { del, get, post, type MemberRef, type Post, type Profile } from '../api';
import { errorText } from '../errors';
import { Avatar, Card, DegreeBadge, ErrorBox, Loading, MemberLink, PageHeader } from '../components/ui';
import { useLoad, useTitle } from '../hooks';
import { href } from '../router';
import { useApp } from '../state';
import { PostItem } from './posts';
import { ConnectControl } from '../components/connect';
import { Appearances } from './appearances';

interface PathAnswer {
  length: number | null;
  path: MemberRef[];
  introducers: MemberRef[];
}

function period(start?: string | null, end?: string | null, present?: string) {
  if (!start && !end) return '';
  return `${start ?? ''} – ${end ?? present ?? ''}`;
}

export function ProfilePage({ id }: { id: number }) {
  const { t, lang, me } = useApp();
  const loaded = useLoad(() => get<Profile>(`/api/v1/members/${id}`), [id]);
  const path = useLoad(() => (id === me.member ? Promise.resolve(null) : get<PathAnswer>(`/api/v1/members/${id}/path`)), [id]);
  const mutual = useLoad(() => (id === me.member ? Promise.resolve(null) : get<{ count: number; members: MemberRef[] }>(`/api/v1/members/${id}/mutual?limit=12`)), [id]);
  const posts = useLoad(() => get<{ posts: Post[] }>(`/api/v1/members/${id}/posts?limit=5`), [id]);
  // Set once I follow or unfollow here; until then the profile's answer holds.
  const [followChanged, setFollowChanged] = useState<boolean | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const profile = loaded.data;
  const following = followChanged ?? profile?.following ?? false;
  useTitle(profile?.name ?? t('nav.profile'));

  async function toggleFollow() {
    setActionError(null);
    try {
      const answer = following
        ? await del<{ following: boolean }>(`/api/v1/members/${id}/follow`)
        : await post<{ following: boolean }>(`/api/v1/members/${id}/follow`);
      setFollowChanged(answer.following);
    } catch (caught: any) {
      setActionError(errorText({ t, lang }, caught));
    }
  }

  if (loaded.error) {
    return (
      <div class="page">
        <PageHeader title={t('nav.profile')} />
        <ErrorBox message={loaded.error} retry={loaded.reload} />
      </div>
    );
  }
  if (!profile) return <div class="page"><Loading /></div>;
  const self = id === me.member;
  const shared = profile.shared;
  const sharedItems = shared
    ? [...shared.organizations, ...shared.schools, ...(shared.same_city ? [t('profile.sameCity')] : []), ...(shared.same_industry ? [t('profile.sameIndustry')] : [])]
    : [];

  return (
    <div class="page">
      <section class="card profile-head" aria-labelledby="page-title">
        <Avatar id={profile.member} name={profile.name} size={88} photo={profile.has_photo} />
        <div class="profile-main">
          <div class="name-line">
            <h1 id="page-title" tabIndex={-1}>
              {profile.name}
            </h1>
            <DegreeBadge degree={self ? 0 : profile.degree} />
            {!self && profile.follows_you && (
              <span class="badge badge-follows" data-testid="follows-you">
                {t('profile.followsYou')}
              </span>
            )}
            {!profile.has_photo && <span class="badge badge-muted">{t('profile.noPhoto')}</span>}
          </div>
          <p class="headline large">{profile.headline}</p>
          <p class="muted">
            {[profile.city, profile.country, profile.industry].filter(Boolean).join(' · ')}
            {!self && profile.mutual.count > 0 && <> · {t('profile.mutualCount', { count: profile.mutual.count })}</>}
          </p>
          {profile.profile === 'reduced' && <p class="notice">{t('profile.reduced')}</p>}
          {self && <p class="muted">{t('profile.you')}</p>}
        </div>
        {!self && (
          <div class="profile-actions">
            <ConnectControl member={profile.member} name={profile.name} degree={profile.degree} invitedYou={profile.invited_you} onConnected={loaded.reload} />
            <button type="button" class={`btn${following ? ' btn-active' : ''}`} aria-pressed={following} onClick={toggleFollow}>
              {following ? `✓ ${t('profile.following')}` : t('profile.follow')}
            </button>
          </div>
        )}
      </section>
      {actionError && <ErrorBox message={actionError} />}
      <div class={self ? 'stack' : 'two-columns wide-left'}>
        <div class="stack">
          {profile.summary && (
            <Card title={t('profile.about')} id="about">
              <p class="prose">{profile.summary}</p>
            </Card>
          )}
          {profile.positions && profile.positions.length > 0 && (
            <Card title={t('profile.experience')} id="experience">
              <ul class="timeline">
                {profile.positions
                  .slice()
                  .reverse()
                  .map((position, index) => (
                    <li key={index}>
                      <strong>{position.title}</strong>
                      <span>{position.organization}</span>
                      <span class="muted small">{period(position.start, position.current ? null : position.end, t('profile.present'))}</span>
                    </li>
                  ))}
              </ul>
            </Card>
          )}
          {profile.educations && profile.educations.length > 0 && (
            <Card title={t('profile.education')} id="education">
              <ul class="timeline">
                {profile.educations.map((education, index) => (
                  <li key={index}>
                    <strong>{education.school}</strong>
                    <span>{education.field}</span>
                    <span class="muted small">{period(education.start, education.end)}</span>
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <Appearances member={profile.member} own={self} />
          <Card title={t('profile.posts')} id="posts">
            {posts.data && posts.data.posts.length === 0 && <p class="empty">{t('profile.noPosts')}</p>}
            <ul class="post-list">
              {posts.data?.posts.map((item) => (
                <PostItem key={item.id} post={item} authorName={profile.name} compact />
              ))}
            </ul>
          </Card>
        </div>
        {!self && (
          <div class="stack profile-side">
            <Card title={t('profile.path')} id="path">
              {path.loading && <Loading />}
              {path.data && path.data.length !== null && path.data.path.length > 0 ? (
                <>
                  <ol class="path" data-testid="path">
                    {path.data.path.map((step, index) => (
                      <li key={step.member}>
                        {index === 0 ? <strong>{t('degree.0')}</strong> : <MemberLink id={step.member} name={step.name} />}
                      </li>
                    ))}
                  </ol>
                  {path.data.introducers.length > 0 && profile.degree !== 1 && (
                    <>
                      <h3 class="subhead">{t('profile.introducers')}</h3>
                      <ul class="chips">
                        {path.data.introducers.map((m) => (
                          <li key={m.member}>
                            <a class="chip" href={href(`/members/${m.member}`)}>
                              {m.name}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </>
              ) : (
                path.data && <p class="empty">{t('profile.pathNone')}</p>
              )}
            </Card>
            <Card title={mutual.data ? `${t('profile.mutual')} (${mutual.data.count})` : t('profile.mutual')} id="mutual">
              {mutual.data && mutual.data.members.length === 0 && <p class="empty">{t('common.none')}</p>}
              <ul class="chips">
                {mutual.data?.members.map((m) => (
                  <li key={m.member}>
                    <a class="chip" href={href(`/members/${m.member}`)}>
                      {m.name}
                    </a>
                  </li>
                ))}
              </ul>
            </Card>
            <Card title={t('profile.shared')} id="shared">
              {sharedItems.length === 0 ? (
                <p class="empty">{t('profile.sharedNone')}</p>
              ) : (
                <ul class="chips">
                  {sharedItems.map((item) => (
                    <li key={item}>
                      <span class="chip chip-static">{item}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </div>
        )}
      </div>
    </div>
  );
}
