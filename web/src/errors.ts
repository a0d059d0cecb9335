// Errors in the reader's language. The API's messages are English sentences written for
// developers; the few a member meets by their own doing (the password rules, a field
// that is too long, a sign-in lockout) are said again here, and every other failure gets
// a sentence by its HTTP status, so that no English reaches a Norwegian page. In English
// the server's own sentence is kept where it says more than the status does.
import { ApiError } from './api';
import type { Key, Translator } from './i18n';

type Params = Record<string, string | number>;

const KNOWN: [RegExp, (match: RegExpMatchArray) => [Key, Params?]][] = [
  [/^the password must have at least (\d+) characters/, (m) => ['error.passwordShort', { count: Number(m[1]) }]],
  [/^the password is one of the most common passwords/, () => ['error.passwordCommon']],
  [/^the password must not be the email address/, () => ['error.passwordEmail']],
  [/^the password must not be the member's name/, () => ['error.passwordName']],
  [/^"email" is not an email address/, () => ['error.email']],
  [/^wrong email or password/, () => ['error.wrongPassword']],
  [/^too many failed sign-ins; try again in (\d+) minutes/, (m) => ['error.locked', { count: Number(m[1]) }]],
  [/ has (\d+) characters; at most (\d+) are allowed/, (m) => ['error.tooLong', { count: Number(m[2]) }]],
];

export function errorText({ t, lang }: Pick<Translator, 't' | 'lang'>, error: unknown): string {
  if (!(error instanceof ApiError)) {
    return lang === 'en' ? String((error as any)?.message ?? error) : t('error.generic');
  }
  for (const [pattern, describe] of KNOWN) {
    const match = error.message.match(pattern);
    if (match) {
      const [key, params] = describe(match);
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
