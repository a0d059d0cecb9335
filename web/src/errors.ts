// Errors in the reader's language. The API's messages are English sentences written for
// developers; the few a member meets by their own doing (the password rules, a field
// that is too long, a sign-in lockout) are said again here, and every other failure gets
// a sentence by its HTTP status, so that no English reaches a Norwegian page. In English
// the server's own sentence is kept where it says more than the status does.
import { FIND_KNOWN } from './errors-find';
import { NOTIFY_KNOWN } from './errors-notify';
import { ApiError } from './api';
import type { Key, Lang, Translator } from './i18n';
import { profileErrors } from './errors-profile';
import { accountErrors } from './errors-account';
import { dataErrors } from './errors-data';
import { moderationErrors } from './errors-moderation';

type Params = Record<string, string | number>;

// A day the server names ("2026-09-01") as the reader writes it.
function day(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

const KNOWN: [RegExp, (match: RegExpMatchArray, lang: Lang) => [Key, Params?]][] = [
  // The LinkedIn import and invitations by email; first, so that a bad row of the export
  // is named by file and line whatever is wrong with it.
  ...FIND_KNOWN,
  // Mail settings, unsubscribe and subscription links.
  ...NOTIFY_KNOWN,
  [/^the password must have at least (\d+) characters/, (m) => ['error.passwordShort', { count: Number(m[1]) }]],
  [/^the password is one of the most common passwords/, () => ['error.passwordCommon']],
  [/^the password must not be the email address/, () => ['error.passwordEmail']],
  [/^the password must not be the member's name/, () => ['error.passwordName']],
  [/^"email" is not an email address/, () => ['error.email']],
  [/^wrong email or password/, () => ['error.wrongPassword']],
  [/^too many failed sign-ins; try again in (\d+) minutes/, (m) => ['error.locked', { count: Number(m[1]) }]],
  [/ has (\d+) characters; at most (\d+) are allowed/, (m) => ['error.tooLong', { count: Number(m[2]) }]],
  // Invitations (the store's refusals, with member ids the reader does not need).
  [/^member \d+ can invite member \d+ again on (\d{4}-\d{2}-\d{2})/, (m, lang) => ['error.reinvite', { date: day(m[1], lang) }]],
  [/cannot send more invitations now: weekly invitation limit/, () => ['error.weeklyLimit']],
  [/cannot invite each other: invitation \d+ between them was reported/, () => ['error.reportedPair']],
  [/^the invitation cannot come from post \d+: member \d+ has not read it/, () => ['error.postNotRead']],
  [/^the invitation cannot come from post \d+: it is not a post of/, () => ['error.notTheirPost']],
  [/^the invitation cannot come from appearance \d+: it is not an appearance of/, () => ['error.notTheirAppearance']],
  [/^the invitation cannot come from appearance \d+: it has not taken place yet/, () => ['error.appearanceFuture']],
  [/^members \d+ and \d+ are already connected/, () => ['error.alreadyConnected']],
  [/^a pending invitation between \d+ and \d+ already exists/, () => ['error.alreadyInvited']],
  // Settings and appearances.
  [/^markets: "([^"]*)" is not an ISO 3166 country code/, (m) => ['error.marketsCode', { code: m[1] }]],
  [/^markets must be home, international or alpha-2 country codes/, () => ['error.marketsFormat']],
  [/^an appearance needs a title/, () => ['error.appearanceTitle']],
  [/^"date" must be a day written YYYY-MM-DD/, () => ['error.appearanceDate']],
  [/appearances, the most one may have/, () => ['error.appearancesFull']],
  [/^invitation \d+ was reported more than \d+ minutes ago/, () => ['error.undoExpired']],
  [/^the link must be an http or https address/, () => ['error.appearanceLink']],
  // Editing one's profile and photo.
  ...profileErrors,
  // Verification and reset links, password and email changes.
  ...accountErrors,
  // Deleting one's account; an erased member's profile.
  ...dataErrors,
  // Suspensions, reports and the administration.
  ...moderationErrors,
];

export function errorText({ t, lang }: Pick<Translator, 't' | 'lang'>, error: unknown): string {
  if (!(error instanceof ApiError)) {
    return lang === 'en' ? String((error as any)?.message ?? error) : t('error.generic');
  }
  for (const [pattern, describe] of KNOWN) {
    const match = error.message.match(pattern);
    if (match) {
      const [key, params] = describe(match, lang);
      return t(key, params);
    }
  }
  if (error.status === 0) return t('error.offline');
  if (error.status === 429) {
    if (error.retryAfter === null) return t('error.tooManySoon');
    return t('error.tooMany', { count: Math.max(1, Math.ceil(error.retryAfter / 60)) });
  }
  if (error.status >= 500) return t('error.unavailable');
  if (lang === 'en') return error.message;
  switch (error.status) {
    case 401:
      return t('error.signedOut');
    case 403:
      return t('error.forbidden');
    case 404:
      return t('error.notFound');
    case 409:
      return t('error.conflict');
    case 413:
      return t('error.tooLarge');
  }
  return t('error.rejected');
}
