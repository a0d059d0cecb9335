// A private PostgreSQL cluster for the benchmark: initdb into a directory, start it on a
// free loopback port with its socket in that directory, stop it at the end. No system
// service is touched. When run as root the server runs as the `postgres` user, since
// initdb and postgres refuse to run as root.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function findBin() {
  const candidates = [];
  for (const dir of (process.env.PATH ?? '').split(':')) candidates.push(dir);
  const lib = '/usr/lib/postgresql';
  if (fs.existsSync(lib)) {
    for (const version of fs.readdirSync(lib).sort((a, b) => Number(b) - Number(a))) {
      candidates.push(path.join(lib, version, 'bin'));
    }
  }
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) {
      return fs.realpathSync(path.dirname(fs.realpathSync(path.join(dir, 'pg_ctl'))));
    }
  }
  throw new Error('initdb/pg_ctl not found (apt-get install -y postgresql)');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function startCluster(dir, { sharedBuffers = '2GB' } = {}) {
  const bin = findBin();
  const asRoot = process.getuid?.() === 0;
  const run = (tool, args) => {
    const command = asRoot ? 'runuser' : path.join(bin, tool);
    const full = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    return execFileSync(command, full, { stdio: ['ignore', 'pipe', 'pipe'], cwd: os.tmpdir() }).toString();
  };
  const data = path.join(dir, 'data');
  fs.mkdirSync(dir, { recursive: true });
  if (asRoot) execFileSync('chown', ['-R', 'postgres', dir]);
  if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  }
  const port = await freePort();
  // A benchmark cluster: no durability (fsync off) and minimal WAL, so bulk loads into
  // tables created in the same transaction skip the log.
  const options = [
    `-p ${port}`, `-k ${dir}`, "-c listen_addresses=''", `-c shared_buffers=${sharedBuffers}`,
    '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off',
    '-c wal_level=minimal', '-c max_wal_senders=0', '-c max_wal_size=8GB',
    '-c effective_cache_size=8GB', '-c random_page_cost=1.1', '-c jit=off',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '120', 'start']);
  const version = run('pg_ctl', ['--version']).trim();
  return {
    connection: { host: dir, port, user: 'postgres', database: 'postgres' },
    version,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch (error) {
        console.error(`pg_ctl stop: ${error.message}`);
      }
    },
  };
}
