// One's own profile as GET /api/v1/me answers it and PUT /api/v1/me takes it
// (docs/openapi.json): the fields, the experience and education lists in display order,
// and how complete the profile is (the six sections the invitation advice counts).
import { get, query, type Me } from './api';

// An organization of an entry: a known one (id), or one named by the member, which the
// server finds by its folded name or creates when saving.
export interface OrgRef {
  id: number | null;
  name: string;
}

export interface PositionEntry {
  organization: OrgRef;
  title: string;
  start: string; // "", "2019", "2019-08" or "2019-08-14"
  end: string; // "" = still there
}

export interface EducationEntry {
  school: OrgRef;
  field: string;
  degree: string;
  start: string;
  end: string;
}

export type Section = 'headline' | 'summary' | 'experience' | 'education' | 'location' | 'industry';

export interface Completeness {
  done: number;
  total: number;
  sections: { section: Section; done: boolean }[];
}

export interface MyProfile extends Me {
  summary: string;
  has_photo: boolean;
  positions: PositionEntry[];
  educations: EducationEntry[];
  completeness: Completeness;
}

export interface Organization {
  id: number;
  kind: 'company' | 'school';
  name: string;
  country: string;
  industry: string;
  members: number;
}

// "2019-08-01" as the member wrote it: the first of a month is shown as the month.
export function shortDate(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.replace(/^(\d{4}-\d{2})-01$/, '$1');
}

function orgRef(entry: any, key: 'organization' | 'school'): OrgRef {
  const value = entry?.[key];
  if (value && typeof value === 'object') return { id: typeof value.id === 'number' ? value.id : null, name: String(value.name ?? '') };
  const id = entry?.[`${key}_id`];
  if (typeof value === 'number') return { id: value, name: String(entry?.[`${key}_name`] ?? '') };
  return { id: typeof id === 'number' ? id : null, name: typeof value === 'string' ? value : '' };
}

// GET /api/v1/me's answer with every field the editor reads.
export function normalize(me: any): MyProfile {
  const positions: PositionEntry[] = (Array.isArray(me.positions) ? me.positions : []).map((p: any) => ({
    organization: orgRef(p, 'organization'),
    title: String(p.title ?? ''),
    start: shortDate(p.start),
    end: shortDate(p.end),
  }));
  const educations: EducationEntry[] = (Array.isArray(me.educations) ? me.educations : []).map((e: any) => ({
    school: orgRef(e, 'school'),
    field: String(e.field ?? ''),
    degree: String(e.degree ?? ''),
    start: shortDate(e.start),
    end: shortDate(e.end),
  }));
  return {
    ...me,
    summary: String(me.summary ?? ''),
    has_photo: Boolean(me.has_photo),
    positions,
    educations,
  };
}

export async function loadMe(): Promise<MyProfile> {
  return normalize(await get<any>('/api/v1/me'));
}

export function searchOrganizations(text: string, kind: 'company' | 'school'): Promise<Organization[]> {
  return get<{ organizations: Organization[] }>(`/api/v1/organizations${query({ q: text, kind, limit: 8 })}`).then((a) => a.organizations);
}

// An entry's organization as PUT /api/v1/me takes it.
export function orgBody(ref: OrgRef): number | { name: string } {
  return ref.id !== null ? ref.id : { name: ref.name.trim() };
}

// A date as the member may write it: a year, a month or a day.
export const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
