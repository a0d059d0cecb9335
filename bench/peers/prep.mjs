// Turns a ledd CSV network into the files every peer loads, and samples the members the
// queries ask about.
//
//   persons.csv  id,city,titles   city folded; titles = the member's folded position
//                                 titles (current and past) joined by '|'
//   edges.csv    src,dst          every connection in both directions, sorted by (src, dst)
//   sample.json  the sampled members, their groups and the pairs for mutual and path
//
// Folding happens here, once, as ledd folds when it builds its snapshot: the peers then
// compare folded text exactly as ledd does (city equality, title substring).

import fs from 'node:fs';
import path from 'node:path';
import { fold, mulberry32 } from './common.mjs';

// Minimal RFC 4180 reader over a file: calls onRecord(fields) for every record after the
// header; the header is handed to onHeader(fields) first. Quoted fields may hold commas,
// doubled quotes and line breaks.
export async function readCsv(file, onHeader, onRecord) {
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 22 });
  let fields = [];
  let field = '';
  let inQuotes = false;
  let quotePending = false;  // Saw a quote inside a quoted field: end, or a doubled quote.
  let header = null;
  const endRecord = () => {
    fields.push(field);
    field = '';
    if (header === null) {
      header = fields;
      onHeader(fields);
    } else if (fields.length > 1 || fields[0] !== '') {
      onRecord(fields);
    }
    fields = [];
  };
  for await (const chunk of stream) {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (quotePending) {
        quotePending = false;
        if (c === 34) {  // "" inside quotes
          field += '"';
          start = i + 1;
          continue;
        }
        inQuotes = false;
      }
      if (inQuotes) {
        if (c === 34) {
          field += chunk.slice(start, i);
          start = i + 1;
          quotePending = true;
        }
        continue;
      }
      if (c === 34) {
        inQuotes = true;
        field += chunk.slice(start, i);
        start = i + 1;
      } else if (c === 44) {
        fields.push(field + chunk.slice(start, i));
        field = '';
        start = i + 1;
      } else if (c === 10) {
        let end = i;
        if (end > start && chunk.charCodeAt(end - 1) === 13) end--;
        field += chunk.slice(start, end);
        start = i + 1;
        endRecord();
      }
    }
    field += chunk.slice(start);
  }
  if (quotePending) inQuotes = false;
  if (field !== '' || fields.length > 0) endRecord();
}

// connections.csv is the big file (50M rows at 1M members): read its first two integer
// columns straight from the bytes. `names` are the expected names of those columns.
export async function readPairs(file, onPair, names = ['a', 'b']) {
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 24 });
  let line = 0;
  let column = 0;
  let value = 0;
  let a = 0;
  let b = 0;
  let skipping = false;
  let headerCols = null;
  let header = '';
  for await (const chunk of stream) {
    let i = 0;
    if (headerCols === null) {
      const nl = chunk.indexOf(10);
      header += chunk.toString('utf8', 0, nl < 0 ? chunk.length : nl);
      if (nl < 0) continue;
      headerCols = header.trim().split(',');
      if (headerCols[0] !== names[0] || headerCols[1] !== names[1]) {
        throw new Error(`${file}: expected columns ${names} first, got ${header}`);
      }
      i = nl + 1;
    }
    for (; i < chunk.length; i++) {
      const c = chunk[i];
      if (c === 10) {
        if (column === 1) onPair(a, value);
        else if (column > 1) onPair(a, b);
        line++;
        column = 0;
        value = 0;
        skipping = false;
        continue;
      }
      if (skipping) continue;
      if (c === 44) {
        if (column === 0) a = value;
        else if (column === 1) {
          b = value;
          skipping = true;
        }
        column++;
        value = 0;
      } else if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
      }
    }
  }
  return line;
}

function intBytes(buffer, at, value) {
  if (value === 0) {
    buffer[at] = 48;
    return at + 1;
  }
  let digits = 0;
  for (let v = value; v > 0; v = Math.floor(v / 10)) digits++;
  let end = at + digits;
  for (let p = end - 1, v = value; p >= at; p--, v = Math.floor(v / 10)) buffer[p] = 48 + (v % 10);
  return end;
}

