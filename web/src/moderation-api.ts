// The moderation API's answers as the administration pages read them
// (docs/openapi.json, tag "moderation").

export type ReportReason = 'unknown_person' | 'spam' | 'harassment' | 'inappropriate' | 'misinformation' | 'other';
// What a member may pick when reporting a post or comment.
export const REPORT_REASONS: ReportReason[] = ['spam', 'harassment', 'inappropriate', 'misinformation', 'other'];

export interface ModerationReport {
  id: number;
  subject: 'invitation' | 'post' | 'comment';
  subject_id: number;
  reason: ReportReason;
  text: string;
  state: 'open' | 'dismissed' | 'actioned' | 'withdrawn';
  created_at: string;
  reporter: { id: number; name: string };
  reported: {
    id: number;
    name: string;
    headline: string;
    city: string;
    country: string;
    has_photo: boolean;
    member_since: string;
    account_created_at?: string;
    account_age_days?: number;
    role?: string;
    suspended_until?: string | null;
    invitations_30_days: { sent: number; accepted: number; ignored: number; reported: number; pending: number };
  };
  content: {
    note?: string;
    title?: string;
    body?: string;
    post?: number;
    removed?: boolean;
    deleted?: boolean;
    created_at?: string;
  };
}

export interface AuditEntry {
  id: number;
  moderator: number | null;
  moderator_name: string | null;
  action: 'dismiss' | 'warn' | 'suspend' | 'remove' | 'lift' | 'role';
  target: number;
  target_name: string;
  report: number | null;
  subject: string;
  reason: string;
  days: number;
  detail: string;
  created_at: string;
}

export interface AccountSummary {
  id: number;
  name: string;
  email: string;
  role: 'member' | 'moderator' | 'admin';
  created_at: string;
  suspended_until: string | null;
}
