import type { PasswordCheckMethod } from '../config/cas-config';
import { checkPassword, encodePassword } from './password-check';

// Reference values made outside this code: crypt(3) of glibc/libxcrypt (perl's crypt),
// OpenLDAP's slappasswd, and Python's hashlib; all for the password below, hashed as UTF-8.
const PASSWORD = 'pässwörd';

const CRYPT = {
  md5: '$1$saltstri$k6fkWv7SA1Y5Xb2m0E34n/',
  sha256: '$5$saltstring$bWOoCRTKNT.aiY/gJjvk1HjBYuRpcYQmcc5hqf6H4T4',
  sha256Rounds: '$5$rounds=10000$saltstringsaltst$DhrNEPcQkZDZ6VvdYAHemPCfpSK.0kkrNtG/Y1wLlfD',
  sha512: '$6$saltstring$6PSVl254uv0cWCoUS0qzSX5NenRA/YFCwPzGA9ONu.MmmxqXTWHerEzD8WyuBl3ukfIZZU9uxLD6Bn6p7S3rG.',
  sha512Rounds:
    '$6$rounds=1000$roundsalt$6FdO93ZjWnw4L.Vz2ezyUeMBMrwQc/Aa45N165PUpa6HJfhKIAlncZSc0XbTYVK9/1kixW9VKuk3vJYptbI8x1',
  bcrypt2b: '$2b$04$abcdefghijklmnopqrstuuyx2n0Zzopyr9QuYTMCfOJJOj526QVoC',
  des: 'abzp3RXJm5gNA',
};

const LDAP = {
  MD5: '{MD5}EoQeS6XjfS+/x4RYxnFK3g==',
  SMD5: '{SMD5}mJF8TKe4FJAb91X57Orfl68pA4A=',
  SHA: '{SHA}9Rfd8dMqES/xrVXGbRsSyzjn6Pc=',
  SSHA: '{SSHA}IGzQ6qbTkp4AkA2BL4YS8eVpXKupTR2V',
  SHA256: '{SHA256}RpcL73Cs7YEj8NXQlHF+KlzUEgQeA7JjdgSf5lsoNKQ=',
  SSHA256: '{SSHA256}uLH7nJBoLEP4qrQ1Diy6xyxzqeOA/Zap8IeqYbbqcNtzYWx0c2FsdA==',
  SHA384: '{SHA384}geR2CYCBTPOLgGmaHaYZ1wbatWbqPXZX9b2wQ4qiyTFKzybjcgEjJMc4WARyDMcz',
  SSHA384: '{SSHA384}16jORKHrfMygo7pTgkMukP0Gr7H/lrNEmSRd1oxA1fnSnP8/Qiyd5SWsn40SIslfc2FsdHNhbHQ=',
  SHA512: '{SHA512}csf+G9M7eFdGqclPm4DSWRzTjzwTyKpD91N/MqKoxfm10c7ha2nwIS4OOalNg/V7zzomuud2AHzrsB8NYxEnPg==',
  SSHA512: '{SSHA512}Et7L5C46xLW47tEx1wkQ0V9q90jW7Ixrnzsp1AcnLS6Y4m4klaN0r/zzLPbVeSAF3tffcr3Opv+E2/pw6aIYN3NhbHRzYWx0',
  CRYPT:
    '{CRYPT}$6$I.bLlWvfAVhHCXR9$/l5lgstIU7OgM7.6GFY1cO.qwxaxH.kD5WD4b2H7nf1FvMtwFQHyuTVDbWiWiCsvfDcCQZ1yEWx00zGFlJg27.',
};

