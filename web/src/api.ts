// The JSON API of `ledd serve` (docs/openapi.json), as the UI uses it.
//
// Sessions: sign-in sets the HttpOnly ledd_session cookie, which the browser sends with
// every request; the answer's csrf_token is kept in localStorage (so that a second tab
// can write too) and sent as X-CSRF-Token on every POST, PUT and DELETE, as the server
// requires of cookie-authenticated writes. Signing out forgets it.

const CSRF_KEY = 'ledd.csrf';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    // Seconds, from a 429's or 503's Retry-After; null without one.
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

// Called when the server answers 401 to a request that had a session: it expired.
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

export function csrfToken(): string | null {
  return localStorage.getItem(CSRF_KEY);
}

export function forgetSession() {
  localStorage.removeItem(CSRF_KEY);
}

// A request to the API: `body` goes as JSON, or a Blob (a photo, a ZIP) as it is with its
// `type`. Answers the JSON; refuses with an ApiError carrying the server's error.
export async function request<T>(method: string, path: string, body?: unknown, type?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const raw = body instanceof Blob;
  if (body !== undefined) headers['Content-Type'] = raw ? type || body.type : 'application/json';
  if (method !== 'GET') {
    const csrf = csrfToken();
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'UNAVAILABLE', 'The server cannot be reached.');
  }
  const text = await response.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = json?.error ?? {};
    if (response.status === 401 && !path.endsWith('/signin')) onUnauthorized();
    const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
    throw new ApiError(
      response.status,
      error.code ?? 'UNKNOWN',
      error.message ?? response.statusText,
      Number.isFinite(retryAfter) ? retryAfter : null,
    );
  }
  return json as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, body);
export const del = <T>(path: string) => request<T>('DELETE', path);
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, body);
export const sendBytes = <T>(method: string, path: string, body: Blob, type: string) =>
  request<T>(method, path, body, type);

// A query string from the defined, non-empty values of `params`.
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// ---- Answers (the fields the UI reads; names by id come from the profiles, members.ts) ----

export interface Session {
  member: number;
  token: string;
  csrf_token: string;
  expires_at: string;
}

export interface Me {
  member: number;
  handle: string;
  first_name: string;
  last_name: string;
  email: string;
  headline: string;
  city: string;
  country: string;
  industry: string;
  has_photo?: boolean; // Set by uploading a photo (PUT /api/v1/me/photo).
  role?: 'member' | 'moderator' | 'admin';
}

export interface MemberRef {
  member: number;
  name: string;
}

export interface DemoAccount {
  email: string;
  password: string;
  name: string;
}

export interface Reach {
  member: number;
  name: string;
  first: number;
  second: number;
  third?: number | null;
  naive: number;
  blog_estimate: number;
  overlap: number;
}

// Where an invitation came from, as the server verified it when it was sent: a post of the
// recipient's that the sender had read, or one of the recipient's appearances.
export type Via =
  | { kind: 'post'; id: number; title: string; read_at: string }
  | { kind: 'appearance'; id: number; title: string; event: string; appearance_kind: AppearanceKind; date: string };

// What an invitation is sent from (POST /api/v1/invitations "via").
export type ConnectVia = { post: number } | { appearance: number };

export type InvitationState = 'pending' | 'accepted' | 'ignored' | 'withdrawn' | 'reported';

export interface Invitation {
  id: number;
  from: number;
  to: number;
  state: InvitationState;
  note: string; // As the sender wrote it; may be empty.
  created_at: string;
  via: Via | null;
  advice: Advice | null; // Received box only.
  marginal_reach: number | null;
  saved_searches: { name: string; matches: number }[] | null;
}

// The server's limit on an invitation's note, in characters (Unicode code points).
export const NOTE_LIMIT = 300;

// Characters as the server counts them: code points, not UTF-16 units.
export function characters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export type AppearanceKind = 'talk' | 'media' | 'course';

export interface Appearance {
  id: number;
  member: number;
  kind: AppearanceKind;
  title: string;
  event: string;
  date: string; // YYYY-MM-DD
  place: string;
  link: string; // Empty, or an http(s) address.
  created_at: string;
}

// The member an appearance page is about, as anyone signed in may see them.
export interface AppearanceOwner {
  id: number;
  name: string;
  headline: string;
  has_photo: boolean;
  degree: number | null; // From me.
}

// The fields of POST and PUT /api/v1/appearances.
export type AppearanceFields = Pick<Appearance, 'kind' | 'title' | 'event' | 'date' | 'place' | 'link'>;

export interface Reason {
  code: string;
  weight: number;
  text: string;
}

export interface Advice {
  decision: 'accept' | 'consider' | 'decline';
  score: number;
  reasons: Reason[];
}

export interface Position {
  title: string;
  organization: string;
  start?: string | null;
  end?: string | null;
  current?: boolean;
}

export interface Education {
  school: string;
  field: string;
  degree?: string;
  start?: string | null;
  end?: string | null;
}

export interface Profile {
  member: number;
  name: string;
  degree: number | null;
  mutual: { count: number; members: MemberRef[] };
  headline: string;
  has_photo: boolean;
  profile: 'full' | 'reduced';
  following: boolean; // I follow them.
  invited_you: number | null; // Their pending invitation to me.
  follows_you: boolean; // They follow me.
  city?: string;
  country?: string;
  industry?: string;
  summary?: string;
  positions?: Position[];
  educations?: Education[];
  shared?: { organizations: string[]; schools: string[]; same_city: boolean; same_industry: boolean };
}

export interface Post {
  id: number;
  author: number;
  title: string;
  body: string;
  created_at: string;
  views: number;
  edited?: boolean;
  removed?: boolean; // By a moderator; only its author sees it.
}

export interface Comment {
  id: number;
  post: number;
  author: number;
  body: string;
  created_at: string;
  edited?: boolean;
  removed?: boolean;
}

export interface Notification {
  id: number;
  kind: 'new_post' | 'new_comment' | 'new_invitation' | 'invitation_accepted' | 'warning';
  reason?: string; // A warning's: the moderators' words.
  subject: number; // The post, comment or invitation it is about.
  created_at: string;
  read: boolean;
}

export interface Settings {
  member: number;
  policy: string;
  markets: string;
  connections_visibility: 'everyone' | 'connections' | 'only_me';
  in_directory?: boolean; // Found by members outside my network (absent: a server without the directory).
}

export interface GraphNode {
  id: number;
  name: string;
  headline: string;
  degree: 0 | 1 | 2;
  mutual: number;
}

export interface NetworkGraph {
  center: number;
  nodes: GraphNode[];
  edges: { source: number; target: number }[];
}
