// The real SMTP server of the C++ tests (tests/testing/smtp_server.py, Debian's
// python3-aiosmtpd) for the browser tests: started on a free loopback port, with every
// message it accepts read back from the JSON files it writes (headers decoded, text and
// HTML bodies).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const SCRIPT = join(here, '..', '..', 'tests', 'testing', 'smtp_server.py');
// The python that Debian's python3-aiosmtpd is installed for.
const PYTHON = process.env.LEDD_SYSTEM_PYTHON || '/usr/bin/python3';

export async function startSmtpServer() {
  const dir = mkdtempSync(join(tmpdir(), 'ledd-smtp-'));
  const out = join(dir, 'mail');
  const child = spawn(PYTHON, [SCRIPT, '--out', out, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const port = await new Promise((resolve, reject) => {
    let printed = '';
    const timer = setTimeout(() => reject(new Error(`the SMTP server did not start: ${stderr}`)), 15000);
    child.stdout.on('data', (chunk) => {
      printed += chunk;
      const match = printed.match(/^PORT (\d+)\n/);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the SMTP server exited with ${code}: ${stderr}`));
    });
  });
  const seen = new Set();
  const messages = () => {
    let names = [];
    try {
      names = readdirSync(out).filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort();
    } catch {
      return [];
    }
    return names.map((name) => ({ name, ...JSON.parse(readFileSync(join(out, name), 'utf8')) }));
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    // The first message to `to` not returned before, waiting up to `timeout` ms.
    async waitForMail(to, timeout = 20000) {
      const deadline = Date.now() + timeout;
      while (Date.now() < deadline) {
        for (const message of messages()) {
          if (seen.has(message.name)) continue;
          if (message.rcpt_tos.some((address) => address.toLowerCase() === to.toLowerCase())) {
            seen.add(message.name);
            return message;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no mail to ${to} within ${timeout} ms`);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The link in `text` that starts with `prefix`.
export function findLink(text, prefix) {
  const at = text.indexOf(prefix);
  if (at < 0) return null;
  return text.slice(at).match(/^[^\s"'<>]+/)[0];
}
