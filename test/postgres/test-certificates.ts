// Throwaway TLS material made with the `openssl` command: a CA, a server
// certificate it signed, and a second CA that signed nothing here. Made in a
// temporary folder that is removed before returning; only PEM text leaves.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from '../../packages/runbook-core/src/lint/shellcheck/find-executable.ts';

export interface TestCertificates {
  /** The CA that signed the server's certificate (PEM). */
  ca: string;
  /** Another CA, unrelated to the server (PEM). */
  otherCa: string;
  /** The server's certificate, for `names` (PEM). */
  serverCert: string;
  /** The server's private key (PEM, unencrypted). */
  serverKey: string;
}

/** Why certificates cannot be made here, or undefined when they can. */
export function opensslMissing(): string | undefined {
  if (findExecutable('openssl', process.env.PATH)) return undefined;
  return 'openssl is not installed (Debian/Ubuntu: `apt-get install openssl` as root)';
}

/** A CA and a server certificate whose subjectAltName lists `names` (`DNS:localhost`, `IP:127.0.0.1`), valid for a day. */
export function makeTestCertificates(names: string[]): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-tls-'));
  try {
    const file = (name: string) => join(dir, name);
    const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    for (const ca of ['ca', 'other-ca']) {
      openssl(['req', '-x509', ...ecKey, '-keyout', file(`${ca}.key`), '-out', file(`${ca}.crt`), '-days', '1', '-subj', `/CN=runbook test ${ca}`]);
    }
    openssl(['req', ...ecKey, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost']);
    writeFileSync(file('server.ext'), `subjectAltName=${names.join(',')}\nextendedKeyUsage=serverAuth\n`);
    openssl([
      'x509',
      '-req',
      '-in',
      file('server.csr'),
      '-CA',
      file('ca.crt'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file('server.crt'),
      '-days',
      '1',
      '-extfile',
      file('server.ext'),
    ]);
    const read = (name: string) => readFileSync(file(name), 'utf8');
    return { ca: read('ca.crt'), otherCa: read('other-ca.crt'), serverCert: read('server.crt'), serverKey: read('server.key') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function openssl(args: string[]): void {
  const made = spawnSync('openssl', args, { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl ${args[0]} failed (exit ${made.status}): ${made.stderr}`);
}
