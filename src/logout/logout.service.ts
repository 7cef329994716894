import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CasConfig } from '../config/cas-config';
import { CAS_CONFIG } from '../config/config.module';
import { ServiceRegistry } from '../services/service-registry.service';
import { isBrowserUrl } from '../services/service-url';
import { SessionService } from '../sessions/session.service';
import { SessionTerminator } from '../sessions/session-terminator.service';
import type { Message } from '../i18n/message';

export interface LogoutRequest {
  cookie?: string;
  all: boolean;
  service?: string;
  /** CAS 2.0 `url`: never redirected to (LO-06); shown as a link when a pattern allows it. */
  url?: string;
  clientAddress: string;
}

export type LogoutOutcome =
  | { kind: 'redirect'; url: string; sessionsClosed: number }
  | {
      kind: 'page';
      messages: Message[];
      sessionsClosed: number;
      link?: string;
      /** Single Logout results, names of the services told / not told (filled in by Single Logout). */
      sloNotified?: string[];
      sloFailures?: string[];
      /** URLs the page makes the browser request: front-channel logouts. */
      frontChannel?: string[];
    };

@Injectable()
export class LogoutService {
  private readonly logger = new Logger('logout');

  constructor(
    @Inject(CAS_CONFIG) private readonly config: CasConfig,
    private readonly sessions: SessionService,
    private readonly terminator: SessionTerminator,
    private readonly registry: ServiceRegistry,
  ) {}

  async logout(request: LogoutRequest): Promise<LogoutOutcome> {
    const session = request.cookie ? await this.sessions.findAnyByCookie(request.cookie) : null;
    let closed = 0;
    const sloFailures: string[] = [];
    const frontChannel: string[] = [];
    if (session) {
      const reports = request.all
        ? await this.terminator.endAllFor(session.username, 'logout of all sessions')
        : [await this.terminator.end(session, 'logout')];
      closed = reports.filter((r) => r.ended).length;
      for (const report of reports) {
        sloFailures.push(...report.slo.failed.map((t) => t.serviceName));
        frontChannel.push(...report.slo.frontChannel);
      }
      this.logger.log({
        msg: `user ${session.username} logged out from ${request.clientAddress} (${closed} session(s) closed)`,
        event: 'logout',
        user: session.username,
        ip: request.clientAddress,
        session: session.id,
        sessionsClosed: closed,
      });
    }

    const allowedService = await this.allowedUrl(request.service);
    // Front-channel logouts need the page to load in the browser: no redirect then, a link.
    if (frontChannel.length === 0) {
      if (allowedService) return { kind: 'redirect', url: allowedService, sessionsClosed: closed };
      if (this.config.redirectToLoginAfterLogout) {
        return { kind: 'redirect', url: `${this.config.pathPrefix}/login`, sessionsClosed: closed };
      }
    }
    const link = allowedService ?? (await this.allowedUrl(request.url)) ?? undefined;
    const messages: Message[] =
      closed > 0
        ? [{ level: 'success', key: 'msg.logoutSuccess', plural: closed, params: { count: closed } }]
        : [{ level: 'info', key: 'msg.alreadyLoggedOut' }];
    return {
      kind: 'page',
      messages,
      sessionsClosed: closed,
      link,
      sloFailures: [...new Set(sloFailures)],
      frontChannel,
    };
  }

  /** The URL a pattern allows, in the canonical form it was matched on, or null. */
  private async allowedUrl(raw: string | undefined): Promise<string | null> {
    if (!raw || !isBrowserUrl(raw)) return null;
    return (await this.registry.match(raw))?.url ?? null;
  }
}
