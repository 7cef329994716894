import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DOMParser } from '@xmldom/xmldom';

export interface LogoutReceived {
  path: string;
  contentType: string;
  nameId: string;
  sessionIndex: string;
  id: string;
  issueInstant: string;
}

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

/** Parses a Single Logout POST body the way a CAS client does. */
export function parseLogoutRequest(body: string): Omit<LogoutReceived, 'path' | 'contentType'> {
  const xml = new URLSearchParams(body).get('logoutRequest');
  if (!xml) throw new Error(`no logoutRequest field in ${body.slice(0, 200)}`);
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (!root || root.localName !== 'LogoutRequest' || root.namespaceURI !== SAMLP) {
    throw new Error(`not a LogoutRequest: ${xml}`);
  }
  return {
    id: root.getAttribute('ID') ?? '',
    issueInstant: root.getAttribute('IssueInstant') ?? '',
    nameId: doc.getElementsByTagNameNS(SAML, 'NameID')[0]?.textContent ?? '',
    sessionIndex: doc.getElementsByTagNameNS(SAMLP, 'SessionIndex')[0]?.textContent ?? '',
  };
}

/**
 * A relying application on 127.0.0.1 that records the logout requests it receives. `behaviour`
 * decides how it answers: at once, after a delay, or never.
 */
export class RelyingApp {
  readonly received: LogoutReceived[] = [];
  inFlight = 0;
  maxInFlight = 0;
  behaviour: { delayMs: number; hang: boolean; status: number } = { delayMs: 0, hang: false, status: 200 };
  private readonly server: Server;
  private readonly hanging: ServerResponse[] = [];

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<RelyingApp> {
    const app = new RelyingApp();
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    return app;
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += (chunk as Buffer).toString();
    if (req.method !== 'POST') {
      res.end('app page');
      return;
    }
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      this.received.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        ...parseLogoutRequest(body),
      });
    } catch {
      // Recorded as nothing: the assertions on `received` will show it.
    }
    if (this.behaviour.hang) {
      this.hanging.push(res);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, this.behaviour.delayMs));
    this.inFlight--;
    res.statusCode = this.behaviour.status;
    res.end('ok');
  }

  async waitFor(count: number, timeoutMs = 10000): Promise<void> {
    const start = Date.now();
    while (this.received.length < count) {
      if (Date.now() - start > timeoutMs) {
        throw new Error(`expected ${count} logout requests, got ${this.received.length}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
