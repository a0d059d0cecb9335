// Peer comparison: the same network and the same questions in ledd, SQLite, PostgreSQL,
// DuckDB and Kùzu. See README.md in this folder; run.sh is the entry point.

import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepare } from './prep.mjs';
import { percentile, SEARCH } from './common.mjs';
import { startCluster } from './postgres_cluster.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

function parseArgs(argv) {
  const options = {
    members: 1_000_000, seed: 1, sample: 20, systems: 'sqlite,postgres,duckdb,kuzu',
    timeout: 60, warmup: 3, ledd: path.join(repo, 'build/ledd'), dir: null, csv: null,
    leddDb: null, reload: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i].replace(/^--/, '').replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (!(flag in options)) throw new Error(`unknown option ${argv[i]}`);
    if (typeof options[flag] === 'boolean') options[flag] = true;
    else options[flag] = typeof options[flag] === 'number' ? Number(argv[++i]) : argv[++i];
  }
  options.systems = options.systems.split(',').filter(Boolean);
  options.dir ??= path.join(process.env.LEDD_BENCH_DIR ?? os.tmpdir(),
    `ledd-peers-${options.members}-s${options.seed}`);
  return options;
}

const KINDS = ['reach', 'search', 'mutual', 'path'];
const NAMES = { ledd: 'ledd', sqlite: 'SQLite', postgres: 'PostgreSQL', duckdb: 'DuckDB', kuzu: 'Kùzu' };

