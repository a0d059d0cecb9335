// My network: how many contacts should I have? Exact reach against the blog arithmetic.
import { useState } from 'preact/hooks';
import { get, type MemberRef, type Reach } from '../api';
import { Card, ErrorBox, Loading, PageHeader, Stat } from '../components/ui';
import { ReachChart } from '../components/reach-chart';
import { GrowLinks, SuggestionList, useSuggestions, Welcome } from '../components/suggestions';
import { useLoad, useTitle } from '../hooks';
import { href } from '../router';
import { useApp } from '../state';

interface ContactsReport {
  contacts: number;
  percentile: number;
  reach: Reach;
  advised_accept: number;
  reach_if_accepted: number;
  curve: { k: number; reach: number; gain: number; sender: number | null }[];
}

export function NetworkPage() {
  const app = useApp();
  const { t, n, pct, me } = app;
  useTitle(t('network.title'));
  const report = useLoad(() => get<ContactsReport>('/api/v1/contacts-report'), [me.member]);
  const reach = useLoad(() => get<Reach>('/api/v1/reach'), [me.member]);
  const pymk = useSuggestions(6);
  const [third, setThird] = useState<number | null>(null);
  const [thirdBusy, setThirdBusy] = useState(false);

  async function countThird() {
    setThirdBusy(true);
    try {
      const answer = await get<Reach>('/api/v1/reach?third=true');
      setThird(answer.third ?? null);
    } finally {
      setThirdBusy(false);
    }
  }

  const r = reach.data;
  const c = report.data;
  const exact = r ? r.first + r.second : 0;
  // A member with no contacts yet starts with the welcome and the suggestions.
  const empty = c?.contacts === 0;
  const suggestions = pymk.data && (pymk.data.length > 0 || empty) && (
    <Card title={t('network.pymk')} id="pymk">
      {pymk.data.length > 0 ? <SuggestionList suggestions={pymk.data} /> : <p class="empty">{t('pymk.empty')}</p>}
      <GrowLinks />
    </Card>
  );
  return (
    <div class="page">
      <PageHeader title={t('network.title')} subtitle={t('network.subtitle')} />
      {(reach.error || report.error) && <ErrorBox message={reach.error ?? report.error ?? ''} retry={() => { reach.reload(); report.reload(); }} />}
      {!r || !c ? (
        !reach.error && <Loading />
      ) : (
        <>
          {empty && <Welcome />}
          {empty && suggestions}
          <div class="stats-grid">
            <Stat
              testid="contacts"
              label={t('network.contacts')}
              value={n(c.contacts)}
              note={<span data-testid="percentile">{t('network.percentile', { value: pct(Math.floor(c.percentile * 10) / 1000) })}</span>}
            />
            <Stat testid="first" label={t('network.first')} value={n(r.first)} />
            <Stat testid="second" label={t('network.second')} value={n(r.second)} />
            <Stat
              testid="third"
              label={t('network.third')}
              value={
                third !== null ? (
                  n(third)
                ) : (
                  <button type="button" class="btn btn-small" onClick={countThird} disabled={thirdBusy} title={t('network.thirdHint')}>
                    {thirdBusy ? t('common.loading') : t('network.thirdButton')}
                  </button>
                )
              }
            />
          </div>
          <div class="two-columns">
            <Card title={t('network.blogTitle')} id="blog">
              <BlogBars naive={r.naive} blog={r.blog_estimate} exact={exact} />
              <p class="overlap-line" data-testid="overlap">
                <strong>{t('network.overlap')}: {pct(r.overlap)}</strong> — {t('network.overlapText', { overlap: pct(r.overlap) })}
              </p>
            </Card>
            <Card title={t('network.curveTitle')} id="curve">
              {c.curve.length > 1 ? (
                <>
                  <p class="hint">{t('network.curveHint')}</p>
                  <ReachChart
                    points={c.curve}
                    xLabel={t('network.curveAccepted')}
                    yLabel={t('network.curveReach')}
                    format={n}
                    label={`${t('network.curveTitle')}: ${c.curve.map((p) => `${p.k} → ${n(p.reach)}`).join(', ')}`}
                  />
                </>
              ) : (
                <p class="empty" data-testid="curve-empty">{t('network.curveEmpty', { reach: c.reach_if_accepted })}</p>
              )}
              {c.contacts > 0 && (
                <p class="muted" data-testid="per-contact">
                  {t('network.perContact', { count: Math.round(exact / c.contacts) })}
                </p>
              )}
              {c.advised_accept > 0 && (
                <p class="callout">
                  {c.reach_if_accepted > exact
                    ? t('network.advised', { count: c.advised_accept, from: exact, to: c.reach_if_accepted })
                    : t('network.advisedSame', { count: c.advised_accept, reach: exact })}{' '}
                  <a href={href('/invitations')}>{t('network.toInvitations')} →</a>
                </p>
              )}
            </Card>
          </div>
          {!empty && suggestions}
          <Contacts />
        </>
      )}
    </div>
  );
}

function BlogBars({ naive, blog, exact }: { naive: number; blog: number; exact: number }) {
  const { t, n } = useApp();
  const max = Math.max(naive, blog, exact, 1);
  const rows = [
    { key: 'naive', label: t('network.naive'), value: naive, class: 'bar-naive' },
    { key: 'blog', label: t('network.blog'), value: blog, class: 'bar-blog' },
    { key: 'exact', label: t('network.exact'), value: exact, class: 'bar-exact' },
  ];
  return (
    <dl class="bars">
      {rows.map((row) => (
        <div class="bar-row" key={row.key} data-testid={row.key}>
          <dt>{row.label}</dt>
          <dd>
            <span class={`bar ${row.class}`} style={{ width: `${Math.max(1, (row.value / max) * 100)}%` }} />
            <span class="bar-value" data-value>
              {n(row.value)}
            </span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

const CONTACTS_PAGE = 30;

// My contacts by name, a page at a time.
function Contacts() {
  const { t, n, me } = useApp();
  const [pages, setPages] = useState(1);
  const list = useLoad(
    () => get<{ total: number; connections: MemberRef[] }>(`/api/v1/me/connections?limit=${CONTACTS_PAGE * pages}`),
    [me.member, pages],
  );
  if (!list.data || list.data.total === 0) return null;
  const { total, connections } = list.data;
  return (
    <Card title={`${t('network.yourContacts')} (${n(total)})`} id="contacts">
      <ul class="chips">
        {connections.map((contact) => (
          <li key={contact.member}>
            <a class="chip" href={href(`/members/${contact.member}`)}>
              {contact.name}
            </a>
          </li>
        ))}
      </ul>
      {connections.length < total && (
        <button type="button" class="btn btn-link" onClick={() => setPages(pages + 1)} disabled={list.loading}>
          {t('posts.more')}
        </button>
      )}
    </Card>
  );
}
