import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { checkServerIdentity, type ConnectionOptions, type PeerCertificate } from 'node:tls';
import { Logger } from '@nestjs/common';
import {
  Client,
  InappropriateAuthError,
  InvalidCredentialsError,
  NoSuchObjectError,
  ResultCodeError,
  SizeLimitExceededError,
  UnwillingToPerformError,
  type Entry,
} from 'ldapts';
import type { LdapAuthSettings } from '../../config/cas-config';
import { NO_ACCOUNT, SourceUnavailableError, type AuthBackend, type VerifyResult } from '../auth-backend';
import { valuesOf } from '../ldap-entry';
import { userFilter } from '../ldap-filter';
import { checkPassword } from '../password-check';
import { sourceAttributes } from '../source-attributes';

/** A probe slower than this counts as a directory that does not answer. */
const PING_TIMEOUT_MS = 2_500;

/** Connections kept open for user binds between logins. */
const IDLE_BIND_CONNECTIONS = 4;

/**
 * `CAS_AUTH_CLASS=ldap`: the user is found by CAS_LDAP_USER_QUERY under CAS_LDAP_BASE_DN on a
 * connection bound as CAS_LDAP_USER (kept open and reused), then the password is checked by
 * binding as the user (`bind`, recommended: the directory applies its own password policy) or by
 * reading CAS_LDAP_PASSWORD_ATTR and checking it here.
 */
export class LdapBackend implements AuthBackend {
  readonly name = 'ldap';
  private readonly logger = new Logger('auth.ldap');
  private readonly tlsOptions: ConnectionOptions | undefined;
  private service: Promise<Client> | null = null;
  private readonly idleBinders: Client[] = [];

  constructor(private readonly settings: LdapAuthSettings) {
    // Read at start, so a wrong path stops the server instead of failing every login.
    this.tlsOptions = settings.caFile ? { ca: readFileSync(settings.caFile) } : undefined;
  }

  async verify(username: string, password: string): Promise<VerifyResult> {
    // An empty password would be an "unauthenticated bind", which succeeds (RFC 4513 5.1.2).
    if (username === '' || password === '') return null;
    const entry = await this.findUser(username);
    if (entry === undefined) return NO_ACCOUNT;
    if (!entry) return null;
    const canonical = valuesOf(entry, this.settings.usernameAttr)[0];
    if (canonical === undefined) {
      this.logger.warn(`entry ${entry.dn} has no ${this.settings.usernameAttr} attribute`);
      return null;
    }
    // The entry's `dn` is released as an attribute, as django-cas-server does; the password never.
    const skip = [this.settings.passwordAttr];
    if (this.settings.passwordCheck === 'bind') {
      const own = await this.bindAs(entry.dn, password);
      if (own === false) return null;
      return { username: canonical.toString(), attributes: sourceAttributes(own ?? entry, skip, null) };
    }
    if (!(await this.storedPasswordMatches(entry, username, password))) return null;
    return { username: canonical.toString(), attributes: sourceAttributes(entry, skip, null) };
  }

