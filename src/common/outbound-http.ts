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
  try {
    return { ca: readFileSync(setting), rejectUnauthorized: true };
  } catch (err) {
    throw new Error(`CAS_PROXY_CA_CERTIFICATE_PATH: cannot read ${setting}: ${(err as Error).message}`, {
      cause: err,
    });
  }
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
 * One HTTP(S) request that never follows redirects, gives up after `timeoutMs` and reads
 * nothing of the answer beyond its status line: relying applications are not trusted to be
 * quick or small. Resolves with the status, or with an error message; never rejects.
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
      finish({ status: res.statusCode ?? null });
      res.destroy();
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${request.timeoutMs} ms`));
    }, request.timeoutMs);
    req.on('error', (err) => finish({ status: null, error: err.message }));
    req.end(body);
  });
}
