// The refusals of mail settings, unsubscribe and subscription links and the register
// import, in the reader's language (errors.ts spreads them into its list).
import type { Key, Lang } from './i18n';

type Params = Record<string, string | number>;
type Known = [RegExp, (match: RegExpMatchArray, lang: Lang) => [Key, Params?]];

export const NOTIFY_KNOWN: Known[] = [
  [/^the unsubscribe link is not valid/, () => ['unsubscribe.invalid']],
  [/^the subscription link is unknown or no longer valid/, () => ['confirm.invalid']],
  [/^member \d+ does not publish posts/, () => ['public.notPublic']],
];
