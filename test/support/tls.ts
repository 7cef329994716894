/**
 * A throwaway PKI and the proxy-callback servers the tests point pgtUrl at, all on 127.0.0.1.
 * Certificates are made here, per run, with node-forge; nothing is read from the machine.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as forge from 'node-forge';

export interface KeyAndCert {
  key: string;
  cert: string;
}

function rsaKeys(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; pem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  return {
    privateKey: forge.pki.privateKeyFromPem(pem),
    publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    pem,
  };
}

function baseCertificate(publicKey: forge.pki.rsa.PublicKey, commonName: string): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // A positive serial: a leading 0x01 keeps the DER integer from reading as negative.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: commonName }]);
  return cert;
}

/** A certificate authority that exists only for this test run. */
export class ThrowawayCa {
  private readonly keys = rsaKeys();
  readonly cert: forge.pki.Certificate;
  readonly certPem: string;

  constructor(readonly name: string) {
    this.cert = baseCertificate(this.keys.publicKey, name);
    this.cert.setIssuer(this.cert.subject.attributes);
    this.cert.setExtensions([
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    this.cert.sign(this.keys.privateKey, forge.md.sha256.create());
    this.certPem = forge.pki.certificateToPem(this.cert);
  }

  /** A server certificate for 127.0.0.1 and localhost, signed by this CA. */
  issueServerCertificate(): KeyAndCert {
    const keys = rsaKeys();
    const cert = baseCertificate(keys.publicKey, '127.0.0.1');
    cert.setIssuer(this.cert.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
      { name: 'authorityKeyIdentifier', keyIdentifier: this.cert.generateSubjectKeyIdentifier().getBytes() },
    ]);
    cert.sign(this.keys.privateKey, forge.md.sha256.create());
    return { key: keys.pem, cert: forge.pki.certificateToPem(cert) };
  }

  /** Writes the CA certificate to a temporary file (for CAS_PROXY_CA_CERTIFICATE_PATH). */
  writeCertificate(): { path: string; remove: () => void } {
    const dir = mkdtempSync(join(tmpdir(), 'cas-ca-'));
    const path = join(dir, 'ca.pem');
    writeFileSync(path, this.certPem);
    return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
  }
}

export interface CallbackHit {
  path: string;
  query: URLSearchParams;
  rawQuery: string;
}

/**
 * A proxy application's callback endpoint. What it answers depends on the path:
 * `/ok…` 200, `/status/NNN` that status, `/redirect` a 302 to `/ok`, `/hang` nothing at all.
 * Every request is recorded before it is answered.
 */
export class CallbackServer {
  readonly hits: CallbackHit[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly scheme: 'http' | 'https',
  ) {}

  static async start(tls: KeyAndCert | null): Promise<CallbackServer> {
    const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }) : http.createServer();
    const instance = new CallbackServer(server, tls ? 'https' : 'http');
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => instance.answer(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return instance;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `${this.scheme}://127.0.0.1:${this.port}${path}`;
  }

  /** The hits whose pgtIou is this one (what a real proxy would do with the validation answer). */
  hitFor(pgtIou: string): CallbackHit | undefined {
    return this.hits.find((h) => h.query.get('pgtIou') === pgtIou);
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    this.hits.push({ path: url.pathname, query: url.searchParams, rawQuery: url.search.slice(1) });
    if (url.pathname === '/hang') return;
    const status = /^\/status\/(\d{3})$/.exec(url.pathname);
    if (status) {
      res.writeHead(Number(status[1])).end();
    } else if (url.pathname === '/redirect') {
      res.writeHead(302, { location: this.url(`/ok${url.search}`) }).end();
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    }
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
