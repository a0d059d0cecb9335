// The server's refusals in moderation — a suspended account, reports, authors' edits
// and the administration's actions — said again in the reader's language (errors.ts).
import type { Key, Lang } from './i18n';

type Params = Record<string, string | number>;

// The end of a suspension ("2026-12-20T10:00:00Z") as the reader writes a date and time.
function moment(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

export const moderationErrors: [RegExp, (match: RegExpMatchArray, lang: Lang) => [Key, Params?]][] = [
  [/^this account is suspended until (\S+)/, (m, lang) => ['error.suspended', { date: moment(m[1], lang) }]],
  [/^member \d+ is suspended until/, () => ['error.suspendedInvite']],
  [/^(post|comment) \d+ is already reported by you/, () => ['error.alreadyReported']],
  [/^you cannot report your own/, () => ['error.reportOwn']],
  [/^only moderators and admins can do this/, () => ['error.onlyModerators']],
  [/^only admins can do this/, () => ['error.onlyAdmins']],
  [/^only its author/, () => ['error.notAuthor']],
  [/was removed by a moderator and cannot be edited/, () => ['error.removedContent']],
  [/^report \d+ is \w+, not open/, () => ['error.reportClosed']],
  [/^member \d+ is not suspended/, () => ['error.notSuspended']],
  [/^"days" must be/, () => ['error.days']],
  [/^a reason is required/, () => ['admin.reasonRequired']],
  [/^moderators cannot act on themselves/, () => ['error.moderateSelf']],
];
