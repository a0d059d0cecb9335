// Shared pieces of the peer comparison: text folding, the seeded generator, the title
// terms of a search, percentiles.

// ledd folds text with ICU (Latin-ASCII transliteration, then case folding). The letters
// that do not decompose into a base letter plus accents are mapped by hand; the rest is
// NFKD without combining marks.
const LETTERS = {
  ø: 'o', Ø: 'O', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ß: 'ss', ł: 'l', Ł: 'L', đ: 'd',
  Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i', '–': '-', '—': '-', '’': "'",
};
export function fold(text) {
  return text
    .replace(/[øØæÆœŒßłŁđĐðÐþÞı–—’]/g, (c) => LETTERS[c])
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

// The synonym groups of ledd's title search (src/ledd/query/search.cc).
const SYNONYMS = [
  ['ingenior', 'engineer'],
  ['utvikler', 'developer'],
  ['leder', 'manager', 'head'],
  ['radgiver', 'consultant', 'adviser', 'advisor'],
  ['selger', 'sales'],
];
export function titleTerms(text) {
  const folded = fold(text);
  const terms = [folded];
  for (const group of SYNONYMS) {
    for (const word of group) {
      const at = folded.indexOf(word);
      if (at < 0) continue;
      for (const other of group) {
        if (other !== word) terms.push(folded.slice(0, at) + other + folded.slice(at + word.length));
      }
    }
  }
  return terms;
}

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Nearest-rank percentile of milliseconds.
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// Ranking of search hits: degree, then mutual contacts descending, then id.
export function rankHits(hits) {
  return hits.sort((x, y) => x.degree - y.degree || y.mutual - x.mutual || x.member - y.member);
}

// The search every system runs: engineers in Oslo within 2 degrees, top 20.
export const SEARCH = { city: 'Oslo', title: 'ingeniør', degree: '1,2', limit: 20 };
export const MAX_PATH = 6;
