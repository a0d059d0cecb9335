// The server's refusals in the account flows (verification and reset links, changing
// password and email, invitations before the email is confirmed), said again in the
// reader's language (errors.ts).
import type { Key, Lang } from './i18n';

type Params = Record<string, string | number>;

export const accountErrors: [RegExp, (match: RegExpMatchArray, lang: Lang) => [Key, Params?]][] = [
  [/^the link is not valid/, () => ['error.linkInvalid']],
  [/^the link was already used/, () => ['error.linkUsed']],
  [/^the link has expired/, () => ['error.linkExpired']],
  [/^the link was for an earlier email address/, () => ['error.linkOutdated']],
  [/^the current password is wrong/, () => ['error.currentPassword']],
  [/^confirm your email address before you send invitations/, () => ['error.verifyFirst']],
  [/ is verified already$/, () => ['error.alreadyVerified']],
  [/^that is the account's email address already/, () => ['error.sameEmail']],
];
