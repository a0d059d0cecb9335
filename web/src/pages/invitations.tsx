// Invitations, received and sent. Each with the other member's card (their profile: the
// box names members by id only), when it was sent, where it was sent from (a post or an
// appearance of the recipient's) and the sender's note; a received one also with the
// advice as a badge, its reasons and the reach it adds; accept, ignore or report (after
// a confirmation, and undone within REPORT_UNDO_MINUTES). My triage settings beside
// them: saving them asks for the advice again.
import { useEffect, useState } from 'preact/hooks';
import { get, post, put, query, type Invitation, type Profile, type Reason, type Settings, type Via } from '../api';
import { errorText } from '../errors';
import { AdviceBadge, Avatar, Card, DegreeBadge, ErrorBox, Loading, PageHeader, PART, Sentence } from '../components/ui';
import { useLoad, useTitle } from '../hooks';
import type { Key } from '../i18n';
import { forgetProfiles, useProfiles } from '../members';
import { href, navigate, type Route } from '../router';
import { useApp } from '../state';

// How long "I don't know this person" can be taken back (the server's window).
const REPORT_UNDO_MINUTES = 10;

// The reasons that say where the invitation came from: the card's provenance line says it.
const VIA_REASONS = new Set(['via_post', 'via_appearance']);

const decisionOrder = { accept: 0, consider: 1, decline: 2 } as const;

type Action = 'accept' | 'ignore' | 'report' | 'withdraw' | 'unreport';

const doneKey: Record<Action, Key> = {
  accept: 'invitations.done.accepted',
  ignore: 'invitations.done.ignored',
  report: 'invitations.done.reported',
  withdraw: 'invitations.done.withdrawn',
  unreport: 'invitations.done.unreported',
};

