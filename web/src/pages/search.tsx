// People search from my point of view: filters with facet counts, degree badges, mutual
// contacts and who can introduce me, paging. "Everyone" (degree=all) searches the whole
// directory: my network first, then the members outside it, marked so and shown with
// the reduced profile. The filters complete what one types from the directory's values;
// on a narrow screen they fold behind a "Filters (2)" button so that the hits come first.
// The state lives in the hash, so a search is a link (the article's example is one).
import { useEffect, useState } from 'preact/hooks';
import { del, get, post, query, type MemberRef } from '../api';
import { errorText } from '../errors';
import { Avatar, Card, DegreeBadge, ErrorBox, Loading, PageHeader } from '../components/ui';
import { useLoad, useTitle } from '../hooks';
import { useProfiles } from '../members';
import { href, navigate, type Route } from '../router';
import { useApp } from '../state';
import { ConnectControl } from '../components/connect';
import type { Key } from '../i18n';
import { FacetInput } from '../components/facet-input';
import { countryName } from '../countries';
import { TYPE_AHEAD_FACETS, type TypeAheadFacet } from '../find-api';

interface Hit {
  member: number;
  name: string;
  degree: number | null;
  mutual: number;
  introducers: MemberRef[];
  in_network?: boolean; // False: a member outside my network, found in the directory.
  headline?: string;
  has_photo?: boolean;
}

interface Facet {
  value: string;
  display: string;
  count: number;
}

interface SearchAnswer {
  total: number;
  by_degree: Record<string, number>;
  hits: Hit[];
  facets: Record<string, Facet[]>;
}

