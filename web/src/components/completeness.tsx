// How complete one's own profile is, told to the member with what each part does for
// them: the advice everyone they invite is shown counts the same six sections
// (GET /api/v1/me "completeness") and the photo ("Thin profile", "No profile photo").
import type { MyProfile, Section } from '../profile-model';
import { href } from '../router';
import { useApp } from '../state';

// Where the editor opens for a missing section.
const EDIT_AT: Record<Section, string> = {
  headline: 'headline',
  summary: 'summary',
  experience: 'experience',
  education: 'education',
  location: 'city',
  industry: 'industry',
};

// `editing`: the editor is open beside it, so the sections are not links to it.
export function CompletenessCard({ mine, member, editing }: { mine: MyProfile; member: number; editing?: boolean }) {
  const { t } = useApp();
  const { done, total, sections } = mine.completeness;
  const missing = sections.find((s) => !s.done);
  const next = missing ? t(`section.add.${missing.section}` as const) : !mine.has_photo ? t('section.add.photo') : null;
  return (
    <section class="card completeness" aria-labelledby="completeness-title" data-testid="completeness" data-done={done} data-total={total}>
      <h2 class="card-title" id="completeness-title">
        {t('complete.title')}
      </h2>
      <p class="completeness-count">
        <strong data-testid="completeness-count">{t('complete.count', { done, total })}</strong>
        {next && t('complete.next', { section: next })}
      </p>
      <div class="meter" aria-hidden="true">
        <span style={{ width: `${(100 * done) / Math.max(1, total)}%` }} />
      </div>
      <p class="muted small">{t('complete.intro')}</p>
      <ul class="section-list">
        {[...sections.map((s) => ({ key: s.section as Section | 'photo', done: s.done })), { key: 'photo' as const, done: mine.has_photo }].map((item) => (
          <li key={item.key} class={item.done ? 'done' : 'missing'} data-section={item.key} data-done={item.done}>
            <span class="section-mark" aria-hidden="true">
              {item.done ? '✓' : '○'}
            </span>
            <div>
              <div class="section-name">
                <strong>{t(`section.${item.key}` as const)}</strong>
                <span class="visually-hidden">: {item.done ? t('complete.done') : t('complete.missing')}</span>
                {!item.done && !editing && item.key !== 'photo' && (
                  <a class="small" href={href(`/members/${member}`, { edit: EDIT_AT[item.key] })} aria-label={`${t('complete.add')}: ${t(`section.${item.key}` as const)}`}>
                    {t('complete.add')}
                  </a>
                )}
              </div>
              <div class="muted small">{t(`section.why.${item.key}` as const)}</div>
            </div>
          </li>
        ))}
      </ul>
      {done < total / 2 && <p class="notice small">{t('complete.thin')}</p>}
      {!missing && mine.has_photo && <p class="small">{t('complete.all')}</p>}
    </section>
  );
}