const HEX: Record<string, string> = {
  hex_md5: '12841e4ba5e37d2fbfc78458c6714ade',
  hex_sha1: 'f517ddf1d32a112ff1ad55c66d1b12cb38e7e8f7',
  hex_sha224: '1fa1dc9715a45491364693be5cfc25e1e8478204b8b4ef6deee9d3b3',
  hex_sha256: '46970bef70aced8123f0d5d094717e2a5cd412041e03b26376049fe65b2834a4',
  hex_sha384: '81e4760980814cf38b80699a1da619d706dab566ea3d7657f5bdb0438aa2c9314acf26e372012324c7385804720cc733',
  hex_sha512:
    '72c7fe1bd33b785746a9c94f9b80d2591cd38f3c13c8aa43f7537f32a2a8c5f9b5d1cee16b69f0212e0e39a94d83f57bcf3a26bae776007cebb01f0d6311273e',
};

const check = (method: PasswordCheckMethod, password: string, stored: string | Uint8Array | null) =>
  checkPassword(method, password, stored, 'utf-8');

describe('password checks', () => {
  describe('crypt', () => {
    it.each(Object.entries(CRYPT))('accepts the right password for a %s hash', async (_, hash) => {
      expect(await check('crypt', PASSWORD, hash)).toEqual({ match: true });
    });

    it.each(Object.entries(CRYPT))('refuses a wrong password for a %s hash', async (_, hash) => {
      expect(await check('crypt', 'passwörd', hash)).toEqual({ match: false });
    });

    it('accepts the $2a$ and $2y$ spellings of bcrypt', async () => {
      // libxcrypt: crypt("secret", "$2y$05$abcdefghijklmnopqrstuv")
      const y = '$2y$05$abcdefghijklmnopqrstuuOQiyCxlgf/oeuTqixKmWdcYUh4Hjl0a';
      expect((await check('crypt', 'secret', y)).match).toBe(true);
      expect((await check('crypt', 'secret', y.replace('$2y$', '$2a$'))).match).toBe(true);
      expect((await check('crypt', 'Secret', y)).match).toBe(false);
    });

    it('compares the whole DES hash, not only its salt', async () => {
      expect((await check('crypt', PASSWORD, 'abzp3RXJm5gNB')).match).toBe(false);
    });

    it.each([
      ['an unsupported $id$', '$y$j9T$abcdefghijklmnopqrstuv$abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', /\$y\$/],
      ['a truncated $6$ hash', CRYPT.sha512.slice(0, -5), /wrong length/],
      ['a $5$ hash with a bad character', CRYPT.sha256.replace('bWO', 'b!O'), /malformed \$5\$/],
      ['a bcrypt hash with a bad cost', '$2b$99$abcdefghijklmnopqrstuuyx2n0Zzopyr9QuYTMCfOJJOj526QVoC', /cost 99/],
      ['a $6$ hash asking for too many rounds', '$6$rounds=999999999$salt$' + 'a'.repeat(86), /rounds/],
      ['a bcrypt hash cut short', CRYPT.bcrypt2b.slice(0, 20), /malformed \$2b\$/],
      ['plain text', 'not a hash at all', /not a crypt/],
      ['a locked account marker', '!', /not a crypt/],
    ])('fails %s with a reason instead of throwing', async (_, hash, reason) => {
      const result = await check('crypt', PASSWORD, hash);
      expect(result.match).toBe(false);
      expect(result.problem).toMatch(reason);
    });
  });

  describe('ldap', () => {
    it.each(Object.entries(LDAP))('accepts the right password for {%s}', async (_, hash) => {
      expect(await check('ldap', PASSWORD, hash)).toEqual({ match: true });
    });

    it.each(Object.entries(LDAP))('refuses a wrong password for {%s}', async (_, hash) => {
      expect(await check('ldap', 'wrong', hash)).toEqual({ match: false });
    });

    it('reads the scheme name in any case, as OpenLDAP does', async () => {
      expect((await check('ldap', PASSWORD, LDAP.SSHA.replace('{SSHA}', '{ssha}'))).match).toBe(true);
    });

    it('does not accept a salted hash whose salt was changed', async () => {
      const raw = Buffer.from(LDAP.SSHA.slice('{SSHA}'.length), 'base64');
      raw[raw.length - 1] ^= 1;
      expect((await check('ldap', PASSWORD, `{SSHA}${raw.toString('base64')}`)).match).toBe(false);
    });

    it.each([
      ['no scheme', 'secret', /no \{SCHEME\}/],
      ['an unknown scheme', '{PBKDF2}abc', /unsupported LDAP password scheme/],
      ['bad base64', '{SHA}!!!!', /not base64/],
      ['a digest of the wrong size', '{SHA}EoQeS6XjfS+/x4RYxnFK3g==', /wrong length/],
      ['a salted value with no salt', '{SSHA}9Rfd8dMqES/xrVXGbRsSyzjn6Pc=', /wrong length/],
      ['a {CRYPT} value that is not crypt', '{CRYPT}nope', /not a crypt/],
    ])('fails %s with a reason', async (_, hash, reason) => {
      const result = await check('ldap', PASSWORD, hash);
      expect(result.match).toBe(false);
      expect(result.problem).toMatch(reason);
    });
  });

  describe('hex digests', () => {
    it.each(Object.entries(HEX))('%s accepts the right password, in either letter case', async (method, hex) => {
      const m = method as PasswordCheckMethod;
      expect(await check(m, PASSWORD, hex)).toEqual({ match: true });
      expect(await check(m, PASSWORD, hex.toUpperCase())).toEqual({ match: true });
      expect(await check(m, 'wrong', hex)).toEqual({ match: false });
    });

    it('fails a digest of another length with a reason', async () => {
      const result = await check('hex_sha256', PASSWORD, HEX.hex_md5);
      expect(result).toEqual({ match: false, problem: expect.stringMatching(/64-digit/) as unknown });
    });

    it('hashes the password in the configured charset', async () => {
      // Python: hashlib.md5('pässwörd'.encode('latin1')).hexdigest()
      const latin1Md5 = '2ca67a2dbf3a2f52ef5126a2ae8f8a2f';
      expect((await checkPassword('hex_md5', PASSWORD, latin1Md5, 'latin-1')).match).toBe(true);
      expect((await checkPassword('hex_md5', PASSWORD, latin1Md5, 'utf-8')).match).toBe(false);
    });
  });

  describe('plain', () => {
    it('compares the password with the stored text', async () => {
      expect(await check('plain', 'secret', 'secret')).toEqual({ match: true });
      expect(await check('plain', 'secret', 'secret ')).toEqual({ match: false });
      expect(await check('plain', 'secre', 'secret')).toEqual({ match: false });
    });

    it('compares bytes when the stored value is binary', async () => {
      expect((await check('plain', PASSWORD, Buffer.from(PASSWORD, 'utf8'))).match).toBe(true);
      expect((await checkPassword('plain', PASSWORD, Buffer.from(PASSWORD, 'latin1'), 'latin-1')).match).toBe(true);
      expect((await check('plain', PASSWORD, Buffer.from(PASSWORD, 'latin1'))).match).toBe(false);
    });
  });

  it('never accepts an empty password, even against an empty-password hash', async () => {
    // Python: hashlib.md5(b'').hexdigest()
    expect((await check('hex_md5', '', 'd41d8cd98f00b204e9800998ecf8427e')).match).toBe(false);
    expect((await check('plain', '', 'x')).match).toBe(false);
  });

  it('fails a missing stored password with a reason', async () => {
    expect(await check('plain', 'secret', null)).toEqual({ match: false, problem: 'no stored password' });
    expect(await check('crypt', 'secret', '')).toEqual({ match: false, problem: 'no stored password' });
  });

  it('refuses a password the charset cannot represent instead of mangling it', async () => {
    expect(encodePassword('€uro', 'latin-1')).toBeNull();
    expect(encodePassword('é', 'ascii')).toBeNull();
    expect(encodePassword('é', 'latin-1')).toEqual(Buffer.from([0xe9]));
    // '€' would become 0xAC if cut to its low byte, which is '¬' in Latin-1.
    expect((await checkPassword('plain', '€', '¬', 'latin-1')).match).toBe(false);
  });
});