function log(message) {
  process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

// The requests of one query kind for one group: [{args, request}] where args go to the
// peers and request is ledd's batch line.
function requests(kind, group) {
  if (kind === 'reach') return group.members.map((u) => ({ args: [u], request: { member: u } }));
  if (kind === 'search') return group.members.map((u) => ({ args: [u], request: { as: u, ...SEARCH } }));
  const pairs = kind === 'mutual' ? group.mutualPairs : group.pathPairs;
  return pairs.map(([a, b]) => ({ args: [a, b], request: { a, b } }));
}

// What must agree between systems.
function canonical(kind, result) {
  if (kind === 'reach') return `${result.first}/${result.second}`;
  if (kind === 'mutual') return String(result.count);
  if (kind === 'path') return String(result.length ?? 'none');
  return `${result.total}:${result.hits.map((h) => `${h.member}@${h.degree}/${h.mutual}`).join(',')}`;
}

// One batch per query kind (ledd loads the network once per batch): every group's
// warm-up requests, then every group's requests.
function runLedd(options, sample) {
  const results = {};
  for (const kind of KINDS) {
    results[kind] = {};
    const lines = [];
    const slots = [];
    for (const group of sample.groups) {
      const reqs = requests(kind, group);
      for (const r of reqs.slice(0, options.warmup)) { lines.push(r.request); slots.push(null); }
    }
    for (const group of sample.groups) {
      for (const r of requests(kind, group)) { lines.push(r.request); slots.push(group.name); }
      results[kind][group.name] = { ms: [], answers: [] };
    }
    const file = path.join(options.dir, `ledd-${kind}.jsonl`);
    fs.writeFileSync(file, lines.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const started = Date.now();
    const out = execFileSync(options.ledd, [kind, '--db', options.leddDb, '--batch', file, '--json', '--timing'],
      { maxBuffer: 1 << 30 }).toString().trim().split('\n').filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    log(`ledd ${kind}: ${out.length} requests in ${((Date.now() - started) / 1000).toFixed(1)} s (with loading the network)`);
    out.forEach((r, i) => {
      if (slots[i] === null) return;
      if (r.error) throw new Error(`ledd ${kind} ${JSON.stringify(lines[i])}: ${r.error.message}`);
      const entry = results[kind][slots[i]];
      entry.ms.push(r.micros / 1000);
      entry.answers.push(canonical(kind, kind === 'search'
        ? { total: r.total, hits: r.hits.map((h) => ({ member: h.member, degree: h.degree, mutual: h.mutual })) }
        : r));
    });
  }
  return results;
}

// One peer in a child process, so a query past the timeout can be stopped by killing it.
class Peer {
  constructor(system, dir, connection) {
    this.args = [system, dir, connection ? JSON.stringify(connection) : ''];
  }
  start() {
    this.child = fork(path.join(here, 'peer.mjs'), this.args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }
  call(message, timeoutSeconds) {
    return new Promise((resolve) => {
      let timer = null;
      const done = (reply) => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        resolve(reply);
      };
      const onMessage = (reply) => done(reply);
      const onExit = (code, signal) => done({ error: `exited (${code ?? signal})` });
      this.child.on('message', onMessage);
      this.child.on('exit', onExit);
      if (timeoutSeconds) {
        timer = setTimeout(() => {
          this.child.kill('SIGKILL');
          done({ timeout: true });
        }, timeoutSeconds * 1000);
      }
      this.child.send(message);
    });
  }
  async restart() {
    this.child.kill('SIGKILL');
    this.start();
    return this.call({ op: 'open' });
  }
}

async function runPeer(system, options, sample, data, connection, leddResults) {
  const peer = new Peer(system, options.dir, connection);
  peer.start();
  const marker = path.join(options.dir, `loaded-${system}.json`);
  let load;
  if (!options.reload && fs.existsSync(marker)) {
    const opened = await peer.call({ op: 'open' });
    if (opened.error) throw new Error(`${system}: ${opened.error}`);
    load = { ...JSON.parse(fs.readFileSync(marker, 'utf8')), ...opened, reused: true };
    log(`${system}: reusing the database loaded in ${load.seconds.toFixed(1)} s`);
  } else {
    log(`${system}: loading`);
    load = await peer.call({ op: 'load', data });
    if (load.error) throw new Error(`${system}: load failed: ${load.error}`);
    fs.writeFileSync(marker, JSON.stringify({ seconds: load.seconds }));
    peer.start();
    const opened = await peer.call({ op: 'open' });
    if (opened.error) throw new Error(`${system}: ${opened.error}`);
    load = { ...load, ...opened };
    log(`${system}: loaded in ${load.seconds.toFixed(1)} s, ${(load.bytes / 1e9).toFixed(2)} GB`);
  }
  const results = {};
  for (const kind of KINDS) {
    results[kind] = {};
    for (const group of sample.groups) {
      const reqs = requests(kind, group);
      const entry = { ms: [], answers: [], timeouts: 0, errors: [], mismatches: [] };
      results[kind][group.name] = entry;
      // Warm-up (untimed), then every request once.
      for (const r of reqs.slice(0, options.warmup)) {
        const reply = await peer.call({ op: 'query', kind, args: r.args }, options.timeout);
        if (reply.timeout) { entry.timeouts++; await peer.restart(); break; }
      }
      if (entry.timeouts > 0) {
        entry.skipped = reqs.length;
        log(`${system} ${kind} ${group.name}: warm-up query past ${options.timeout} s, group skipped`);
        continue;
      }
      for (let i = 0; i < reqs.length; i++) {
        const reply = await peer.call({ op: 'query', kind, args: reqs[i].args }, options.timeout);
        if (reply.timeout || /timeout|cancel/i.test(reply.error ?? '')) {
          entry.timeouts++;
          if (reply.timeout) await peer.restart();
          if (entry.timeouts >= 2) { entry.skipped = reqs.length - i - 1; break; }
          continue;
        }
        if (reply.error) { entry.errors.push(reply.error); entry.answers.push(null); continue; }
        entry.ms.push(reply.ms);
        const answer = canonical(kind, reply.result);
        entry.answers.push(answer);
        const expected = leddResults[kind][group.name].answers[i];
        if (answer !== expected) entry.mismatches.push({ args: reqs[i].args, got: answer, ledd: expected });
      }
      log(`${system} ${kind} ${group.name}: p50 ${fmt(percentile(entry.ms, 50))}` +
        `${entry.mismatches.length ? `, ${entry.mismatches.length} DISAGREE` : ''}` +
        `${entry.timeouts ? `, ${entry.timeouts} timeouts` : ''}${entry.errors.length ? `, errors: ${entry.errors[0]}` : ''}`);
    }
  }
  await peer.call({ op: 'close' }, 60);
  return { load, results };
}

function fmt(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

function cell(entry) {
  if (!entry) return 'n/a';
  if (entry.ms.length === 0) return entry.timeouts ? `timeout (>${globalTimeout} s)` : 'error';
  let text = `${fmt(percentile(entry.ms, 50))} / ${fmt(percentile(entry.ms, 99))}`;
  if (entry.timeouts) text += ` (${entry.timeouts} timeouts${entry.skipped ? `, ${entry.skipped} skipped` : ''})`;
  if (entry.mismatches?.length) text += ` ✗${entry.mismatches.length}`;
  return text;
}
let globalTimeout = 60;

function report(options, sample, ledd, peers, context) {
  const systems = Object.keys(peers);
  const lines = [];
  lines.push(`Network: ${sample.members.toLocaleString('en')} members, ${sample.connections.toLocaleString('en')} connections ` +
    `(median ${sample.medianDegree} contacts), \`ledd generate --seed ${options.seed}\`; ` +
    `${options.sample} members per group. Latency per query, p50 / p99; ✗n = n answers differ from ledd's.`);
  lines.push('');
  lines.push(`| query | members | ledd | ${systems.map((s) => NAMES[s]).join(' | ')} | ledd speed-up (p50, fastest peer) |`);
  lines.push(`|---|---|---|${systems.map(() => '---|').join('')}---|`);
  for (const kind of KINDS) {
    for (const group of sample.groups) {
      const leddP50 = percentile(ledd[kind][group.name].ms, 50);
      let best = null;
      for (const s of systems) {
        const e = peers[s].results[kind]?.[group.name];
        const p50 = e && e.ms.length && !e.timeouts ? percentile(e.ms, 50) : null;
        if (p50 !== null && (best === null || p50 < best.p50)) best = { s, p50 };
      }
      const allTimedOut = systems.every((s) => (peers[s].results[kind]?.[group.name]?.timeouts ?? 0) > 0);
      const speedup = best ? `${Math.round(best.p50 / leddP50).toLocaleString('en')}x (${NAMES[best.s]})`
        : allTimedOut ? `>${Math.round((globalTimeout * 1000) / leddP50).toLocaleString('en')}x` : '—';
      lines.push(`| ${kind} | ${group.label} | ${cell(ledd[kind][group.name])} | ` +
        `${systems.map((s) => cell(peers[s].results[kind]?.[group.name])).join(' | ')} | ${speedup} |`);
    }
  }
  lines.push('');
  lines.push('| system | version | load (s) | size on disk (GB) |');
  lines.push('|---|---|---|---|');
  lines.push(`| ledd | ${context.leddVersion} (${context.leddCommit}), \`ledd import\` | ${context.leddImport ?? 'reused'} | ${(fs.statSync(options.leddDb).size / 1e9).toFixed(2)} (SQLite file, whole network) |`);
  for (const s of systems) {
    const l = peers[s].load;
    lines.push(`| ${NAMES[s]} | ${l.version ?? ''} | ${l.seconds.toFixed(1)} | ${(l.bytes / 1e9).toFixed(2)} |`);
  }
  lines.push('');
  const disagreements = [];
  for (const s of systems) {
    for (const kind of KINDS) {
      for (const group of sample.groups) {
        const e = peers[s].results[kind]?.[group.name];
        for (const m of e?.mismatches ?? []) disagreements.push(`${NAMES[s]} ${kind} ${JSON.stringify(m.args)}: ${m.got.slice(0, 80)} vs ledd ${m.ledd.slice(0, 80)}`);
        for (const err of e?.errors ?? []) disagreements.push(`${NAMES[s]} ${kind} error: ${err}`);
      }
    }
  }
  lines.push(disagreements.length
    ? `Answers that differ from ledd's:\n\n${disagreements.slice(0, 20).map((d) => `- ${d}`).join('\n')}`
    : 'Every answer of every peer agrees with ledd\'s (reach counts, search total and top 20 with degree and mutual count, mutual count, path length).');
  lines.push('');
  lines.push(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? ''}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ` +
    `load average ${context.loadBefore} before the queries, ${os.loadavg().map((x) => x.toFixed(2)).join(', ')} after.`);
  return lines.join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  globalTimeout = options.timeout;
  fs.mkdirSync(options.dir, { recursive: true });
  fs.chmodSync(options.dir, 0o755);
  const context = {};
  // A private copy of the binary: build/ledd may be rebuilt while the benchmark runs.
  const ledd = path.join(options.dir, 'ledd');
  fs.copyFileSync(options.ledd, ledd);
  fs.chmodSync(ledd, 0o755);
  context.leddVersion = execFileSync(ledd, ['--version']).toString().split('\n')[0].trim();
  context.leddCommit = (() => {
    try { return execFileSync('git', ['-C', repo, 'log', '-1', '--format=%h']).toString().trim(); } catch { return '?'; }
  })();
  options.ledd = ledd;

  // 1. The network, as ledd CSV, and imported into ledd.
  const csv = options.csv ?? path.join(options.dir, 'csv');
  if (!fs.existsSync(path.join(csv, 'connections.csv'))) {
    log(`generating ${options.members} members into ${csv}`);
    execFileSync(options.ledd, ['generate', '--members', String(options.members), '--seed', String(options.seed), '--out', csv], { stdio: ['ignore', 2, 2] });
  }
  options.leddDb ??= path.join(options.dir, 'ledd.db');
  if (!fs.existsSync(options.leddDb)) {
    log(`importing into ${options.leddDb}`);
    const started = Date.now();
    execFileSync(options.ledd, ['import', '--db', options.leddDb, csv], { stdio: ['ignore', 2, 2] });
    context.leddImport = ((Date.now() - started) / 1000).toFixed(1);
  }

  // 2. The files the peers load, and the sample.
  const data = path.join(options.dir, 'data');
  const sampleFile = path.join(data, 'sample.json');
  let sample = fs.existsSync(sampleFile) ? JSON.parse(fs.readFileSync(sampleFile, 'utf8')) : null;
  if (!sample || sample.seed !== options.seed || sample.perGroup !== options.sample) {
    log(`preparing ${data}`);
    sample = await prepare({ csvDir: csv, outDir: data, sample: options.sample, seed: options.seed });
    sample.seed = options.seed;
    sample.perGroup = options.sample;
    fs.writeFileSync(sampleFile, JSON.stringify(sample, null, 1));
    for (const s of ['sqlite', 'postgres', 'duckdb', 'kuzu']) fs.rmSync(path.join(options.dir, `loaded-${s}.json`), { force: true });
    log(`prepared in ${sample.prepSeconds.toFixed(1)} s`);
  }
  for (const group of sample.groups) {
    log(`group ${group.label}: ${group.members.length} members, contacts ${Math.min(...group.degrees)}..${Math.max(...group.degrees)}`);
  }

  // 3. ledd.
  log('ledd: running the batches');
  const leddResults = runLedd(options, sample);
  context.loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(', ');

  // 4. The peers, one at a time.
  const peers = {};
  let cluster = null;
  try {
    for (const system of options.systems) {
      let connection = null;
      if (system === 'postgres') {
        cluster = await startCluster(path.join(options.dir, 'postgres'));
        connection = cluster.connection;
        log(`postgres: ${cluster.version} on ${connection.host}:${connection.port}`);
      }
      try {
        peers[system] = await runPeer(system, options, sample, data, connection, leddResults);
      } catch (error) {
        log(`${system}: ${error.message}`);
      }
      if (system === 'postgres') {
        cluster.stop();
        cluster = null;
      }
    }
  } finally {
    cluster?.stop();
  }

  fs.writeFileSync(path.join(options.dir, 'results-raw.json'), JSON.stringify({ options, sample, ledd: leddResults, peers, context }));
  const text = report(options, sample, leddResults, peers, context);
  console.log(text);
  const file = path.join(here, `results-${options.members}.md`);
  fs.writeFileSync(file, `${text}\n`);
  log(`written to ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