function csvField(text) {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export async function prepare({ csvDir, outDir, sample: perGroup, seed }) {
  const started = Date.now();
  fs.mkdirSync(outDir, { recursive: true });

  // Members: dense index by id order of appearance.
  const ids = [];
  const cities = [];
  const indexOf = new Map();
  let idCol = -1, cityCol = -1;
  await readCsv(path.join(csvDir, 'members.csv'),
    (h) => { idCol = h.indexOf('id'); cityCol = h.indexOf('city'); },
    (f) => {
      const id = Number(f[idCol]);
      indexOf.set(id, ids.length);
      ids.push(id);
      cities.push(cityCol >= 0 ? fold(f[cityCol] ?? '') : '');
    });
  const n = ids.length;
  const titles = new Array(n).fill(null);
  let memberCol = -1, titleCol = -1;
  const positionsFile = path.join(csvDir, 'positions.csv');
  if (fs.existsSync(positionsFile)) {
    await readCsv(positionsFile,
      (h) => { memberCol = h.indexOf('member_id'); titleCol = h.indexOf('title'); },
      (f) => {
        const title = fold(f[titleCol] ?? '');
        if (!title) return;
        const member = indexOf.get(Number(f[memberCol]));
        if (member === undefined) return;
        if (titles[member] === null) titles[member] = [];
        if (!titles[member].includes(title)) titles[member].push(title);
      });
  }
  {
    const out = fs.openSync(path.join(outDir, 'persons.csv'), 'w');
    let text = 'id,city,titles\n';
    for (let m = 0; m < n; m++) {
      text += `${ids[m]},${csvField(cities[m])},${csvField((titles[m] ?? []).join('|'))}\n`;
      if (text.length > 1 << 20) { fs.writeSync(out, text); text = ''; }
    }
    fs.writeSync(out, text);
    fs.closeSync(out);
  }

  // Connections -> CSR over dense indexes (two passes over an in-memory pair list).
  let pairs = new Int32Array(1 << 20);
  let pairCount = 0;
  const denseIds = ids.every((id, m) => id === m + 1);  // ledd generate writes 1..N
  const dense = (id) => (denseIds ? id - 1 : indexOf.get(id));
  await readPairs(path.join(csvDir, 'connections.csv'), (a, b) => {
    if (2 * pairCount + 2 > pairs.length) {
      const bigger = new Int32Array(pairs.length * 2);
      bigger.set(pairs);
      pairs = bigger;
    }
    pairs[2 * pairCount] = dense(a);
    pairs[2 * pairCount + 1] = dense(b);
    pairCount++;
  });
  const degree = new Int32Array(n);
  for (let i = 0; i < 2 * pairCount; i++) degree[pairs[i]]++;
  const offset = new Int32Array(n + 1);
  for (let m = 0; m < n; m++) offset[m + 1] = offset[m] + degree[m];
  const fill = offset.slice(0, n);
  const adjacency = new Int32Array(2 * pairCount);
  for (let p = 0; p < pairCount; p++) {
    const a = pairs[2 * p], b = pairs[2 * p + 1];
    adjacency[fill[a]++] = b;
    adjacency[fill[b]++] = a;
  }
  pairs = null;
  for (let m = 0; m < n; m++) adjacency.subarray(offset[m], offset[m + 1]).sort();
  {
    const out = fs.openSync(path.join(outDir, 'edges.csv'), 'w');
    const buffer = Buffer.allocUnsafe(1 << 22);
    let at = buffer.write('src,dst\n');
    for (let m = 0; m < n; m++) {
      for (let k = offset[m]; k < offset[m + 1]; k++) {
        if (at > buffer.length - 32) { fs.writeSync(out, buffer, 0, at); at = 0; }
        at = intBytes(buffer, at, ids[m]);
        buffer[at++] = 44;
        at = intBytes(buffer, at, ids[adjacency[k]]);
        buffer[at++] = 10;
      }
    }
    fs.writeSync(out, buffer, 0, at);
    fs.closeSync(out);
  }

  // Sample: three groups by contact count, members picked by a seeded generator.
  const random = mulberry32(seed);
  const sorted = Array.from(degree).sort((x, y) => x - y);
  const median = sorted[Math.floor(n / 2)];
  const pick = (lo, hi) => {
    const candidates = [];
    for (let m = 0; m < n; m++) if (degree[m] >= lo && degree[m] <= hi) candidates.push(m);
    for (let i = candidates.length - 1; i > 0; i--) {  // Fisher-Yates, seeded
      const j = Math.floor(random() * (i + 1));
      [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
    }
    return candidates.slice(0, perGroup);
  };
  const band = (d) => [Math.floor(d * 0.9), Math.ceil(d * 1.1)];
  const groups = [
    { name: 'median', label: `~${median} contacts (median)`, members: pick(...band(median)) },
    { name: '500', label: '~500 contacts', members: pick(450, 550) },
    { name: '2000+', label: '2,000+ contacts', members: pick(2000, Infinity) },
  ];
  const neighbours = (m) => adjacency.subarray(offset[m], offset[m + 1]);
  for (const group of groups) {
    group.degrees = group.members.map((m) => degree[m]);
    // mutual: a contact of a contact (so the answer is rarely 0); path: any member.
    group.mutualPairs = group.members.map((m) => {
      const contacts = neighbours(m);
      if (contacts.length === 0) return [ids[m], ids[(m + 1) % n]];
      const via = contacts[Math.floor(random() * contacts.length)];
      const next = neighbours(via).filter((x) => x !== m);
      const other = next.length ? next[Math.floor(random() * next.length)] : via;
      return [ids[m], ids[other]];
    });
    group.pathPairs = group.members.map((m) => {
      let other = Math.floor(random() * n);
      if (other === m) other = (other + 1) % n;
      return [ids[m], ids[other]];
    });
    group.members = group.members.map((m) => ids[m]);
  }
  const sample = {
    members: n, connections: pairCount, medianDegree: median, groups,
    prepSeconds: (Date.now() - started) / 1000,
  };
  fs.writeFileSync(path.join(outDir, 'sample.json'), JSON.stringify(sample, null, 1));
  return sample;
}
