import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';

/** A slow callback must not hang the validation waiting for it (P-16). */
export const CALLBACK_TIMEOUT_MS = 5000;

export type CallbackResult = { ok: true } | { ok: false; reason: string };

interface TlsSettings {
  rejectUnauthorized: boolean;
  /** When set, the only CAs trusted; otherwise Node's bundled root CAs. */
  ca?: string;
}

function tlsSettings(setting: boolean | string): TlsSettings {
  if (setting === false) return { rejectUnauthorized: false };
  if (setting === true) return { rejectUnauthorized: true };
  try {
    return { rejectUnauthorized: true, ca: readFileSync(setting, 'utf8') };
  } catch (err) {
    throw new Error(`CAS_PROXY_CA_CERTIFICATE_PATH: cannot read ${setting}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/**
 * Delivers a PGT to its pgtUrl (§4): one GET, the certificate checked against
 * CAS_PROXY_CA_CERTIFICATE_PATH (chain and host name), redirects not followed, a bounded
 * time, and only a 200 counts (P-12, P-14).
 */
@Injectable()
export class ProxyCallbackClient implements OnModuleInit {
  private readonly logger = new Logger('proxy');
  private readonly tls: TlsSettings;

  constructor(@Inject(CAS_CONFIG) config: CasConfig) {
    this.tls = tlsSettings(config.proxyCaCertificatePath);
  }

  onModuleInit(): void {
    if (!this.tls.rejectUnauthorized) {
      this.logger.warn(
        'CAS_PROXY_CA_CERTIFICATE_PATH is false: pgtUrl certificates are NOT verified, ' +
          'anyone able to intercept a callback can steal PGTs. Never run like this in production.',
      );
    }
  }

  /** GETs the URL; resolves (never rejects) once the status line arrived or the attempt failed. */
  deliver(url: string): Promise<CallbackResult> {
    return new Promise((resolve) => {
      const target = new URL(url);
      const options: https.RequestOptions = {
        method: 'GET',
        agent: false,
        headers: { accept: '*/*', 'user-agent': 'cas-server proxy callback' },
        ...(target.protocol === 'https:' ? this.tls : {}),
      };
      const client = target.protocol === 'https:' ? https : http;
      const request = client.request(target, options, (response) => {
        const status = response.statusCode ?? 0;
        response.destroy();
        resolve(status === 200 ? { ok: true } : { ok: false, reason: `it answered HTTP ${status}, not 200` });
      });
      const timer = setTimeout(() => request.destroy(new Error('no answer in time')), CALLBACK_TIMEOUT_MS);
      request.on('error', (err) => resolve({ ok: false, reason: err.message }));
      request.on('close', () => clearTimeout(timer));
      request.end();
    });
  }
}
