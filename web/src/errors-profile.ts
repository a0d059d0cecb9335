// The server's refusals of a profile edit (PUT /api/v1/me) and of a photo
// (PUT/DELETE /api/v1/me/photo), said again in the reader's language (errors.ts).
// Entries are named by their place in the list the form sent ("positions[2]"): the
// form numbers them from 1 as it shows them.
import type { Key, Lang } from './i18n';

type Params = Record<string, string | number>;
const entry = (m: RegExpMatchArray) => ({ n: Number(m[1]) + 1 });

export const profileErrors: [RegExp, (match: RegExpMatchArray, lang: Lang) => [Key, Params?]][] = [
  [/^"country"/, () => ['error.country']],
  [/^"(first_name|last_name)"/, () => ['error.name']],
  [/^positions\[(\d+)\]\.(start|end) must be/, (m) => ['error.positionDate', entry(m)]],
  [/^educations\[(\d+)\]\.(start|end) must be/, (m) => ['error.educationDate', entry(m)]],
  [/^positions\[(\d+)\] ends before it starts/, (m) => ['error.positionPeriod', entry(m)]],
  [/^educations\[(\d+)\] ends before it starts/, (m) => ['error.educationPeriod', entry(m)]],
  [/^(positions\[\d+\]\.)?"?title"? is required/, () => ['error.positionTitle']],
  [/^positions\[(\d+)\]\.organization: organization \d+ does not exist/, (m) => ['error.organizationMissing', entry(m)]],
  [/^educations\[(\d+)\]\.school: organization \d+ does not exist/, (m) => ['error.schoolMissing', entry(m)]],
  [/^educations\[(\d+)\]\.school: organization \d+ is not a school/, (m) => ['error.notSchool', entry(m)]],
  [/^"(positions|educations)" has more than \d+ entries/, () => ['error.tooManyEntries']],
  [/megapixel/i, () => ['error.photoTooManyPixels']],
  [/\b96\b.*(px|pixel)|(small|short).*\b96\b/i, () => ['error.photoTooSmall']],
  [/larger than 5 ?MB|at most 5 ?MB|5 MB/i, () => ['error.photoTooBig']],
  [/decode|not an? (JPEG|PNG|WebP)|image\/jpeg, image\/png or image\/webp/i, () => ['error.photoUnreadable']],
  [/has no (stored )?photo|no photo to/i, () => ['error.noPhoto']],
];
