// Editing one's own profile: name, headline, summary, city, country (a picker in the UI
// language, sent as the ISO code), industry (suggested from the members' industries),
// and experience and education as lists to add to, edit, reorder and remove from. The
// organizations are suggested as one types (GET /api/v1/organizations), or named anew.
// Everything is saved by ONE PUT /api/v1/me, which the server applies in one
// transaction; its refusal is shown beside the Save button in the reader's language.
import { useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { get, put, query } from '../api';
import { countries, countryName } from '../countries';
import { errorText } from '../errors';
import { forgetProfiles } from '../members';
import {
  DATE,
  normalize,
  orgBody,
  searchOrganizations,
  type EducationEntry,
  type MyProfile,
  type OrgRef,
  type PositionEntry,
} from '../profile-model';
import { useApp } from '../state';
import { ErrorBox } from '../components/ui';
import { TypeAhead, type Suggestion } from '../components/typeahead';

type Keyed<T> = T & { key: number };
let nextKey = 1;
const keyed = <T,>(entry: T): Keyed<T> => ({ ...entry, key: nextKey++ });

const fold = (text: string) => text.normalize('NFKC').trim().toLocaleLowerCase();

type Fields = Pick<MyProfile, 'first_name' | 'last_name' | 'headline' | 'summary' | 'city' | 'country' | 'industry'>;
const FIELD_NAMES: (keyof Fields)[] = ['first_name', 'last_name', 'headline', 'summary', 'city', 'country', 'industry'];

function positionsBody(list: PositionEntry[]) {
  return list.map((p) => ({ organization: orgBody(p.organization), title: p.title.trim(), start: p.start.trim() || null, end: p.end.trim() || null }));
}

function educationsBody(list: EducationEntry[]) {
  return list.map((e) => ({ school: orgBody(e.school), field: e.field.trim(), degree: e.degree.trim(), start: e.start.trim() || null, end: e.end.trim() || null }));
}

// Moves list[index] by `step` (-1 up, +1 down).
function moved<T>(list: T[], index: number, step: number): T[] {
  const target = index + step;
  if (target < 0 || target >= list.length) return list;
  const next = list.slice();
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

export function ProfileEditor({ mine, focus, onSaved, onCancel }: { mine: MyProfile; focus?: string; onSaved: (me: MyProfile) => void; onCancel: () => void }) {
  const app = useApp();
  const { t, lang } = app;
  const [fields, setFields] = useState<Fields>(() => Object.fromEntries(FIELD_NAMES.map((name) => [name, String(mine[name] ?? '')])) as Fields);
  const [positions, setPositions] = useState(() => mine.positions.map(keyed));
  const [educations, setEducations] = useState(() => mine.educations.map(keyed));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The control to focus after the lists changed (a moved entry's button, a new entry).
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const countryList = useMemo(() => countries(lang), [lang]);

  useLayoutEffect(() => {
    if (!focusNext) return;
    const element = document.getElementById(focusNext) as HTMLElement | null;
    element?.focus();
    setFocusNext(null);
  }, [focusNext]);

  // Opened at a section (from the completeness card): that section, in view.
  useEffect(() => {
    const target = (focus && document.getElementById(`edit-${focus}`)) || document.getElementById('edit-first_name');
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    (target.matches('input, select, textarea, button') ? target : target.querySelector<HTMLElement>('input, select, textarea, button'))?.focus({ preventScroll: true });
  }, []);

  const set = (name: keyof Fields) => (event: Event) => setFields({ ...fields, [name]: (event.currentTarget as HTMLInputElement).value });

  function check(): Record<string, string> {
    const found: Record<string, string> = {};
    if (!fields.first_name.trim()) found.first_name = t('check.firstName');
    if (!fields.last_name.trim()) found.last_name = t('check.lastName');
    const dates = (prefix: string, start: string, end: string) => {
      if (start.trim() && !DATE.test(start.trim())) found[`${prefix}-start`] = t('check.date');
      if (end.trim() && !DATE.test(end.trim())) found[`${prefix}-end`] = t('check.date');
      if (!found[`${prefix}-start`] && !found[`${prefix}-end`] && start.trim() && end.trim() && end.trim() < start.trim().slice(0, end.trim().length)) {
        found[`${prefix}-end`] = t('check.period');
      }
    };
    for (const p of positions) {
      if (!p.title.trim()) found[`pos-${p.key}-title`] = t('check.title');
      if (!p.organization.name.trim()) found[`pos-${p.key}-org`] = t('check.organization');
      dates(`pos-${p.key}`, p.start, p.end);
    }
    for (const e of educations) {
      if (!e.school.name.trim()) found[`edu-${e.key}-org`] = t('check.school');
      dates(`edu-${e.key}`, e.start, e.end);
    }
    return found;
  }

  async function save(event: Event) {
    event.preventDefault();
    setError(null);
    const found = check();
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) {
      setError(t('edit.fix'));
      document.getElementById(`edit-${first}`)?.focus();
      return;
    }
    // Only what changed: the lists when they did, as a whole.
    const body: Record<string, unknown> = {};
    for (const name of FIELD_NAMES) {
      const value = name === 'summary' ? fields[name] : fields[name].trim();
      if (value !== String(mine[name] ?? '')) body[name] = value;
    }
    const positionList = positionsBody(positions);
    if (JSON.stringify(positionList) !== JSON.stringify(positionsBody(mine.positions))) body.positions = positionList;
    const educationList = educationsBody(educations);
    if (JSON.stringify(educationList) !== JSON.stringify(educationsBody(mine.educations))) body.educations = educationList;
    if (Object.keys(body).length === 0) {
      onSaved(mine);
      return;
    }
    setBusy(true);
    try {
      const answer = await put<any>('/api/v1/me', body);
      const fresh = normalize({ ...mine, ...answer });
      forgetProfiles();
      app.updateMe({ ...app.me, ...fresh });
      onSaved(fresh);
    } catch (caught) {
      setError(errorText({ t, lang }, caught));
    } finally {
      setBusy(false);
    }
  }

  const problem = (id: string) =>
    problems[id] ? (
      <span class="field-problem" id={`edit-${id}-problem`}>
        {problems[id]}
      </span>
    ) : null;
  const invalid = (id: string) => (problems[id] ? { 'aria-invalid': true, 'aria-describedby': `edit-${id}-problem` } : {});

  const industrySuggest = (text: string): Promise<Suggestion<string>[]> =>
    get<{ values: { value: string; display?: string; members: number }[] }>(`/api/v1/facets/industry${query({ q: text, limit: 8, lang })}`).then((answer) =>
      // The value as written ("display"), not the folded form the search filters on.
      answer.values.map((v) => ({ key: v.value, label: v.display || v.value, note: t('edit.members', { count: v.members }), value: v.display || v.value })),
    );

  const orgField = (prefix: string, ref: OrgRef, kind: 'company' | 'school', onChange: (ref: OrgRef) => void) => {
    const id = `${prefix}-org`;
    return (
      <div class="field">
        <label for={`edit-${id}`}>{kind === 'company' ? t('edit.company') : t('edit.school')}</label>
        <TypeAhead<OrgRef>
          id={`edit-${id}`}
          testid={kind === 'company' ? 'company-input' : 'school-input'}
          value={ref.name}
          invalid={Boolean(problems[id])}
          describedBy={problems[id] ? `edit-${id}-problem` : ref.id === null && ref.name.trim() ? `edit-${id}-new` : undefined}
          onText={(text) => onChange({ id: null, name: text })}
          onPick={(suggestion) => onChange(suggestion.value)}
          suggest={(text) =>
            searchOrganizations(text, kind).then((found) =>
              found.map((o) => ({
                key: String(o.id),
                label: o.name,
                note: [o.country ? countryName(o.country, lang) : '', t('edit.members', { count: o.members })].filter(Boolean).join(' · '),
                value: { id: o.id, name: o.name },
              })),
            )
          }
          extra={(text, found) => (found.some((s) => fold(s.label) === fold(text)) ? null : { key: 'create', label: t('edit.create', { name: text }), value: { id: null, name: text } })}
        />
        {problem(id)}
        {!problems[id] && ref.id === null && ref.name.trim() && (
          <span class="hint" id={`edit-${id}-new`}>
            {t(kind === 'company' ? 'edit.newCompany' : 'edit.newSchool', { name: ref.name.trim() })}
          </span>
        )}
      </div>
    );
  };

  const dateFields = (prefix: string, start: string, end: string, onChange: (start: string, end: string) => void) => (
    <div class="field-row date-row">
      <div class="field field-date">
        <label for={`edit-${prefix}-start`}>{t('edit.start')}</label>
        <input id={`edit-${prefix}-start`} value={start} placeholder={t('edit.datePlaceholder')} inputMode="numeric" maxLength={10} {...invalid(`${prefix}-start`)} onInput={(e) => onChange(e.currentTarget.value, end)} />
        {problem(`${prefix}-start`)}
      </div>
      <div class="field field-date">
        <label for={`edit-${prefix}-end`}>{t('edit.end')}</label>
        <input id={`edit-${prefix}-end`} value={end} placeholder={prefix.startsWith('pos') ? t('edit.endPlaceholder') : t('edit.datePlaceholder')} inputMode="numeric" maxLength={10} {...invalid(`${prefix}-end`)} onInput={(e) => onChange(start, e.currentTarget.value)} />
        {problem(`${prefix}-end`)}
      </div>
    </div>
  );

  // Up, down and remove for entry `index` of a list; `what` names it for screen readers.
  function entryTools<T extends { key: number }>(list: T[], setList: (list: T[]) => void, index: number, prefix: string, what: string, addId: string) {
    const entry = list[index];
    const move = (step: number) => {
      setList(moved(list, index, step));
      const target = index + step;
      // The pressed button keeps the focus; at the end of the list it is disabled, so the other.
      const edge = step < 0 ? target === 0 : target === list.length - 1;
      setFocusNext(`${prefix}-${entry.key}-${edge ? (step < 0 ? 'down' : 'up') : step < 0 ? 'up' : 'down'}`);
    };
    return (
      <div class="entry-tools">
        <button type="button" id={`${prefix}-${entry.key}-up`} class="btn btn-small btn-icon" disabled={index === 0} aria-label={t('edit.moveUpLabel', { what })} title={t('edit.moveUp')} onClick={() => move(-1)}>
          <span aria-hidden="true">↑</span>
        </button>
        <button type="button" id={`${prefix}-${entry.key}-down`} class="btn btn-small btn-icon" disabled={index === list.length - 1} aria-label={t('edit.moveDownLabel', { what })} title={t('edit.moveDown')} onClick={() => move(1)}>
          <span aria-hidden="true">↓</span>
        </button>
        <button
          type="button"
          class="btn btn-small btn-danger-ghost"
          aria-label={t('edit.removeLabel', { what })}
          onClick={() => {
            setList(list.filter((e) => e.key !== entry.key));
            setFocusNext(addId);
          }}
        >
          {t('edit.remove')}
        </button>
      </div>
    );
  }

  const quoted = (parts: string[], fallback: string) => {
    const text = parts.map((p) => p.trim()).filter(Boolean).join(', ');
    return text ? t('quote', { text }) : fallback;
  };

  return (
    <form class="stack profile-edit" onSubmit={save} noValidate data-testid="profile-edit">
      <section class="card" aria-labelledby="edit-basics-title">
        <h2 class="card-title" id="edit-basics-title">
          {t('edit.basics')}
        </h2>
        <div class="field-row">
          <div class="field">
            <label for="edit-first_name">{t('edit.firstName')}</label>
            <input id="edit-first_name" autoComplete="given-name" maxLength={100} value={fields.first_name} {...invalid('first_name')} onInput={set('first_name')} />
            {problem('first_name')}
          </div>
          <div class="field">
            <label for="edit-last_name">{t('edit.lastName')}</label>
            <input id="edit-last_name" autoComplete="family-name" maxLength={100} value={fields.last_name} {...invalid('last_name')} onInput={set('last_name')} />
            {problem('last_name')}
          </div>
        </div>
        <div class="field">
          <label for="edit-headline">{t('edit.headline')}</label>
          <input id="edit-headline" maxLength={220} value={fields.headline} aria-describedby="edit-headline-hint" onInput={set('headline')} />
          <span class="hint" id="edit-headline-hint">
            {t('edit.headlineHint')}
          </span>
        </div>
        <div class="field">
          <label for="edit-summary">{t('edit.summary')}</label>
          <textarea id="edit-summary" rows={5} maxLength={2600} value={fields.summary} onInput={set('summary')} />
        </div>
        <div class="field-row">
          <div class="field">
            <label for="edit-city">{t('edit.city')}</label>
            <input id="edit-city" autoComplete="address-level2" maxLength={100} value={fields.city} onInput={set('city')} />
          </div>
          <div class="field">
            <label for="edit-country">{t('edit.country')}</label>
            <select id="edit-country" value={fields.country} onChange={set('country')}>
              <option value="">{t('edit.countryNone')}</option>
              {fields.country && !countryList.some((c) => c.code === fields.country) && <option value={fields.country}>{fields.country}</option>}
              {countryList.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div class="field" id="edit-industry-field">
          <label for="edit-industry">{t('edit.industry')}</label>
          <TypeAhead<string>
            id="edit-industry"
            value={fields.industry}
            onText={(text) => setFields({ ...fields, industry: text })}
            onPick={(suggestion) => setFields({ ...fields, industry: suggestion.value })}
            suggest={industrySuggest}
          />
        </div>
      </section>

      <section class="card" aria-labelledby="edit-experience-title" id="edit-experience">
        <h2 class="card-title" id="edit-experience-title">
          {t('edit.experience')}
        </h2>
        {positions.length === 0 ? <p class="empty">{t('edit.noPositions')}</p> : <p class="hint">{t('edit.orderHint')}</p>}
        <ol class="entry-list">
          {positions.map((p, index) => {
            const legend = t('edit.position', { n: index + 1 });
            const update = (change: Partial<PositionEntry>) => setPositions(positions.map((e) => (e.key === p.key ? { ...e, ...change } : e)));
            return (
              <li key={p.key} class="entry" data-testid="position-entry">
                <fieldset>
                  <legend class="entry-legend">
                    <span>{legend}</span>
                    {entryTools(positions, setPositions, index, 'pos', quoted([p.title, p.organization.name], legend), 'add-position')}
                  </legend>
                  <div class="field-row">
                    <div class="field">
                      <label for={`edit-pos-${p.key}-title`}>{t('edit.jobTitle')}</label>
                      <input id={`edit-pos-${p.key}-title`} maxLength={200} value={p.title} {...invalid(`pos-${p.key}-title`)} onInput={(e) => update({ title: e.currentTarget.value })} />
                      {problem(`pos-${p.key}-title`)}
                    </div>
                    {orgField(`pos-${p.key}`, p.organization, 'company', (organization) => update({ organization }))}
                  </div>
                  {dateFields(`pos-${p.key}`, p.start, p.end, (start, end) => update({ start, end }))}
                </fieldset>
              </li>
            );
          })}
        </ol>
        <p class="hint">{t('edit.dateHint')}</p>
        <button
          type="button"
          id="add-position"
          class="btn btn-small"
          onClick={() => {
            const entry = keyed<PositionEntry>({ organization: { id: null, name: '' }, title: '', start: '', end: '' });
            setPositions([...positions, entry]);
            setFocusNext(`edit-pos-${entry.key}-title`);
          }}
        >
          + {t('edit.addPosition')}
        </button>
      </section>

      <section class="card" aria-labelledby="edit-education-title" id="edit-education">
        <h2 class="card-title" id="edit-education-title">
          {t('edit.education')}
        </h2>
        {educations.length === 0 ? <p class="empty">{t('edit.noEducations')}</p> : <p class="hint">{t('edit.orderHint')}</p>}
        <ol class="entry-list">
          {educations.map((e, index) => {
            const legend = t('edit.educationN', { n: index + 1 });
            const update = (change: Partial<EducationEntry>) => setEducations(educations.map((x) => (x.key === e.key ? { ...x, ...change } : x)));
            return (
              <li key={e.key} class="entry" data-testid="education-entry">
                <fieldset>
                  <legend class="entry-legend">
                    <span>{legend}</span>
                    {entryTools(educations, setEducations, index, 'edu', quoted([e.school.name, e.field], legend), 'add-education')}
                  </legend>
                  {orgField(`edu-${e.key}`, e.school, 'school', (school) => update({ school }))}
                  <div class="field-row">
                    <div class="field">
                      <label for={`edit-edu-${e.key}-field`}>{t('edit.field')}</label>
                      <input id={`edit-edu-${e.key}-field`} maxLength={200} value={e.field} onInput={(x) => update({ field: x.currentTarget.value })} />
                    </div>
                    <div class="field">
                      <label for={`edit-edu-${e.key}-degree`}>{t('edit.degree')}</label>
                      <input id={`edit-edu-${e.key}-degree`} maxLength={200} value={e.degree} onInput={(x) => update({ degree: x.currentTarget.value })} />
                    </div>
                  </div>
                  {dateFields(`edu-${e.key}`, e.start, e.end, (start, end) => update({ start, end }))}
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          id="add-education"
          class="btn btn-small"
          onClick={() => {
            const entry = keyed<EducationEntry>({ school: { id: null, name: '' }, field: '', degree: '', start: '', end: '' });
            setEducations([...educations, entry]);
            setFocusNext(`edit-edu-${entry.key}-org`);
          }}
        >
          + {t('edit.addEducation')}
        </button>
      </section>

      <div class="card form-actions edit-actions">
        {error && <ErrorBox message={error} />}
        <div class="edit-buttons">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? t('edit.saving') : t('edit.save')}
          </button>
          <button type="button" class="btn" disabled={busy} onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </div>
    </form>
  );
}