export function InvitationsPage({ route }: { route: Route }) {
  const { t, lang, refreshUnread } = useApp();
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
  // When I reported an invitation here (ms since the epoch): the undo button's clock.
  const [reportedAt, setReportedAt] = useState<Record<number, number>>({});
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    setChanged({});
    setReportedAt({});
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

  async function act(invitation: Invitation, action: Action) {
    setMessage(null);
    try {
      const answer = await post<Pick<Invitation, 'id' | 'state'>>(`/api/v1/invitations/${invitation.id}/${action}`);
      setChanged((old) => ({ ...old, [invitation.id]: answer.state }));
      if (action === 'report') setReportedAt((old) => ({ ...old, [invitation.id]: Date.now() }));
      if (action === 'unreport') setReportedAt(({ [invitation.id]: _, ...rest }) => rest);
      const name = profiles.get(box === 'received' ? invitation.from : invitation.to)?.name ?? `#${invitation.from}`;
      setMessage(t(doneKey[action], { name }));
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
            {invitations.map((invitation) => (
              <InvitationCard
                key={invitation.id}
                invitation={invitation}
                box={box}
                current={changed[invitation.id] ?? invitation.state}
                reportedAt={reportedAt[invitation.id] ?? null}
                person={profiles.get(box === 'received' ? invitation.from : invitation.to)}
                act={(action) => act(invitation, action)}
              />
            ))}
          </ul>
        </div>
        <aside>
          <SettingsCard onSaved={list.reload} />
        </aside>
      </div>
    </div>
  );
}

function InvitationCard({
  invitation,
  box,
  current,
  reportedAt,
  person,
  act,
}: {
  invitation: Invitation;
  box: 'received' | 'sent';
  current: Invitation['state'];
  reportedAt: number | null;
  person: Profile | undefined;
  act: (action: Action) => Promise<void>;
}) {
  const { t, when, dateTime } = useApp();
  const [confirming, setConfirming] = useState(false);
  const other = box === 'received' ? invitation.from : invitation.to;
  const name = person?.name ?? `#${other}`;
  const canUndo = useWithin(reportedAt, REPORT_UNDO_MINUTES * 60_000) && current === 'reported';
  const reasons = (invitation.advice?.reasons ?? []).filter((reason) => !(invitation.via && VIA_REASONS.has(reason.code)));
  // From a new account the origin is shown but counts for nothing (weight 0): say so.
  const uncounted = box === 'received' && (invitation.advice?.reasons ?? []).some((reason) => VIA_REASONS.has(reason.code) && reason.weight === 0);
  return (
    <li class="card invitation" data-testid="invitation" data-id={invitation.id} data-advice={invitation.advice?.decision ?? ''} data-reach={invitation.marginal_reach ?? ''}>
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
      {invitation.via && <ViaLine via={invitation.via} box={box} uncounted={uncounted} />}
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
      {box === 'received' && reasons.length > 0 && <Reasons reasons={reasons} />}
      {current === 'pending' && !confirming && (
        <div class="actions">
          {box === 'received' ? (
            <>
              <button type="button" class="btn btn-primary" onClick={() => act('accept')}>
                {t('invitations.accept')}
              </button>
              <button type="button" class="btn" onClick={() => act('ignore')}>
                {t('invitations.ignore')}
              </button>
              <button type="button" class="btn btn-danger-ghost" onClick={() => setConfirming(true)}>
                {t('invitations.report')}
              </button>
            </>
          ) : (
            <button type="button" class="btn" onClick={() => act('withdraw')}>
              {t('invitations.withdraw')}
            </button>
          )}
        </div>
      )}
      {current === 'pending' && confirming && (
        <div class="confirm" role="group" aria-label={t('invitations.report')} data-testid="report-confirm">
          <p>{t('invitations.reportConfirm', { name })}</p>
          <div class="actions">
            <button type="button" class="btn btn-danger" onClick={() => act('report').then(() => setConfirming(false))}>
              {t('invitations.reportYes')}
            </button>
            <button type="button" class="btn" onClick={() => setConfirming(false)} autoFocus>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {canUndo && (
        <div class="actions">
          <button type="button" class="btn" onClick={() => act('unreport')}>
            {t('invitations.undo')}
          </button>
          <span class="muted small">{t('invitations.undoHint', { count: REPORT_UNDO_MINUTES })}</span>
        </div>
      )}
    </li>
  );
}

// True until `window` ms after `since` (null: never), re-rendering when it runs out.
function useWithin(since: number | null, window: number): boolean {
  const [, setTick] = useState(0);
  const left = since === null ? 0 : since + window - Date.now();
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setTick((n) => n + 1), left + 50);
    return () => clearTimeout(timer);
  }, [since, left > 0]);
  return left > 0;
}

// Where the invitation came from, linked: "Read your post ‘…’ on 12 Aug and invited you
// from it" on a received card, "Sent from their post ‘…’" on a sent one.
function ViaLine({ via, box, uncounted }: { via: Via; box: 'received' | 'sent'; uncounted: boolean }) {
  const { t, day } = useApp();
  const prefix = box === 'received' ? 'via' : 'viaSent';
  let key: Key;
  let params: Record<string, string>;
  let target: string;
  if (via.kind === 'post') {
    key = `${prefix}.post` as Key;
    params = { date: day(via.read_at) };
    target = `/posts/${via.id}`;
  } else {
    key = `${prefix}.${via.appearance_kind}${via.event ? 'At' : ''}` as Key;
    params = { event: via.event };
    target = `/appearances/${via.id}`;
  }
  return (
    <p class={uncounted ? 'via via-uncounted' : 'via'} data-testid="via" data-kind={via.kind} data-counted={uncounted ? 'no' : 'yes'}>
      <span class="via-mark" aria-hidden="true">
        {uncounted ? '·' : '✓'}
      </span>
      <span>
        <Sentence text={t(key, { ...params, title: PART })} part={<a href={href(target)}>{t('quote', { text: via.title })}</a>} />
        {uncounted && t('via.uncounted')}
      </span>
    </p>
  );
}

// The advice's reasons: for, against, and those that count for nothing (shown to explain).
function Reasons({ reasons }: { reasons: Reason[] }) {
  const { t } = useApp();
  return (
    <ul class="reasons" aria-label={t('invitations.why')}>
      {reasons.map((reason) => {
        const kind = reason.weight > 0 ? 'for' : reason.weight < 0 ? 'against' : 'neutral';
        return (
          <li key={reason.code} class={`reason-${kind}`} data-code={reason.code}>
            <span class="reason-sign" aria-hidden="true">
              {kind === 'for' ? '+' : kind === 'against' ? '−' : '·'}
            </span>
            {reason.text}
          </li>
        );
      })}
    </ul>
  );
}

