import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ConfigError, loadConfig, parseSettings } from './cas-config';

describe('parseSettings', () => {
  const missing = join(tmpdir(), 'cas-config-spec-does-not-exist');
  const files = {
    TLS_CERT_FILE: join(missing, 'cert.pem'),
    TLS_KEY_FILE: join(missing, 'key.pem'),
    CAS_STATIC_DIR: join(missing, 'static'),
    CAS_TEMPLATES_DIR: join(missing, 'templates'),
    CAS_LOGIN_TEMPLATE: join(missing, 'login.hbs'),
    DATABASE_URL: `sqlite:${join(missing, 'cas.sqlite')}`,
  };

  it('parses without touching the files the settings name', () => {
    const settings = parseSettings(files);
    expect(settings.tls).toEqual({ certFile: files.TLS_CERT_FILE, keyFile: files.TLS_KEY_FILE });
    expect(settings.staticDir).toBe(files.CAS_STATIC_DIR);
    expect(settings.loginTemplate).toBe(files.CAS_LOGIN_TEMPLATE);
    expect(settings.database).toEqual({ type: 'sqlite', path: join(missing, 'cas.sqlite') });
  });

  const named = ['TLS_CERT_FILE', 'CAS_STATIC_DIR', 'CAS_TEMPLATES_DIR', 'CAS_LOGIN_TEMPLATE', 'DATABASE_URL'] as const;
  it.each(named)('leaves %s to the start-up step, which names it', (name) => {
    const env =
      name === 'TLS_CERT_FILE'
        ? { TLS_CERT_FILE: files.TLS_CERT_FILE, TLS_KEY_FILE: files.TLS_KEY_FILE }
        : { [name]: files[name] };
    expect(() => parseSettings(env)).not.toThrow();
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid setting ${name}: `));
  });

  it('gives every duration in milliseconds, from the seconds the settings are written in', () => {
    const config = parseSettings({
      CAS_TICKET_VALIDITY: '5',
      CAS_PGT_VALIDITY: '6',
      CAS_TICKET_TIMEOUT: '7',
      CAS_LOGIN_TICKET_VALIDITY: '10',
      SESSION_COOKIE_AGE: '9',
      CAS_TGT_VALIDITY: '11',
      CAS_SLO_TIMEOUT: '2',
      CAS_CLEANUP_INTERVAL: '3',
      CAS_THROTTLE_WINDOW: '4',
      CAS_THROTTLE_BLOCK: '8',
      CAS_THROTTLE_DELAY_MS: '250',
    });
    expect(config).toMatchObject({
      ticketValidityMs: 5000,
      pgtValidityMs: 6000,
      ticketTimeoutMs: 7000,
      loginTicketValidityMs: 10_000,
      sessionCookieAgeMs: 9000,
      tgtValidityMs: 11_000,
      sloTimeoutMs: 2000,
      cleanupIntervalMs: 3000,
      throttle: { windowMs: 4000, blockMs: 8000, delayMs: 250 },
    });
    expect(parseSettings({ CAS_TGT_VALIDITY: 'None' }).tgtValidityMs).toBeNull();
    expect(parseSettings({}).ticketValidityMs).toBe(60_000);
  });

  it('checks the federation settings it does not carry', () => {
    const seen = new Set<string>();
    expect(Object.keys(parseSettings({}, seen)).some((key) => key.startsWith('federate'))).toBe(false);
    expect(seen).toContain('CAS_FEDERATE_REMEMBER_TIMEOUT');
    expect(() => parseSettings({ CAS_FEDERATE: 'true' })).toThrow(/CAS_FEDERATE: federation is not available/);
    expect(() => parseSettings({ CAS_FEDERATE_REMEMBER_TIMEOUT: '-1' })).toThrow(ConfigError);
  });

  it('binds the SQL user query at load and leaves the built-in info message to the pages', () => {
    const settings = parseSettings({ CAS_SQL_USER_QUERY: 'SELECT * FROM u WHERE name = %s' });
    expect(settings.sql.boundQuery).toBe('SELECT * FROM u WHERE name = ?');
    expect(settings.infoMessages).toBeNull();
  });
});

describe('loadConfig', () => {
  it('reads the TLS files and makes folder settings absolute', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cas-config-spec-'));
    writeFileSync(join(dir, 'cert.pem'), 'CERT');
    writeFileSync(join(dir, 'key.pem'), 'KEY');
    const config = loadConfig({
      TLS_CERT_FILE: join(dir, 'cert.pem'),
      TLS_KEY_FILE: join(dir, 'key.pem'),
      CAS_STATIC_DIR: relative(process.cwd(), dir),
    });
    expect(config.tls?.cert.toString()).toBe('CERT');
    expect(config.tls?.key.toString()).toBe('KEY');
    expect(config.staticDir).toBe(dir);
  });
});
