// A member as I may see them: degree, mutual contacts, shared background, the path to
// them, connect and follow (the button starts as the profile says; whether they follow
// me is marked beside the name), their posts.
import { useState } from 'preact/hooks';
import { del, get, post, type MemberRef, type Position, type Post, type Profile } from '../api';
import { errorText } from '../errors';
import { Avatar, Card, DegreeBadge, ErrorBox, Loading, MemberLink, PageHeader } from '../components/ui';
import { useLoad, useTitle } from '../hooks';
import { href, navigate, useRoute } from '../router';
import { useApp } from '../state';
import { PostItem } from './posts';
import { ConnectControl } from '../components/connect';
import { Appearances } from './appearances';
import { ProfileEditor } from './profile-edit';
import { loadMe, type MyProfile } from '../profile-model';
import { countryName } from '../countries';
import { PhotoControls } from '../components/photo';
import { CompletenessCard } from '../components/completeness';
import '../profile.css';

interface PathAnswer {
  length: number | null;
  path: MemberRef[];
  introducers: MemberRef[];
}

// "2019-08-01" as "Aug 2019" ("aug. 2019"); a year alone as the year.
function monthYear(value: string | null | undefined, locale: string): string {
  const match = value?.match(/^(\d{4})(?:-(\d{2}))?/);
  if (!match) return value ?? '';
  if (!match[2]) return match[1];
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

function period(lang: string, start?: string | null, end?: string | null, present?: string) {
  if (!start && !end) return '';
  const locale = lang === 'nb' ? 'nb-NO' : 'en-GB';
  return `${monthYear(start, locale)} – ${end ? monthYear(end, locale) : present ?? ''}`;
}

// One's own profile from GET /api/v1/me (the store's, so an edit shows at once) over the
// network's answer.
function ownView(profile: Profile, mine: MyProfile | null): Profile {
  if (!mine) return profile;
  return {
    ...profile,
    name: `${mine.first_name} ${mine.last_name}`,
    headline: mine.headline,
    has_photo: mine.has_photo,
    summary: mine.summary,
    city: mine.city,
    country: mine.country,
    industry: mine.industry,
    positions: mine.positions.map((p): Position => ({ title: p.title, organization: p.organization.name, start: p.start || null, end: p.end || null })),
    educations: mine.educations.map((e) => ({ school: e.school.name, field: e.field, degree: e.degree, start: e.start || null, end: e.end || null })),
  };
}

export function ProfilePage({ id }: { id: number }) {
  const { t, lang, me, updateMe } = useApp();
  const route = useRoute();
  const loaded = useLoad(() => get<Profile>(`/api/v1/members/${id}`), [id]);
  // One's own: the editable profile, its completeness and photo.
  const mine = useLoad(() => (id === me.member ? loadMe() : Promise.resolve(null)), [id]);
  const [saved, setSaved] = useState(false);
  const path = useLoad(() => (id === me.member ? Promise.resolve(null) : get<PathAnswer>(`/api/v1/members/${id}/path`)), [id]);
  const mutual = useLoad(() => (id === me.member ? Promise.resolve(null) : get<{ count: number; members: MemberRef[] }>(`/api/v1/members/${id}/mutual?limit=12`)), [id]);
  const posts = useLoad(() => get<{ posts: Post[] }>(`/api/v1/members/${id}/posts?limit=5`), [id]);
  // Set once I follow or unfollow here; until then the profile's answer holds.
  const [followChanged, setFollowChanged] = useState<boolean | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const self = id === me.member;
  const editing = self && route.params.has('edit') && mine.data !== null;
  const profile = loaded.data && self ? ownView(loaded.data, mine.data) : loaded.data;
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
    // 404: no such member (never was, erased, or has blocked the caller): nothing to retry.
    const gone = loaded.errorStatus === 404;
    return (
      <div class="page">
        <PageHeader title={gone ? t('data.profileGoneTitle') : t('nav.profile')} />
        {gone ? (
          <p class="notice" role="status" data-testid="profile-gone">
            {loaded.error}
          </p>
        ) : (
          <ErrorBox message={loaded.error} retry={loaded.reload} />
        )}
      </div>
    );
  }
  if (!profile) return <div class="page"><Loading /></div>;
  const shared = profile.shared;
  const sharedItems = shared
    ? [...shared.organizations, ...shared.schools, ...(shared.same_city ? [t('profile.sameCity')] : []), ...(shared.same_industry ? [t('profile.sameIndustry')] : [])]
    : [];

  return (
    <div class="page">
      <section class="card profile-head" aria-labelledby="page-title">
        <div class="profile-photo">
          <Avatar id={profile.member} name={profile.name} size={88} photo={profile.has_photo} />
          {self && mine.data && (
            <PhotoControls
              member={profile.member}
              hasPhoto={mine.data.has_photo}
              onChanged={(has_photo) => {
                updateMe({ ...me, has_photo });
                mine.reload();
              }}
            />
          )}
        </div>
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
            {!self && !profile.has_photo && <span class="badge badge-muted">{t('profile.noPhoto')}</span>}
          </div>
          <p class="headline large">{profile.headline}</p>
          <p class="muted">
            {[profile.city, profile.country ? countryName(profile.country, lang) : '', profile.industry].filter(Boolean).join(' · ')}
            {!self && profile.mutual.count > 0 && <> · {t('profile.mutualCount', { count: profile.mutual.count })}</>}
          </p>
          {profile.profile === 'reduced' && <p class="notice">{t('profile.reduced')}</p>}
          {self && <p class="muted">{t('profile.you')}</p>}
        </div>
        {self && !editing && mine.data && (
          <div class="profile-actions">
            <a class="btn btn-primary" href={href(`/members/${id}`, { edit: 'profile' })} data-testid="edit-profile">
              {t('edit.open')}
            </a>
          </div>
        )}
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
      {self && mine.error && <ErrorBox message={mine.error} retry={mine.reload} />}
      {saved && !editing && (
        <p class="notice" role="status" data-testid="profile-saved">
          {t('edit.saved')}
        </p>
      )}
      <div class="two-columns wide-left">
        {editing && mine.data ? (
          <ProfileEditor
            mine={mine.data}
            focus={route.params.get('edit') ?? undefined}
            onSaved={() => {
              setSaved(true);
              mine.reload();
              navigate(`/members/${id}`);
            }}
            onCancel={() => navigate(`/members/${id}`)}
          />
        ) : (
          <div class="stack">
            {profile.summary && (
              <Card title={t('profile.about')} id="about">
                <p class="prose">{profile.summary}</p>
              </Card>
            )}
            {profile.positions && profile.positions.length > 0 && (
              <Card title={t('profile.experience')} id="experience">
                <ul class="timeline">
                  {profile.positions.map((position, index) => (
                    <li key={index}>
                      <strong>{position.title}</strong>
                      <span>{position.organization}</span>
                      <span class="muted small">{period(lang, position.start, position.current ? null : position.end, t('profile.present'))}</span>
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
                      <span>{[education.degree, education.field].filter(Boolean).join(', ')}</span>
                      <span class="muted small">{period(lang, education.start, education.end)}</span>
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
                  <PostItem key={item.id} post={item} authorName={profile.name} authorPhoto={profile.has_photo} compact />
                ))}
              </ul>
            </Card>
          </div>
        )}
        {self && mine.data && (
          <div class="stack own-side">
            <CompletenessCard mine={mine.data} member={id} editing={editing} />
          </div>
        )}
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
