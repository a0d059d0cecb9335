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
  [/^the photo is too large: .*megapixels/, () => ['error.photoTooManyPixels']],
  [/^the photo is too small/, () => ['error.photoTooSmall']],
  [/^the photo (could not be decoded|is not a JPEG, PNG or WebP|must be sent as Content-Type|is an? \w+ image, but)|^an animated WebP|^CMYK JPEG/, () => ['error.photoUnreadable']],
  [/^member \d+ has no photo/, () => ['error.noPhoto']],
];
