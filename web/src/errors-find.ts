// The refusals of the LinkedIn import and of invitations by email, in the reader's language
// (errors.ts spreads FIND_KNOWN into its list). A bad row of the export is named by file
// and line ("Connections.csv:7: ..."): the file and line are kept, and what is wrong with
// the row is said again where the server's sentence is a fixed one.
import type { Key, Lang } from './i18n';
import { translator } from './i18n';

type Params = Record<string, string | number>;
type Known = [RegExp, (match: RegExpMatchArray, lang: Lang) => [Key, Params?]];

// What is wrong with a row or a file of the export, from the server's sentence.
const DETAILS: [RegExp, (match: RegExpMatchArray) => [Key, Params?]][] = [
  [/^"([^"]+)" is not a (?:month|year|day): (.*)$/, (m) => ['csv.notDate', { column: m[1], text: m[2] }]],
  [/^"([^"]+)" is empty$/, (m) => ['csv.empty', { column: m[1] }]],
  [/^"([^"]+)" is before "([^"]+)"$/, (m) => ['csv.before', { end: m[1], start: m[2] }]],
  [/^more than (\d+) (?:positions|educations)$/, (m) => ['csv.tooMany', { count: Number(m[1]) }]],
  [/^expected (\d+) fields, found (\d+)$/, (m) => ['csv.fields', { expected: Number(m[1]), found: Number(m[2]) }]],
  [/^unterminated quoted field \(started on line (\d+)\)$/, (m) => ['csv.quote', { line: Number(m[1]) }]],
  [/ has \d+ characters; at most (\d+) are allowed/, (m) => ['csv.tooLong', { count: Number(m[1]) }]],
  [/^missing required column "([^"]+)"$/, (m) => ['csv.column', { column: m[1] }]],
  [/^empty file, expected a header$/, () => ['csv.emptyFile']],
  [/^encrypted in the ZIP$/, () => ['csv.encrypted']],
  [/^damaged in the ZIP/, () => ['csv.damaged']],
  [/^larger than (\d+) MB uncompressed$/, (m) => ['csv.tooLarge', { count: Number(m[1]) }]],
  [/^cannot (?:read|open) it/, () => ['csv.unreadable']],
];

function detail(text: string, lang: Lang): string {
  const { t } = translator(lang);
  for (const [pattern, describe] of DETAILS) {
    const match = text.match(pattern);
    if (match) return t(...describe(match));
  }
  // A sentence said only in English: in English as it is, in Bokmål that the row is unreadable.
  return lang === 'en' ? text : t('csv.row');
}

export const FIND_KNOWN: Known[] = [
  [/^([^:\s][^:]*\.csv):(\d+): (.+)$/s, (m, lang) => ['error.csvLine', { file: m[1], line: m[2], detail: detail(m[3], lang) }]],
  [/^([^:\s][^:]*\.csv): (.+)$/s, (m, lang) => ['error.csvFile', { file: m[1], detail: detail(m[2], lang) }]],
  [/^the file is not a readable ZIP archive/, () => ['error.notZip']],
  [/^the ZIP holds none of /, () => ['error.notLinkedin']],
  [/^the ZIP holds more than one (\S+)/, (m) => ['error.zipTwice', { file: m[1] }]],
  [/^a pending email invitation from member \d+ to (\S+) already exists/, (m) => ['error.emailInvitePending', { email: m[1] }]],
  [/^email invitation \d+ is \w+, not pending/, () => ['error.emailInviteClosed']],
];
