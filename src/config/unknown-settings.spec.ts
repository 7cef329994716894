import { loadConfig } from './cas-config';
import { describeUnknownSetting, editDistance, unknownSettings } from './unknown-settings';

describe('unknownSettings', () => {
  const known = new Set<string>();
  loadConfig({}, known);

  it('knows every setting the configuration reads', () => {
    expect(known).toContain('CAS_TICKET_VALIDITY');
    expect(known).toContain('DATABASE_URL');
    expect(known).toContain('CAS_ACCESS_LOG');
  });

  it('names a misspelled CAS_* variable with the setting it most likely meant', () => {
    const env = { CAS_TICKET_VALIDTY: '5', CAS_TIKET_VALIDITY: '5', cas_show_powered: 'false', PATH: '/bin' };
    expect(unknownSettings(env, known)).toEqual([
      { name: 'CAS_TICKET_VALIDTY', suggestion: 'CAS_TICKET_VALIDITY' },
      { name: 'CAS_TIKET_VALIDITY', suggestion: 'CAS_TICKET_VALIDITY' },
      { name: 'cas_show_powered', suggestion: 'CAS_SHOW_POWERED' },
    ]);
  });

  it('suggests nothing when no setting is close, and leaves known and tool variables alone', () => {
    const env = { CAS_FROBNICATE_EVERYTHING: '1', CAS_TICKET_VALIDITY: '5', CAS_TEST_DATABASES: 'sqlite' };
    const unknown = unknownSettings(env, known);
    expect(unknown).toEqual([{ name: 'CAS_FROBNICATE_EVERYTHING', suggestion: null }]);
    expect(describeUnknownSetting(unknown[0], true)).toBe(
      'CAS_FROBNICATE_EVERYTHING (in .env) is not a setting of this server, ignored: see .env.example for the settings',
    );
  });

  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('VALIDTIY', 'VALIDITY')).toBe(1);
    expect(editDistance('abc', '')).toBe(3);
  });
});
