// The server's refusals of a member's data rights (POST /api/v1/me/deletion) and the
// profile of a member who was erased, said again in the reader's language (errors.ts).
import type { Key, Lang } from './i18n';

type Params = Record<string, string | number>;

export const dataErrors: [RegExp, (match: RegExpMatchArray, lang: Lang) => [Key, Params?]][] = [
  [/^wrong password$/, () => ['data.wrongPassword']],
  [/^"password" is required/, () => ['data.passwordMissing']],
  [/^member \d+ (does not exist|not found)$/, () => ['data.memberGone']],
];
