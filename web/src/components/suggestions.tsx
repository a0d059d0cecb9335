// People you may know, each with why (GET /api/v1/pymk: mutual contacts, an employer or a
// school at the same time, the field, the city, the industry) said as a sentence, and a
// Connect button. And what a member whose network is empty sees first: a welcome that
// points to the four ways to start.
import { get } from '../api';
import { readSuggestion, type PymkReason, type Suggestion } from '../find-api';
import type { Translator } from '../i18n';
import { useLoad } from '../hooks';
import { useProfiles } from '../members';
import { href } from '../router';
import { useApp } from '../state';
import { ConnectControl } from './connect';
import { Avatar, Card } from './ui';

// A reason as the reader reads it: "Worked at Equinor at the same time".
export function reasonText({ t }: Pick<Translator, 't'>, reason: PymkReason, mutual: number): string {
  const r = reason as Record<string, any>;
  switch (reason.code) {
    case 'mutual':
      return t('search.mutual', { count: mutual });
    case 'same_employer':
      if (!r.organization) return t('pymk.employerUnnamed');
      return r.overlap === false ? t('pymk.employerAny', { organization: r.organization }) : t('pymk.employer', { organization: r.organization });
    case 'same_school':
      if (!r.organization) return t('pymk.schoolUnnamed');
      return r.cohort ? t('pymk.school', { organization: r.organization }) : t('pymk.schoolAny', { organization: r.organization });
    case 'same_field':
      return t('pymk.field', { field: String(r.field ?? '') });
    case 'same_city':
      return r.city ? t('pymk.city', { city: r.city }) : t('pymk.cityUnnamed');
    case 'same_industry':
      return t('pymk.industry', { industry: String(r.industry ?? '') });
  }
  return '';
}

export function useSuggestions(limit: number) {
  const { me } = useApp();
  return useLoad(
    () => get<{ suggestions: unknown[] }>(`/api/v1/pymk?limit=${limit}`).then((answer) => answer.suggestions.map(readSuggestion)),
    [me.member, limit],
  );
}

export function SuggestionList({ suggestions }: { suggestions: Suggestion[] }) {
  // The answer names the members; their headline and photo come from their profiles.
  const profiles = useProfiles(suggestions.filter((s) => !s.headline).map((s) => s.member));
  return (
    <ul class="person-grid suggestion-grid">
      {suggestions.map((s) => {
        const found = profiles.get(s.member);
        const shown = found ? { ...s, headline: s.headline || found.headline, has_photo: s.has_photo ?? found.has_photo } : s;
        return <SuggestionTile key={s.member} suggestion={shown} />;
      })}
    </ul>
  );
}

function SuggestionTile({ suggestion }: { suggestion: Suggestion }) {
  const app = useApp();
  const { t } = app;
  // The mutual contacts are said once, first; the rest in the server's order.
  const reasons = [...suggestion.reasons].sort((a, b) => Number(b.code === 'mutual') - Number(a.code === 'mutual'));
  const texts = reasons.map((reason) => ({ code: reason.code, text: reasonText(app, reason, suggestion.mutual) })).filter((r) => r.text);
  if (suggestion.mutual > 0 && !texts.some((r) => r.code === 'mutual')) {
    texts.unshift({ code: 'mutual', text: t('search.mutual', { count: suggestion.mutual }) });
  }
  return (
    <li class="person-tile suggestion" data-testid="suggestion" data-member={suggestion.member}>
      <Avatar id={suggestion.member} name={suggestion.name} size={40} photo={suggestion.has_photo ?? undefined} />
      <div class="person-tile-text">
        <a href={href(`/members/${suggestion.member}`)}>{suggestion.name}</a>
        {suggestion.headline && <div class="muted small suggestion-headline">{suggestion.headline}</div>}
        {texts.length > 0 && (
          <ul class="suggestion-reasons" aria-label={t('pymk.reasonsLabel', { name: suggestion.name })}>
            {texts.map((reason) => (
              <li key={reason.code + reason.text} data-code={reason.code}>
                {reason.text}
              </li>
            ))}
          </ul>
        )}
      </div>
      <ConnectControl member={suggestion.member} name={suggestion.name} small />
    </li>
  );
}

// The four ways to start, for a member with no contacts yet.
export function Welcome() {
  const { t, me } = useApp();
  const steps = [
    { key: 'profile', to: href(`/members/${me.member}`, { edit: 'profile' }), title: t('welcome.profile'), hint: t('welcome.profileHint') },
    { key: 'search', to: href('/search', { degree: 'all' }), title: t('welcome.search'), hint: t('welcome.searchHint') },
    { key: 'import', to: href('/import'), title: t('welcome.import'), hint: t('welcome.importHint') },
    { key: 'invite', to: href('/invite'), title: t('welcome.invite'), hint: t('welcome.inviteHint') },
  ];
  return (
    <Card title={t('welcome.title', { name: me.first_name })} id="welcome" class="welcome">
      <p>{t('welcome.text')}</p>
      <ol class="welcome-steps">
        {steps.map((step) => (
          <li key={step.key} data-testid={`welcome-${step.key}`}>
            <a href={step.to}>{step.title}</a>
            <span class="muted small">{step.hint}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

// For a member who has contacts: the same ways, in one line.
export function GrowLinks() {
  const { t } = useApp();
  return (
    <nav class="grow-links" aria-label={t('grow.title')}>
      <a href={href('/search', { degree: 'all' })}>{t('welcome.search')}</a>
      <a href={href('/import')}>{t('welcome.import')}</a>
      <a href={href('/invite')}>{t('welcome.invite')}</a>
    </nav>
  );
}