const FILTERS = ['title', 'name', 'city', 'country', 'company', 'school', 'field', 'industry'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE = 20;

export const articleExample = href('/search', { title: 'ingeniør', city: 'Oslo', degree: '1,2' });

export function SearchPage({ route }: { route: Route }) {
  const { t, n, lang } = useApp();
  useTitle(t('search.title'));
  const params = route.params;
  const filters: Record<Filter, string> = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<Filter, string>;
  const degree = params.get('degree') || '1,2';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const active = FILTERS.some((f) => filters[f]);
  const everyone = degree === 'all' || degree === 'everyone';
  const key = route.params.toString();
  const chosen = FILTERS.filter((f) => filters[f]).length;

  const [draft, setDraft] = useState(filters);
  const [degrees, setDegrees] = useState(degree.split(','));
  // On a narrow screen the filters fold away once there are hits to show.
  const [filtersOpen, setFiltersOpen] = useState(!active);
  useEffect(() => {
    setDraft(filters);
    setDegrees(degree.split(','));
    setFiltersOpen(!active);
  }, [key]);

  const answer = useLoad<SearchAnswer | null>(
    () => (active ? get<SearchAnswer>(`/api/v1/search${query({ ...filters, degree, limit: PAGE, offset })}`) : Promise.resolve(null)),
    [key],
  );
  const hits = answer.data?.hits ?? [];
  // Outside my network a hit carries what I may see (the reduced profile) itself.
  const profiles = useProfiles(hits.filter((hit) => hit.in_network !== false).map((hit) => hit.member));

  function submit(event: Event) {
    event.preventDefault();
    const chosenDegrees = degrees.includes('all') ? 'all' : degrees.filter(Boolean).sort().join(',');
    navigate('/search', { ...draft, degree: chosenDegrees || '1,2' });
  }

  function apply(filter: Filter, value: string) {
    navigate('/search', { ...filters, [filter]: value, degree });
  }

  const total = answer.data?.total ?? 0;
  return (
    <div class="page">
      <PageHeader title={t('search.title')} subtitle={everyone ? t('find.subtitleAll') : t('search.subtitle')} />
      <p class="example-line">
        {t('search.examplePrefix')}{' '}
        <a href={articleExample} data-testid="article-example">
          {t('search.example')}
        </a>
      </p>
      <button
        type="button"
        class="btn filters-toggle"
        aria-expanded={filtersOpen}
        aria-controls="search-aside"
        data-testid="filters-toggle"
        onClick={() => setFiltersOpen(!filtersOpen)}
      >
        {filtersOpen ? t('find.hideFilters') : chosen > 0 ? t('find.filtersCount', { count: chosen }) : t('find.filters')}
      </button>
      <div class="layout-filters">
        <aside id="search-aside" class={filtersOpen ? 'filters-open' : 'filters-closed'}>
          <Card title={t('search.filters')} id="filters">
            <form onSubmit={submit} class="filter-form" role="search">
              {FILTERS.map((filter) => (
                <div class="field" key={filter}>
                  <label for={`f-${filter}`}>{t(`search.f.${filter}` as Key)}</label>
                  {(TYPE_AHEAD_FACETS as readonly string[]).includes(filter) ? (
                    <FacetInput
                      facet={filter as TypeAheadFacet}
                      id={`f-${filter}`}
                      value={draft[filter]}
                      onInput={(value) => setDraft((old) => ({ ...old, [filter]: value }))}
                    />
                  ) : (
                    <input
                      id={`f-${filter}`}
                      name={filter}
                      value={draft[filter]}
                      onInput={(e) => setDraft({ ...draft, [filter]: e.currentTarget.value })}
                    />
                  )}
                </div>
              ))}
              <fieldset class="degrees">
                <legend>{t('search.degrees')}</legend>
                {['1', '2', '3'].map((d) => (
                  <label key={d} class="check">
                    <input
                      type="checkbox"
                      checked={degrees.includes(d) || degrees.includes('all')}
                      disabled={degrees.includes('all')}
                      onChange={(e) => setDegrees(e.currentTarget.checked ? [...degrees, d] : degrees.filter((x) => x !== d))}
                    />
                    {t(`degree.long.${d}` as Key)}
                  </label>
                ))}
                <label class="check check-everyone">
                  <input
                    type="checkbox"
                    name="everyone"
                    checked={degrees.includes('all')}
                    aria-describedby="everyone-hint"
                    onChange={(e) => setDegrees(e.currentTarget.checked ? ['all'] : ['1', '2'])}
                  />
                  {t('find.everyone')}
                </label>
                <small id="everyone-hint" class="hint">
                  {t('find.everyoneHint')}
                </small>
              </fieldset>
              <div class="actions">
                <button type="submit" class="btn btn-primary">
                  {t('search.submit')}
                </button>
                <a class="btn" href={href('/search')}>
                  {t('search.clear')}
                </a>
              </div>
            </form>
          </Card>
          <SavedSearches filters={filters} active={active} />
          {answer.data && (
            <Card title={t('search.facets')} id="facets">
              {Object.entries(answer.data.facets)
                .filter(([, values]) => values.length > 0)
                .map(([facet, values]) => (
                  <div class="facet" key={facet}>
                    <h3>{t(`search.facet.${facet}` as Key)}</h3>
                    <ul>
                      {values.slice(0, 6).map((value) => (
                        <li key={value.value}>
                          <button type="button" class="facet-value" onClick={() => apply(facet as Filter, value.display)}>
                            <span>{facet === 'country' ? countryName(value.display, lang) : value.display}</span>
                            <span class="count">{n(value.count)}</span>
                          </button>
                        </li>
                      ))}
                    </ul>
                  </div>
                ))}
            </Card>
          )}
        </aside>
        <section aria-labelledby="results-title">
          {!active && <p class="empty card">{t('search.start')}</p>}
          {answer.error && <ErrorBox message={answer.error} retry={answer.reload} />}
          {active && answer.loading && !answer.data && <Loading />}
          {answer.data && (
            <>
              <div class="results-head">
                <h2 id="results-title" data-testid="total">
                  {t('search.results', { total, count: total })}
                </h2>
                <div class="degree-counts">
                  {Object.entries(answer.data.by_degree)
                    .filter(([, count]) => count > 0)
                    .map(([d, count]) => (
                      <span key={d} class="degree-count">
                        {d === 'beyond' ? (
                          <span class="badge degree degree-none outside-badge">{t('find.notInNetwork')}</span>
                        ) : (
                          <DegreeBadge degree={Number(d)} />
                        )}{' '}
                        {n(count)}
                      </span>
                    ))}
                </div>
              </div>
              {hits.length === 0 && (
                <p class="empty card">
                  {t('search.empty')} <a href={href('/invite')}>{t('find.invitePrompt')}</a>
                </p>
              )}
              <ol class="hit-list" start={offset + 1}>
                {hits.map((hit) => {
                  const outside = hit.in_network === false;
                  const person = outside ? undefined : profiles.get(hit.member);
                  const names = (hit.introducers ?? []).slice(0, 2).map((m) => m.name);
                  return (
                    <li key={hit.member} class={`card hit${outside ? ' hit-outside' : ''}`} data-testid="hit" data-in-network={outside ? 'false' : 'true'}>
                      <Avatar id={hit.member} name={hit.name} size={48} photo={hit.has_photo ?? person?.has_photo ?? true} />
                      <div class="hit-body">
                        <div class="name-line">
                          <a href={href(`/members/${hit.member}`)} class="person-name">
                            {hit.name}
                          </a>
                          {outside ? (
                            <span class="badge degree degree-none outside-badge" data-testid="not-in-network">
                              {t('find.notInNetwork')}
                            </span>
                          ) : (
                            <DegreeBadge degree={hit.degree} />
                          )}
                        </div>
                        <div class="headline">{hit.headline ?? person?.headline ?? ' '}</div>
                        {outside ? (
                          <div class="hit-connect">
                            <ConnectControl member={hit.member} name={hit.name} small />
                          </div>
                        ) : (
                          <div class="muted small">
                            {person?.city && <>{person.city} · </>}
                            {t('search.mutual', { count: hit.mutual })}
                          </div>
                        )}
                        {!outside && (hit.degree ?? 0) >= 2 && names.length > 0 && (
                          <p class="intro">
                            {hit.mutual > names.length
                              ? t('search.askMore', { names: names.join(', '), more: hit.mutual - names.length })
                              : t('search.ask', { names: names.join(', ') })}
                          </p>
                        )}
                      </div>
                    </li>
                  );
                })}
              </ol>
              {total > PAGE && (
                <nav class="pager" aria-label={t('search.page')}>
                  {offset > 0 ? (
                    <a class="btn" href={href('/search', { ...filters, degree, offset: Math.max(0, offset - PAGE) || undefined })}>
                      ← {t('common.previous')}
                    </a>
                  ) : (
                    <span />
                  )}
                  <span class="muted">{t('common.showing', { from: offset + 1, to: Math.min(total, offset + PAGE), total })}</span>
                  {offset + PAGE < total ? (
                    <a class="btn" href={href('/search', { ...filters, degree, offset: offset + PAGE })}>
                      {t('common.next')} →
                    </a>
                  ) : (
                    <span />
                  )}
                </nav>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

interface SavedSearch {
  name: string;
  filters: Partial<Record<Filter, string>>;
}

// My saved searches: one click runs one; the current search can be saved under a name.
// Invitations then say how many of the people they bring match each.
function SavedSearches({ filters, active }: { filters: Record<Filter, string>; active: boolean }) {
  const { t, lang } = useApp();
  const list = useLoad(() => get<{ saved_searches: SavedSearch[] }>('/api/v1/saved-searches'), []);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const saved = list.data?.saved_searches ?? [];

  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    const chosen = Object.fromEntries(FILTERS.filter((f) => filters[f]).map((f) => [f, filters[f]]));
    try {
      await post('/api/v1/saved-searches', { name, filters: chosen });
      setName('');
      list.reload();
    } catch (caught: any) {
      setError(errorText({ t, lang }, caught));
    }
  }

  async function remove(search: SavedSearch) {
    setError(null);
    try {
      await del(`/api/v1/saved-searches/${encodeURIComponent(search.name)}`);
      list.reload();
    } catch (caught: any) {
      setError(errorText({ t, lang }, caught));
    }
  }

  if (!active && saved.length === 0) return null;
  return (
    <Card title={t('search.saved')} id="saved">
      {saved.length > 0 && (
        <ul class="saved-list">
          {saved.map((search) => (
            <li key={search.name}>
              <a href={href('/search', { ...search.filters, degree: '1,2' })}>{search.name}</a>
              <button type="button" class="btn-icon" onClick={() => remove(search)} aria-label={t('search.deleteSaved', { name: search.name })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {active && (
        <form onSubmit={save} class="save-form">
          <label for="saved-name">{t('search.saveAs')}</label>
          <div class="inline-row">
            <input id="saved-name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
            <button type="submit" class="btn">
              {t('common.save')}
            </button>
          </div>
          <small class="hint">{t('search.savedHint')}</small>
        </form>
      )}
      {error && <ErrorBox message={error} />}
    </Card>
  );
}
