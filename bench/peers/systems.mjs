// One adapter per peer system. Each loads the prepared files (persons.csv, edges.csv)
// with the system's own bulk path and answers the four queries:
//
//   reach(u)       -> { first, second }        exact distinct counts at distance 1 and 2
//   search(u)      -> { total, hits: [{member, degree, mutual}] }   engineers in Oslo
//                     within 2 degrees, top 20 by degree, mutual desc, id (no facets,
//                     no introducers: less work than ledd does)
//   mutual(a, b)   -> { count }
//   path(a, b)     -> { length }               shortest path length up to 6, or null
//
// Schema, the same in the three SQL systems: person(id, city, titles) with the folded
// city and the folded titles joined by '|', and edge(src, dst) holding every connection
// in both directions with a (src, dst) index, so one index lookup gives a member's
// contacts. Kùzu stores each connection once and matches it in either direction.

import fs from 'node:fs';
import path from 'node:path';
import { readCsv, readPairs } from './prep.mjs';
import { fold, titleTerms, rankHits, SEARCH, MAX_PATH } from './common.mjs';

const CITY = fold(SEARCH.city);
const TERMS = titleTerms(SEARCH.title);

// SQL texts use $name parameters; each adapter rewrites them for its driver.
const titleSql = TERMS.map((_, i) => `p.titles LIKE $t${i}`).join(' OR ');
const titleParams = Object.fromEntries(TERMS.map((t, i) => [`t${i}`, `%${t}%`]));

export const SQL = {
  reach: `
    WITH f AS (SELECT dst AS m FROM edge WHERE src = $u)
    SELECT (SELECT count(*) FROM f) AS first,
           (SELECT count(DISTINCT e.dst) FROM f JOIN edge e ON e.src = f.m
             WHERE e.dst <> $u AND e.dst NOT IN (SELECT m FROM f)) AS second`,
  // Mutual counts only for the 2-hop members that match the filters; contacts that
  // match with no mutual contact come from the LEFT JOIN.
  search: `
    WITH f AS (SELECT dst AS m FROM edge WHERE src = $u),
    cand AS (
      SELECT e.dst AS m, count(*) AS mutual
      FROM f JOIN edge e ON e.src = f.m JOIN person p ON p.id = e.dst
      WHERE e.dst <> $u AND p.city = $city AND (${titleSql})
      GROUP BY e.dst),
    matches AS (
      SELECT f.m AS m, 1 AS degree, coalesce(c.mutual, 0) AS mutual
      FROM f JOIN person p ON p.id = f.m LEFT JOIN cand c ON c.m = f.m
      WHERE p.city = $city AND (${titleSql})
      UNION ALL
      SELECT c.m, 2, c.mutual FROM cand c WHERE c.m NOT IN (SELECT m FROM f))
    SELECT m, degree, mutual, count(*) OVER () AS total FROM matches
    ORDER BY degree, mutual DESC, m LIMIT ${SEARCH.limit}`,
  mutual: `
    SELECT count(*) AS count FROM edge x JOIN edge y ON y.dst = x.dst
    WHERE x.src = $a AND y.src = $b`,
  // Both ends expand to a depth limit (recursive CTEs, UNION removing repeats); the
  // shortest meeting gives the length when it is within da + db.
  path: `
    WITH RECURSIVE
    fa(n, d) AS (SELECT CAST($a AS INTEGER), 0
                 UNION SELECT e.dst, fa.d + 1 FROM fa JOIN edge e ON e.src = fa.n WHERE fa.d < $da),
    fb(n, d) AS (SELECT CAST($b AS INTEGER), 0
                 UNION SELECT e.dst, fb.d + 1 FROM fb JOIN edge e ON e.src = fb.n WHERE fb.d < $db)
    SELECT min(fa.d + fb.d) AS length FROM fa JOIN fb ON fa.n = fb.n`,
};

// Path by iterative deepening: lengths 1, 2, ... 6, each one query with depth limits
// ceil(k/2) and floor(k/2), so a pair at distance 3 never pays for a 6-hop expansion.
async function deepeningPath(run, a, b) {
  if (a === b) return { length: 0 };
  for (let k = 1; k <= MAX_PATH; k++) {
    const row = await run({ a, b, da: Math.ceil(k / 2), db: Math.floor(k / 2) });
    const length = row?.length ?? null;
    if (length !== null && length !== undefined) return { length: Number(length) };
  }
  return { length: null };
}

