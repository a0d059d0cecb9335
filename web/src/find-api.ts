// The API of finding people and being found (docs/openapi.json): the directory's facets,
// people you may know with their reasons, invitations by email, the sign-up invitation
// and the LinkedIn data export import: the answers as the UI reads them.

// ---- The directory ----

// GET /api/v1/facets/{facet}?q=: what people type into a filter, completed.
export const TYPE_AHEAD_FACETS = ['company', 'school', 'industry', 'country', 'city', 'field'] as const;
export type TypeAheadFacet = (typeof TYPE_AHEAD_FACETS)[number];

export interface FacetValue {
  value: string;
  display: string;
  members: number;
}

// ---- People you may know ----

export type PymkReason =
  | { code: 'mutual' }
  | { code: 'same_employer'; organization?: string; overlap?: boolean }
  | { code: 'same_school'; organization?: string; cohort?: boolean }
  | { code: 'same_field'; field?: string }
  | { code: 'same_city'; city?: string }
  | { code: 'same_industry'; industry?: string }
  | { code: string; [key: string]: unknown };

export interface Suggestion {
  member: number;
  name: string;
  headline: string;
  has_photo: boolean | null; // Null: the answer does not say.
  mutual: number;
  reasons: PymkReason[];
}

// One suggestion of GET /api/v1/pymk as the UI shows it. The server names the member flat
// ({"member": ID, "name", ...}) with the reasons' codes and, beyond the 2nd degree, their
// details ({"code": "same_employer", "organization": "Equinor"}); a member as an object and
// reasons as objects are read too.
export function readSuggestion(raw: any): Suggestion {
  const person = raw && typeof raw.member === 'object' && raw.member !== null ? raw.member : raw;
  const details: PymkReason[] = (raw.details ?? []).filter((detail: any) => detail && typeof detail.code === 'string');
  const reasons: PymkReason[] = (raw.reasons ?? []).map((reason: any) =>
    typeof reason === 'string' ? (details.find((detail) => detail.code === reason) ?? { code: reason }) : reason,
  );
  for (const detail of details) if (!reasons.some((reason) => reason.code === detail.code)) reasons.push(detail);
  return {
    member: Number(person.member ?? person.id),
    name: String(person.name ?? `${person.first_name ?? ''} ${person.last_name ?? ''}`.trim()),
    headline: String(person.headline ?? ''),
    has_photo: typeof person.has_photo === 'boolean' ? person.has_photo : null,
    mutual: Number(raw.mutual ?? 0),
    reasons,
  };
}

// ---- Invitations by email ----

export interface EmailInvitation {
  id: number;
  email: string;
  note: string;
  created_at: string;
  state: string; // pending; accepted (signed up), withdrawn or expired
  signup_link?: string;
}

// POST /api/v1/invitations with an email: an invitation to the member with that email,
// or an email invitation with the link to sign up.
export interface EmailInviteAnswer {
  email_invitation?: EmailInvitation;
  signup_link?: string;
  id?: number; // An ordinary invitation: the address is a member's.
  to?: number;
  state?: string;
}

export interface SignupInvitation {
  from: { member: number; name: string; headline: string };
  email: string;
  note: string;
  // What the inviter's member register says of the person (a register import).
  profile?: { first_name: string; last_name: string; headline: string; city: string; country: string; industry: string };
}

// ---- The LinkedIn import ----

export interface ImportedOrganization {
  name: string;
  country?: string;
}

export interface ImportedPosition {
  organization: ImportedOrganization;
  title: string;
  start?: string | null;
  end?: string | null;
}

export interface ImportedEducation {
  school: ImportedOrganization;
  field: string;
  degree: string;
  start?: string | null;
  end?: string | null;
}

export type ConnectionState = 'connected' | 'pending' | 'invitable' | 'self';

export interface ImportedConnection {
  first_name: string;
  last_name: string;
  company: string;
  position: string;
  email: string;
  connected_on: string;
  member: { member: number; name: string; headline?: string; has_photo?: boolean } | null;
  matched_by: 'email' | 'name_company' | null;
  state: ConnectionState | null;
}

export const PROFILE_FIELDS = ['first_name', 'last_name', 'headline', 'summary', 'industry', 'city', 'country'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface ImportProposal {
  profile: Partial<Record<ProfileField, string>> | null;
  positions: ImportedPosition[];
  educations: ImportedEducation[];
  connections: ImportedConnection[];
  files: Record<string, number>;
}