type MarketsChoice = 'home' | 'listed' | 'international';

// The server's markets text ("home", "international", "NO,SE") as the form shows it.
function marketsChoice(markets: string): { choice: MarketsChoice; countries: string } {
  if (markets === '' || markets === 'home') return { choice: 'home', countries: '' };
  if (markets === 'international') return { choice: 'international', countries: '' };
  return { choice: 'listed', countries: markets.split(/[;,]\s*/).join(', ') };
}

function SettingsCard({ onSaved }: { onSaved: () => void }) {
  const { t, lang } = useApp();
  const loaded = useLoad(() => get<Settings>('/api/v1/me/settings'), []);
  const [policy, setPolicy] = useState('');
  const [choice, setChoice] = useState<MarketsChoice>('home');
  const [countries, setCountries] = useState('');
  const [visibility, setVisibility] = useState('');
  const [inDirectory, setInDirectory] = useState<boolean | undefined>(undefined);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const show = (settings: Settings) => {
    setPolicy(settings.policy);
    const markets = marketsChoice(settings.markets);
    setChoice(markets.choice);
    setCountries(markets.countries);
    setVisibility(settings.connections_visibility);
    setInDirectory(settings.in_directory);
  };
  useEffect(() => {
    if (loaded.data) show(loaded.data);
  }, [loaded.data]);

  async function save(event: Event) {
    event.preventDefault();
    setStatus(null);
    // No countries listed is home: the server reads an empty markets text as "no change".
    const markets = choice === 'listed' && countries.trim() ? countries : choice === 'international' ? 'international' : 'home';
    try {
      const body: Partial<Settings> = { policy, markets, connections_visibility: visibility as Settings['connections_visibility'] };
      if (inDirectory !== undefined) body.in_directory = inDirectory;
      show(await put<Settings>('/api/v1/me/settings', body));
      setStatus({ ok: true, text: t('common.saved') });
      onSaved();
    } catch (caught: any) {
      setStatus({ ok: false, text: errorText({ t, lang }, caught) });
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
          <fieldset aria-describedby="markets-rule">
            <legend>{t('settings.markets')}</legend>
            {(['home', 'listed', 'international'] as const).map((value) => (
              <label class="radio" key={value}>
                <input type="radio" name="markets" value={value} checked={choice === value} onChange={() => setChoice(value)} />
                <span>{t(`settings.market.${value}` as const)}</span>
              </label>
            ))}
            {choice === 'listed' && (
              <div class="field nested-field">
                <label for="markets">{t('settings.countries')}</label>
                <input id="markets" value={countries} onInput={(e) => setCountries(e.currentTarget.value)} aria-describedby="markets-hint" autoComplete="off" />
                <small id="markets-hint" class="hint">
                  {t('settings.countriesHint')}
                </small>
              </div>
            )}
            <p id="markets-rule" class="hint rule" data-testid="markets-rule">
              {t('settings.marketsRule')}
            </p>
          </fieldset>
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
          {inDirectory !== undefined && (
            <div class="directory-setting">
              <label class="check">
                <input type="checkbox" name="in_directory" checked={inDirectory} aria-describedby="directory-hint" onChange={(e) => setInDirectory(e.currentTarget.checked)} />
                <span>{t('settings.directory')}</span>
              </label>
              <small id="directory-hint" class="hint">
                {t('settings.directoryHint')}
              </small>
            </div>
          )}
          {status && !status.ok && (
            <p class="error-box" role="alert" data-testid="settings-error">
              {status.text}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="btn btn-primary">
              {t('common.save')}
            </button>
            {status?.ok && (
              <span role="status" class="muted" data-testid="settings-status">
                {status.text}
              </span>
            )}
          </div>
        </form>
      )}
    </Card>
  );
}