function searchResult(rows) {
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    hits: rows.map((r) => ({ member: Number(r.m), degree: Number(r.degree), mutual: Number(r.mutual) })),
  };
}

// Rewrites $name parameters to positional $1.. (PostgreSQL, DuckDB); returns the order.
function positional(sql) {
  const names = [];
  const text = sql.replace(/\$([a-z]\w*)/g, (_, name) => {
    let index = names.indexOf(name);
    if (index < 0) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text, names };
}

// ---- SQLite (better-sqlite3) -------------------------------------------------------

export function sqlite(dir) {
  const file = path.join(dir, 'sqlite.db');
  let db;
  let statements;
  const open = async () => {
    const Database = (await import('better-sqlite3')).default;
    db = new Database(file);
    db.pragma('cache_size = -2000000');  // 2 GB page cache
    db.pragma('mmap_size = 8000000000');
    db.pragma('temp_store = MEMORY');
    statements = Object.fromEntries(
      Object.entries(SQL).map(([kind, sql]) => [kind, db.prepare(sql.replace(/\$([a-z]\w*)/g, '@$1'))]));
  };
  return {
    name: 'sqlite',
    async version() { return `SQLite ${db.prepare('select sqlite_version() v').get().v} (better-sqlite3)`; },
    async load(data) {
      fs.rmSync(file, { force: true });
      const Database = (await import('better-sqlite3')).default;
      const load = new Database(file);
      load.pragma('journal_mode = OFF');
      load.pragma('synchronous = OFF');
      load.pragma('cache_size = -2000000');
      load.exec(`CREATE TABLE person(id INTEGER PRIMARY KEY, city TEXT, titles TEXT);
                 CREATE TABLE edge(src INTEGER NOT NULL, dst INTEGER NOT NULL,
                                   PRIMARY KEY (src, dst)) WITHOUT ROWID;`);
      const person = load.prepare('INSERT INTO person VALUES (?, ?, ?)');
      const edge = load.prepare('INSERT INTO edge VALUES (?, ?)');
      load.exec('BEGIN');
      await readCsv(path.join(data, 'persons.csv'), () => {}, (f) => person.run(Number(f[0]), f[1], f[2]));
      // edges.csv is sorted by (src, dst): appends to the B-tree in key order.
      await readPairsCsv(path.join(data, 'edges.csv'), (a, b) => edge.run(a, b));
      load.exec('COMMIT');
      load.exec('ANALYZE');
      load.close();
    },
    open,
    async reach(u) {
      const r = statements.reach.get({ u });
      return { first: r.first, second: r.second };
    },
    async search(u) {
      return searchResult(statements.search.all({ u, city: CITY, ...titleParams }));
    },
    async mutual(a, b) { return { count: statements.mutual.get({ a, b }).count }; },
    async path(a, b) { return deepeningPath(async (p) => statements.path.get(p), a, b); },
    async close() { db?.close(); },
    async size() { return fs.statSync(file).size; },
  };
}

function readPairsCsv(file, onPair) {
  return readPairs(file, onPair, ['src', 'dst']);
}

// ---- PostgreSQL (pg) ----------------------------------------------------------------

export function postgres(dir, connection) {
  let client;
  let prepared;
  const open = async () => {
    const pg = (await import('pg')).default;
    client = new pg.Client(connection);
    await client.connect();
    await client.query("SET statement_timeout = '60s'");
    await client.query("SET work_mem = '256MB'");
    // Plan every execution for its parameters: a generic plan cannot know that a hub
    // has thousands of contacts and another member fifty.
    await client.query("SET plan_cache_mode = force_custom_plan");
    prepared = Object.fromEntries(Object.entries(SQL).map(([kind, sql]) => {
      const { text, names } = positional(sql);
      return [kind, { name: `q_${kind}`, text, names }];
    }));
  };
  const run = async (kind, params) => {
    const p = prepared[kind];
    const result = await client.query({ name: p.name, text: p.text, values: p.names.map((n) => params[n]) });
    return result.rows;
  };
  return {
    name: 'postgres',
    async version() { return (await client.query('SHOW server_version')).rows[0].server_version.replace(/ .*/, ''); },
    async load(data) {
      await open();
      await client.query('DROP TABLE IF EXISTS person, edge');
      // Created and filled in one transaction: with wal_level = minimal nothing is logged.
      await client.query('BEGIN');
      await client.query('CREATE TABLE person(id integer NOT NULL, city text, titles text)');
      await client.query('CREATE TABLE edge(src integer NOT NULL, dst integer NOT NULL)');
      await client.query(`COPY person FROM '${path.join(data, 'persons.csv')}' (FORMAT csv, HEADER true, FREEZE true)`);
      await client.query(`COPY edge FROM '${path.join(data, 'edges.csv')}' (FORMAT csv, HEADER true, FREEZE true)`);
      await client.query('COMMIT');
      await client.query("SET maintenance_work_mem = '2GB'");
      await client.query('ALTER TABLE person ADD PRIMARY KEY (id)');
      await client.query('ALTER TABLE edge ADD PRIMARY KEY (src, dst)');
      await client.query('VACUUM ANALYZE person');
      await client.query('VACUUM ANALYZE edge');  // visibility map: index-only scans
      await client.end();
    },
    open,
    async reach(u) {
      const [r] = await run('reach', { u });
      return { first: Number(r.first), second: Number(r.second) };
    },
    async search(u) { return searchResult(await run('search', { u, city: CITY, ...titleParams })); },
    async mutual(a, b) { return { count: Number((await run('mutual', { a, b }))[0].count) }; },
    async path(a, b) { return deepeningPath(async (p) => (await run('path', p))[0], a, b); },
    async close() { await client?.end(); },
    async size() {
      const r = await client.query("SELECT pg_total_relation_size('edge') + pg_total_relation_size('person') AS s");
      return Number(r.rows[0].s);
    },
  };
}

// ---- DuckDB (@duckdb/node-api) --------------------------------------------------------

export function duckdb(dir) {
  const file = path.join(dir, 'duckdb.db');
  let instance, connection, prepared;
  const open = async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    instance = await DuckDBInstance.create(file, { memory_limit: '6GB' });
    connection = await instance.connect();
    prepared = {};
    for (const [kind, sql] of Object.entries(SQL)) {
      const { text, names } = positional(sql);
      prepared[kind] = { statement: await connection.prepare(text), names };
    }
  };
  const run = async (kind, params) => {
    const { statement, names } = prepared[kind];
    statement.clearBindings?.();
    names.forEach((n, i) => {
      const v = params[n];
      if (typeof v === 'number') statement.bindInteger(i + 1, v);
      else statement.bindVarchar(i + 1, v);
    });
    const reader = await statement.runAndReadAll();
    return reader.getRowObjectsJS();
  };
  return {
    name: 'duckdb',
    async version() { return (await (await connection.runAndReadAll('select version() v')).getRowObjectsJS())[0].v; },
    async load(data) {
      fs.rmSync(file, { force: true });
      fs.rmSync(`${file}.wal`, { force: true });
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const loader = await (await DuckDBInstance.create(file, { memory_limit: '6GB' })).connect();
      await loader.run(`CREATE TABLE person AS SELECT * FROM read_csv('${path.join(data, 'persons.csv')}',
        header = true, quote = '"', escape = '"',
        columns = {'id': 'INTEGER', 'city': 'VARCHAR', 'titles': 'VARCHAR'})`);
      // Kept in (src, dst) order: row-group zone maps then narrow "src = ?" to a few
      // row groups, DuckDB's index for this access path.
      await loader.run(`CREATE TABLE edge AS SELECT * FROM read_csv('${path.join(data, 'edges.csv')}',
        header = true, columns = {'src': 'INTEGER', 'dst': 'INTEGER'})`);
      await loader.run('CHECKPOINT');
      loader.closeSync?.();
    },
    open,
    async reach(u) {
      const [r] = await run('reach', { u });
      return { first: Number(r.first), second: Number(r.second) };
    },
    async search(u) { return searchResult(await run('search', { u, city: CITY, ...titleParams })); },
    async mutual(a, b) { return { count: Number((await run('mutual', { a, b }))[0].count) }; },
    async path(a, b) { return deepeningPath(async (p) => (await run('path', p))[0], a, b); },
    async close() { connection?.closeSync?.(); },
    async size() { return dirSize(file) + dirSize(`${file}.wal`); },
  };
}

