// A real `ledd serve` for the browser tests: a freshly generated and imported network in
// a temporary directory, accounts for the members a test needs, and the server on a free
// loopback port, stopped with SIGTERM when the tests are done.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PASSWORD = 'web-test-password';

// RFC 4180 rows of a CSV file, the header row first.
export function readCsv(path) {
  const text = readFileSync(path, 'utf8');
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// Rows as objects keyed by the header.
export function readTable(path) {
  const [header, ...rows] = readCsv(path);
  return rows.filter((row) => row.length === header.length).map((row) => Object.fromEntries(header.map((key, i) => [key, row[i]])));
}

function run(binary, args) {
  const result = spawnSync(binary, args, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${binary} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return result.stdout;
}

export class TestNetwork {
  constructor({ binary, webRoot, members = 2000, seed = 11 }) {
    this.binary = binary;
    this.webRoot = webRoot;
    this.dir = mkdtempSync(join(tmpdir(), 'ledd-web-'));
    this.db = join(this.dir, 'ledd.db');
    run(binary, ['generate', '--members', String(members), '--seed', String(seed), '--out', join(this.dir, 'net')]);
    run(binary, ['import', '--db', this.db, join(this.dir, 'net')]);
    this.members = readTable(join(this.dir, 'net', 'members.csv'));
    this.connections = readTable(join(this.dir, 'net', 'connections.csv'));
    this.invitations = readTable(join(this.dir, 'net', 'invitations.csv'));
  }

  member(id) {
    return this.members.find((m) => Number(m.id) === Number(id));
  }

  // Gives `member` an account; returns its email.
  createAccount(member) {
    const email = `member${member}@web-test.example`;
    run(this.binary, ['accounts', 'create', '--db', this.db, String(member), '--email', email, '--password', PASSWORD, '--password-hashing', 'fast']);
    return email;
  }

  // Members by how many contacts they have, most first.
  byContacts() {
    const counts = new Map();
    for (const c of this.connections) {
      counts.set(c.a, (counts.get(c.a) ?? 0) + 1);
      counts.set(c.b, (counts.get(c.b) ?? 0) + 1);
    }
    return [...counts.entries()].sort((x, y) => y[1] - x[1]).map(([id, count]) => ({ id: Number(id), count }));
  }

  // Members by how many pending invitations they have received, most first.
  byPendingInvitations() {
    const counts = new Map();
    for (const i of this.invitations) {
      if (i.state === 'pending') counts.set(i.to, (counts.get(i.to) ?? 0) + 1);
    }
    return [...counts.entries()].sort((x, y) => y[1] - x[1]).map(([id, count]) => ({ id: Number(id), count }));
  }

  // Writes a --demo-accounts file listing `accounts` ({email, password, name}).
  demoAccountsFile(accounts) {
    const path = join(this.dir, 'demo-accounts.json');
    writeFileSync(path, JSON.stringify(accounts));
    return path;
  }

  // Starts `ledd serve` on this network with `args` after the common ones; resolves to
  // the server ({base, process, stop()}) once it listens. The first one started is also
  // this.base; stop() ends every one still running.
  async start(args = ['--web-root', this.webRoot]) {
    const server = spawn(
      this.binary,
      ['serve', '--db', this.db, '--listen', '127.0.0.1:0', '--password-hashing', 'fast', '--follow-seconds', '0.2', ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    server.stderr.on('data', (chunk) => (stderr += chunk));
    const base = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`ledd serve did not start: ${stderr}`)), 60000);
      server.stdout.on('data', (chunk) => {
        out += chunk;
        const match = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      server.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`ledd serve exited with ${code}: ${stderr}`));
      });
    });
    const handle = { base, process: server, stderr: () => stderr, stop: () => stopProcess(server) };
    this.servers = [...(this.servers ?? []), handle];
    this.base ??= base;
    return handle;
  }

  async stop() {
    for (const server of this.servers ?? []) await server.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