  /**
   * Proves the directory answers, for readiness and `cas doctor`: a search of the base entry
   * (no attributes) on the service connection, which opens it, and binds as CAS_LDAP_USER when
   * one is set. Without a service account nothing else would ever connect before a login.
   */
  async ping(): Promise<void> {
    const base = this.settings.baseDn ?? '';
    const probe = this.withService(async (client) => {
      await client.search(base, { scope: 'base', attributes: ['1.1'], sizeLimit: 1 });
    }).catch((err: Error) => {
      if (!(err.cause instanceof NoSuchObjectError)) throw err;
      throw this.sourceError(new Error(`CAS_LDAP_BASE_DN ${base} does not exist (or is hidden from this account)`));
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(this.sourceError(new Error(`no answer within ${PING_TIMEOUT_MS} ms`))),
        PING_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async storedPasswordMatches(entry: Entry, username: string, password: string): Promise<boolean> {
    const method = this.settings.passwordCheck;
    if (method === 'bind') return false;
    const stored = valuesOf(entry, this.settings.passwordAttr);
    if (stored.length === 0) {
      this.logger.warn(`cannot check the password of "${username}": ${this.settings.passwordAttr} is not readable`);
      return false;
    }
    // Like the directory itself, any of the stored values may match.
    for (const value of stored) {
      const result = await checkPassword(method, password, value, this.settings.passwordCharset);
      if (result.problem) this.logger.warn(`cannot check the password of "${username}": ${result.problem}`);
      if (result.match) return true;
    }
    return false;
  }

  /** The one entry matching the user query; undefined for none, null when ambiguous. */
  private async findUser(username: string): Promise<Entry | null | undefined> {
    const filter = userFilter(this.settings.userQuery, username);
    const found = await this.withService(async (client) => {
      try {
        const { searchEntries } = await client.search(this.settings.baseDn ?? '', {
          scope: 'sub',
          filter,
          attributes: ['*'],
          sizeLimit: 2,
          explicitBufferAttributes: [this.settings.passwordAttr],
        });
        return searchEntries;
      } catch (err) {
        if (err instanceof SizeLimitExceededError) return 'several';
        throw err;
      }
    });
    if (found === 'several' || found.length > 1) {
      this.logger.warn(`CAS_LDAP_USER_QUERY matches several entries for "${username}"`);
      return null;
    }
    return found[0];
  }

  /**
   * Binds as the user on a connection of its own. False: wrong password (or an account the
   * directory refuses); otherwise the user's own view of its entry when CAS_LDAP_ATTRS_VIEW=1.
   */
  private async bindAs(dn: string, password: string): Promise<Entry | null | false> {
    for (let attempt = 1; ; attempt++) {
      const idle = this.idleBinder();
      let client: Client;
      try {
        client = idle ?? (await this.connect());
      } catch (err) {
        throw this.sourceError(err);
      }
      try {
        const result = await this.bindWith(client, dn, password);
        this.release(client);
        return result;
      } catch (err) {
        if (err instanceof ResultCodeError) {
          this.release(client);
          throw this.sourceError(err);
        }
        this.close(client);
        // A kept connection the directory closed meanwhile: once more on a new one.
        if (!(idle && attempt === 1)) throw this.sourceError(err);
      }
    }
  }

  private async bindWith(client: Client, dn: string, password: string): Promise<Entry | null | false> {
    try {
      await client.bind(dn, password);
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return false;
      if (err instanceof InappropriateAuthError || err instanceof UnwillingToPerformError) {
        this.logger.warn(`the directory refused the bind of ${dn}: ${err.message}`);
        return false;
      }
      throw err;
    }
    if (this.settings.attrsView !== 1) return null;
    const { searchEntries } = await client.search(dn, { scope: 'base', attributes: ['*'] });
    return searchEntries[0] ?? null;
  }

  /**
   * A kept bind connection that is still open. One that is not must not be used: ldapts would
   * reconnect it silently, without StartTLS, and send the password in the clear.
   */
  private idleBinder(): Client | undefined {
    for (let client = this.idleBinders.pop(); client; client = this.idleBinders.pop()) {
      if (client.isConnected) return client;
      this.close(client);
    }
    return undefined;
  }

  private release(client: Client): void {
    if (client.isConnected && this.idleBinders.length < IDLE_BIND_CONNECTIONS) this.idleBinders.push(client);
    else this.close(client);
  }

  /** Runs an operation on the shared service connection; a connection that died is replaced once. */
  private async withService<T>(operation: (client: Client) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const reused = this.service !== null;
      let client: Client;
      try {
        client = await this.serviceConnection();
      } catch (err) {
        throw this.sourceError(err);
      }
      try {
        return await operation(client);
      } catch (err) {
        if (err instanceof ResultCodeError) throw this.sourceError(err);
        this.dropService(client);
        if (!(reused && attempt === 1)) throw this.sourceError(err);
      }
    }
  }

  private async serviceConnection(): Promise<Client> {
    if (this.service) {
      const client = await this.service;
      const needsBind = this.settings.user !== null;
      if (client.isConnected && (!needsBind || client.isBound)) return client;
      this.dropService(client);
    }
    const opening = this.connect().then(async (client) => {
      try {
        if (this.settings.user !== null) await client.bind(this.settings.user, this.settings.password ?? '');
        return client;
      } catch (err) {
        this.close(client);
        throw err;
      }
    });
    this.service = opening;
    opening.catch(() => {
      if (this.service === opening) this.service = null;
    });
    return opening;
  }

  private dropService(client: Client): void {
    this.service = null;
    this.close(client);
  }

  private async connect(): Promise<Client> {
    const client = new Client({
      url: this.settings.server,
      connectTimeout: 5_000,
      timeout: 10_000,
      // ldapts speaks TLS from the first byte whenever tlsOptions are given: only for ldaps://.
      tlsOptions: this.settings.server.startsWith('ldaps:') ? this.tlsOptions : undefined,
    });
    if (this.settings.startTls) {
      try {
        await client.startTLS(this.startTlsOptions());
      } catch (err) {
        this.close(client);
        throw err;
      }
    }
    return client;
  }

  /**
   * A fresh object each time (ldapts adds the socket to it) that checks the certificate against
   * the configured host: on an upgraded socket Node would check it against "localhost".
   */
  private startTlsOptions(): ConnectionOptions {
    const host = new URL(this.settings.server).hostname.replace(/^\[(.*)\]$/, '$1');
    return {
      ...this.tlsOptions,
      ...(isIP(host) ? {} : { servername: host }),
      checkServerIdentity: (_: string, cert: PeerCertificate) => checkServerIdentity(host, cert),
    };
  }

  private close(client: Client): void {
    client.unbind().catch(() => undefined);
  }

  private sourceError(err: unknown): Error {
    const detail = err instanceof Error ? err.message || err.constructor.name : String(err);
    return new SourceUnavailableError(`LDAP directory ${this.settings.server}: ${detail}`, { cause: err });
  }

  /** Nest calls this at shutdown: close the kept connections. */
  async onModuleDestroy(): Promise<void> {
    const service = this.service;
    this.service = null;
    const client = service ? await service.catch(() => null) : null;
    if (client) this.close(client);
    for (const client of this.idleBinders.splice(0)) this.close(client);
  }
}