// ---- Kùzu (kuzu) ----------------------------------------------------------------------

export function kuzu(dir) {
  const file = path.join(dir, 'kuzu.db');
  let database, connection, prepared;
  const cypher = {
    // SHORTEST gives one path per reached member: counting by length = exact distances.
    reach: `MATCH p = (u:Person {id: $u})-[:Knows* SHORTEST 1..2]-(s:Person)
            RETURN length(p) AS d, count(*) AS c`,
    first: `MATCH (u:Person {id: $u})-[:Knows]-(m:Person)
            WHERE m.city = $city AND (${TERMS.map((_, i) => `m.titles CONTAINS $t${i}`).join(' OR ')})
            RETURN m.id AS m`,
    twoHop: `MATCH (u:Person {id: $u})-[:Knows]-(:Person)-[:Knows]-(m:Person)
             WHERE m.id <> $u AND m.city = $city
               AND (${TERMS.map((_, i) => `m.titles CONTAINS $t${i}`).join(' OR ')})
             RETURN m.id AS m, count(*) AS mutual`,
    mutual: `MATCH (a:Person {id: $a})-[:Knows]-(x:Person)-[:Knows]-(b:Person {id: $b})
             RETURN count(*) AS count`,
    path: `MATCH p = (a:Person {id: $a})-[:Knows* SHORTEST 1..${MAX_PATH}]-(b:Person {id: $b})
           RETURN length(p) AS length`,
  };
  const terms = Object.fromEntries(TERMS.map((t, i) => [`t${i}`, t]));
  const open = async () => {
    const k = (await import('kuzu')).default;
    database = new k.Database(file, 6 * 1024 ** 3);
    connection = new k.Connection(database);
    connection.setQueryTimeout(60_000);
    prepared = {};
    for (const [kind, text] of Object.entries(cypher)) prepared[kind] = await connection.prepare(text);
  };
  const run = async (kind, params) => (await connection.execute(prepared[kind], params)).getAll();
  return {
    name: 'kuzu',
    async version() { return `Kùzu ${(await import('kuzu')).default.VERSION ?? ''}`.trim(); },
    async load(data) {
      fs.rmSync(file, { force: true, recursive: true });
      fs.rmSync(`${file}.wal`, { force: true });
      const k = (await import('kuzu')).default;
      const db = new k.Database(file, 6 * 1024 ** 3);
      const c = new k.Connection(db);
      await c.query('CREATE NODE TABLE Person(id INT64, city STRING, titles STRING, PRIMARY KEY (id))');
      await c.query('CREATE REL TABLE Knows(FROM Person TO Person)');
      await c.query(`COPY Person FROM '${path.join(data, 'persons.csv')}' (header = true)`);
      await c.query(`COPY Knows FROM (LOAD FROM '${path.join(data, 'edges.csv')}' (header = true)
                     WHERE src < dst RETURN src, dst)`);
      await c.query('CHECKPOINT');
      await c.close();
      await db.close();
    },
    open,
    async reach(u) {
      const out = { first: 0, second: 0 };
      for (const r of await run('reach', { u })) {
        if (Number(r.d) === 1) out.first = Number(r.c);
        if (Number(r.d) === 2) out.second = Number(r.c);
      }
      return out;
    },
    async search(u) {
      const params = { u, city: CITY, ...terms };
      const first = new Set((await run('first', params)).map((r) => Number(r.m)));
      const mutual = new Map((await run('twoHop', params)).map((r) => [Number(r.m), Number(r.mutual)]));
      const hits = [];
      for (const m of first) hits.push({ member: m, degree: 1, mutual: mutual.get(m) ?? 0 });
      for (const [m, count] of mutual) if (!first.has(m)) hits.push({ member: m, degree: 2, mutual: count });
      return { total: hits.length, hits: rankHits(hits).slice(0, SEARCH.limit) };
    },
    async mutual(a, b) { return { count: Number((await run('mutual', { a, b }))[0].count) }; },
    async path(a, b) {
      if (a === b) return { length: 0 };
      const rows = await run('path', { a, b });
      return { length: rows.length ? Number(rows[0].length) : null };
    },
    async close() { await connection?.close(); await database?.close(); },
    async size() { return dirSize(file); },
  };
}

function dirSize(target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(target).reduce((sum, name) => sum + dirSize(path.join(target, name)), 0);
}

export const SYSTEMS = { sqlite, postgres, duckdb, kuzu };
