import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { outboundRequest, outboundTls, type OutboundTls } from '../common/outbound-http';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';

/** A slow callback must not hang the validation waiting for it (P-16). */
export const CALLBACK_TIMEOUT_MS = 5000;

export type CallbackResult = { ok: true } | { ok: false; reason: string };

/**
 * Delivers a PGT to its pgtUrl (§4): one GET, the certificate checked against
 * CAS_PROXY_CA_CERTIFICATE_PATH (chain and host name), redirects not followed, a bounded
 * time, and only a 200 counts (P-12, P-14).
 */
@Injectable()
export class ProxyCallbackClient implements OnModuleInit {
  private readonly logger = new Logger('proxy');
  private readonly tls: OutboundTls;

  constructor(@Inject(CAS_CONFIG) config: CasConfig) {
    this.tls = outboundTls(config.proxyCaCertificatePath);
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
  async deliver(url: string): Promise<CallbackResult> {
    const result = await outboundRequest({ method: 'GET', url, timeoutMs: CALLBACK_TIMEOUT_MS, tls: this.tls });
    if (result.status === 200) return { ok: true };
    return { ok: false, reason: result.error ?? `it answered HTTP ${result.status}, not 200` };
  }
}
