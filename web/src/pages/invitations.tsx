// Invitations, received and sent. Each with the other member's card (their profile: the
// box names members by id only), when it was sent and the sender's note; a received one
// also with the advice as a badge, its reasons and the reach it adds; accept, ignore or
// report. My triage settings beside them.
import { useEffect, useState } from 'preact/hooks';
import { get, post, put, query, type Advice, type Settings } from '../api';
import { errorText } from '../errors';
import { AdviceBadge, Avatar, Card, DegreeBadge, ErrorBox, Loading, PageHeader } from '../components/ui';
import { useLoad, useTitle } from '../hooks';
import { forgetProfiles, useProfiles } from '../members';
import { href, navigate, type Route } from '../router';
import { useApp } from '../state';

interface Invitation {
  id: number;
  from: number;
  to: number;
  state: 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'reported';
  note: string; // As the sender wrote it; may be empty.
  created_at: string;
  advice: Advice | null;
  marginal_reach: number | null;
  saved_searches: { name: string; matches: number }[] | null;
}

const decisionOrder = { accept: 0, consider: 1, decline: 2 } as const;

export function InvitationsPage({ route }: { route: Route }) {
  const { t, lang, when, dateTime, refreshUnread } = useApp();
  useTitle(t('invitations.title'));
  const box = route.params.get('box') === 'sent' ? 'sent' : 'received';
  const sort = route.params.get('sort') === 'reach' ? 'reach' : 'advice';
  const state = route.params.get('state') === 'all' ? 'all' : 'pending';
  const list = useLoad(
    () =>
      get<{ invitations: Invitation[] }>(
        `/api/v1/invitations${query({ box, state: state === 'pending' ? 'pending' : undefined, lang, limit: 200 })}`,
      ),
    [box, state, lang],
  );
  const [changed, setChanged] = useState<Record<number, Invitation['state']>>({});
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    setChanged({});
    setMessage(null);
  }, [box, state]);

  const invitations = (list.data?.invitations ?? []).slice();
  if (box === 'received') {
    invitations.sort((a, b) => {
      if (sort === 'reach') return (b.marginal_reach ?? -1) - (a.marginal_reach ?? -1) || b.id - a.id;
      const da = a.advice ? decisionOrder[a.advice.decision] : 3;
      const db = b.advice ? decisionOrder[b.advice.decision] : 3;
      return da - db || (b.advice?.score ?? 0) - (a.advice?.score ?? 0) || b.id - a.id;
    });
  }
  const others = invitations.map((invitation) => (box === 'received' ? invitation.from : invitation.to));
  const profiles = useProfiles(others);
  const pending = invitations.filter((i) => (changed[i.id] ?? i.state) === 'pending');
  const advisedAccept = pending.filter((i) => i.advice?.decision === 'accept').length;

  async function act(invitation: Invitation, action: 'accept' | 'ignore' | 'report' | 'withdraw') {
    setMessage(null);
    try {
      const answer = await post<{ id: number; state: Invitation['state'] }>(`/api/v1/invitations/${invitation.id}/${action}`);
      setChanged((old) => ({ ...old, [invitation.id]: answer.state ?? (action === 'accept' ? 'accepted' : action === 'ignore' ? 'ignored' : action === 'report' ? 'reported' : 'withdrawn') }));
      const name = profiles.get(box === 'received' ? invitation.from : invitation.to)?.name ?? `#${invitation.from}`;
      const key = action === 'accept' ? 'invitations.done.accepted' : action === 'ignore' ? 'invitations.done.ignored' : action === 'report' ? 'invitations.done.reported' : 'invitations.done.withdrawn';
      setMessage(t(key, { name }));
      forgetProfiles();
      refreshUnread();
    } catch (caught: any) {
      setMessage(t('common.error', { message: errorText({ t, lang }, caught) }));
    }
  }

  const set = (params: Record<string, string>) =>
    navigate('/invitations', { box, sort, state, ...params });

  return (
    <div class="page">
      <PageHeader
        title={t('invitations.title')}
        subtitle={
          !list.data
            ? ' '
            : box === 'received'
              ? t('invitations.summary', { pending: pending.length, accept: advisedAccept })
              : t('invitations.sentSummary', { pending: pending.length })
        }
      />
      <div class="layout-sidebar">
        <div>
          <div class="toolbar" role="group" aria-label={t('invitations.title')}>
            <div class="tabs">
              <a href={href('/invitations', { box: 'received', sort, state })} class={box === 'received' ? 'tab active' : 'tab'} aria-current={box === 'received' ? 'page' : undefined}>
                {t('invitations.received')}
              </a>
              <a href={href('/invitations', { box: 'sent', sort, state })} class={box === 'sent' ? 'tab active' : 'tab'} aria-current={box === 'sent' ? 'page' : undefined}>
                {t('invitations.sent')}
              </a>
            </div>
            <div class="toolbar-controls">
              <label class="inline-field">
                {t('invitations.state')}
                <select value={state} onChange={(e) => set({ state: e.currentTarget.value })}>
                  <option value="pending">{t('invitations.pending')}</option>
                  <option value="all">{t('invitations.all')}</option>
                </select>
              </label>
              {box === 'received' && (
                <label class="inline-field">
                  {t('invitations.sort')}
                  <select value={sort} onChange={(e) => set({ sort: e.currentTarget.value })} data-testid="sort">
                    <option value="advice">{t('invitations.sortAdvice')}</option>
                    <option value="reach">{t('invitations.sortReach')}</option>
                  </select>
                </label>
              )}
            </div>
          </div>
          {message && (
            <p class="notice" role="status" data-testid="notice">
              {message}
            </p>
          )}
          {list.error && <ErrorBox message={list.error} retry={list.reload} />}
          {list.loading && !list.data && <Loading />}
          {list.data && invitations.length === 0 && <p class="empty card">{t('invitations.empty')}</p>}
          <ul class="invitation-list">
            {invitations.map((invitation) => {
              const other = box === 'received' ? invitation.from : invitation.to;
              const person = profiles.get(other);
              const current = changed[invitation.id] ?? invitation.state;
              const name = person?.name ?? `#${other}`;
              return (
                <li key={invitation.id} class="card invitation" data-testid="invitation" data-id={invitation.id} data-advice={invitation.advice?.decision ?? ''} data-reach={invitation.marginal_reach ?? ''}>
                  <div class="invitation-head">
                    <Avatar id={other} name={name} size={52} photo={person?.has_photo ?? true} />
                    <div class="invitation-who">
                      <div class="name-line">
                        <a href={href(`/members/${other}`)} class="person-name">
                          {name}
                        </a>
                        {person && <DegreeBadge degree={current === 'accepted' ? 1 : person.degree} />}
                        {person && !person.has_photo && <span class="badge badge-muted">{t('profile.noPhoto')}</span>}
                      </div>
                      <div class="headline">{person?.headline}</div>
                      <div class="muted small">
                        {[person?.city, person?.country].filter(Boolean).join(', ')}
                        {person && person.mutual.count > 0 && <> · {t('search.mutual', { count: person.mutual.count })}</>}
                      </div>
                    </div>
                    <div class="invitation-side">
                      {current !== 'pending' || box === 'sent' ? (
                        <span class={`badge state state-${current}`}>{t(`state.${current}` as const)}</span>
                      ) : (
                        invitation.advice && <AdviceBadge decision={invitation.advice.decision} />
                      )}
                      <time class="muted small sent-at" dateTime={invitation.created_at} title={dateTime(invitation.created_at)} data-testid="sent-at">
                        {t('invitations.sentAt', { when: when(invitation.created_at) })}
                      </time>
                    </div>
                  </div>
                  {invitation.note && (
                    <blockquote class="note" data-testid="note">
                      {invitation.note}
                    </blockquote>
                  )}
                  {box === 'received' && invitation.marginal_reach !== null && (
                    <p class={`gain ${invitation.marginal_reach > 0 ? '' : 'gain-none'}`} data-testid="gain">
                      {invitation.marginal_reach > 0 ? t('invitations.gain', { count: invitation.marginal_reach }) : t('invitations.gainNone')}
                      {(invitation.saved_searches ?? [])
                        .filter((s) => s.matches > 0)
                        .map((s) => (
                          <span key={s.name} class="saved-match">
                            {' · '}
                            {t('invitations.savedMatches', { count: s.matches, name: s.name })}
                          </span>
                        ))}
                    </p>
                  )}
                  {box === 'received' && invitation.advice && invitation.advice.reasons.length > 0 && (
                    <ul class="reasons" aria-label={t('invitations.why')}>
                      {invitation.advice.reasons.map((reason) => (
                        <li key={reason.code} class={reason.weight >= 0 ? 'reason-for' : 'reason-against'}>
                          <span class="reason-sign" aria-hidden="true">
                            {reason.weight >= 0 ? '+' : '−'}
                          </span>
                          {reason.text}
                        </li>
                      ))}
                    </ul>
                  )}
                  {current === 'pending' && (
                    <div class="actions">
                      {box === 'received' ? (
                        <>
                          <button type="button" class="btn btn-primary" onClick={() => act(invitation, 'accept')}>
                            {t('invitations.accept')}
                          </button>
                          <button type="button" class="btn" onClick={() => act(invitation, 'ignore')}>
                            {t('invitations.ignore')}
                          </button>
                          <button type="button" class="btn btn-danger-ghost" onClick={() => act(invitation, 'report')}>
                            {t('invitations.report')}
                          </button>
                        </>
                      ) : (
                        <button type="button" class="btn" onClick={() => act(invitation, 'withdraw')}>
                          {t('invitations.withdraw')}
                        </button>
                      )}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
        <aside>
          <SettingsCard />
        </aside>
      </div>
    </div>
  );
}

function SettingsCard() {
  const { t, lang } = useApp();
  const loaded = useLoad(() => get<Settings>('/api/v1/me/settings'), []);
  const [policy, setPolicy] = useState('');
  const [markets, setMarkets] = useState('');
  const [visibility, setVisibility] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (!loaded.data) return;
    setPolicy(loaded.data.policy);
    setMarkets(loaded.data.markets);
    setVisibility(loaded.data.connections_visibility);
  }, [loaded.data]);

  async function save(event: Event) {
    event.preventDefault();
    setStatus(null);
    try {
      await put<Settings>('/api/v1/me/settings', { policy, markets, connections_visibility: visibility });
      setStatus(t('common.saved'));
    } catch (caught: any) {
      setStatus(t('common.error', { message: errorText({ t, lang }, caught) }));
    }
  }

  return (
    <Card title={t('settings.title')} id="settings">
      {loaded.error && <ErrorBox message={loaded.error} retry={loaded.reload} />}
      {!loaded.data ? (
        !loaded.error && <Loading />
      ) : (
        <form onSubmit={save} class="settings-form">
          <fieldset>
            <legend>{t('settings.policy')}</legend>
            {(['liberal', 'selective'] as const).map((value) => (
              <label class="radio" key={value}>
                <input type="radio" name="policy" value={value} checked={policy === value} onChange={() => setPolicy(value)} />
                <span>{t(`settings.${value}` as const)}</span>
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label for="markets">{t('settings.markets')}</label>
            <input id="markets" value={markets} onInput={(e) => setMarkets(e.currentTarget.value)} aria-describedby="markets-hint" />
            <small id="markets-hint" class="hint">
              {t('settings.marketsHint')}
            </small>
          </div>
          <div class="field">
            <label for="visibility">{t('settings.visibility')}</label>
            <select id="visibility" value={visibility} onChange={(e) => setVisibility(e.currentTarget.value)}>
              {(['everyone', 'connections', 'only_me'] as const).map((value) => (
                <option value={value} key={value}>
                  {t(`settings.vis.${value}` as const)}
                </option>
              ))}
            </select>
          </div>
          <div class="actions">
            <button type="submit" class="btn btn-primary">
              {t('common.save')}
            </button>
            {status && (
              <span role="status" class="muted">
                {status}
              </span>
            )}
          </div>
        </form>
      )}
    </Card>
  );
}
