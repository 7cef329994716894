import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';

/** TLS trust for requests the server makes to relying applications (SLO, proxy callbacks). */
export interface OutboundTls {
  /** PEM CA bundle; undefined = Node's default trust store. */
  ca?: Buffer;
  rejectUnauthorized: boolean;
}

/** CAS_PROXY_CA_CERTIFICATE_PATH: true = default CAs, false = no verification, or a CA file. */
export function outboundTls(setting: boolean | string): OutboundTls {
  if (setting === false) return { rejectUnauthorized: false };
  if (setting === true) return { rejectUnauthorized: true };
  return { ca: readFileSync(setting), rejectUnauthorized: true };
}

export interface OutboundResult {
  status: number | null;
  error?: string;
}

export interface OutboundRequest {
  method: 'GET' | 'POST';
  url: string;
  timeoutMs: number;
  tls: OutboundTls;
  form?: Record<string, string>;
}

/**
 * One HTTP(S) request that never follows redirects, gives up after `timeoutMs` in total and
 * reads at most a little of the answer: relying applications are not trusted to be quick or
 * small. Resolves with the status, or with an error message; never rejects.
 */
export function outboundRequest(request: OutboundRequest): Promise<OutboundResult> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      resolve({ status: null, error: 'invalid URL' });
      return;
    }
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') {
      resolve({ status: null, error: `unsupported scheme ${url.protocol}` });
      return;
    }
    const body = request.form ? new URLSearchParams(request.form).toString() : undefined;
    const headers: Record<string, string> = { 'user-agent': 'cas-server' };
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    let settled = false;
    const finish = (result: OutboundResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const options = {
      method: request.method,
      headers,
      agent: false as const,
      ...(secure ? { ca: request.tls.ca, rejectUnauthorized: request.tls.rejectUnauthorized } : {}),
    };
    const req = (secure ? https : http).request(url, options, (res) => {
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > 64 * 1024) res.destroy();
      });
      res.on('error', () => finish({ status: res.statusCode ?? null }));
      res.on('end', () => finish({ status: res.statusCode ?? null }));
      res.on('close', () => finish({ status: res.statusCode ?? null }));
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${request.timeoutMs} ms`));
    }, request.timeoutMs);
    req.on('error', (err) => finish({ status: null, error: err.message }));
    req.end(body);
  });
}
