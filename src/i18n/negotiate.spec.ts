import { negotiateLanguage, parseAcceptLanguage } from './negotiate';

describe('Accept-Language negotiation', () => {
  it('falls back to English without a header or with only unknown languages', () => {
    expect(negotiateLanguage(undefined)).toBe('en');
    expect(negotiateLanguage('')).toBe('en');
    expect(negotiateLanguage('de-DE,de;q=0.9,*;q=0.5')).toBe('en');
  });

  it('takes the best-ranked language we have, by q value then order', () => {
    expect(negotiateLanguage('de;q=0.9,fr;q=0.8,en;q=0.7')).toBe('fr');
    expect(negotiateLanguage('nl;q=0.5,fr;q=0.5')).toBe('nl');
    expect(negotiateLanguage('en;q=0.1,zh-CN')).toBe('zh-Hans');
  });

  it('matches regional variants by their primary subtag', () => {
    expect(negotiateLanguage('fr-CA')).toBe('fr');
    expect(negotiateLanguage('nl-BE')).toBe('nl');
    expect(negotiateLanguage('pt')).toBe('pt-BR');
    expect(negotiateLanguage('pt-PT')).toBe('pt-BR');
    expect(negotiateLanguage('pt-br')).toBe('pt-BR');
    expect(negotiateLanguage('zh')).toBe('zh-Hans');
    expect(negotiateLanguage('zh-Hans-CN')).toBe('zh-Hans');
  });

  it('does not serve Simplified Chinese to readers of Traditional Chinese', () => {
    expect(negotiateLanguage('zh-TW')).toBe('en');
    expect(negotiateLanguage('zh-Hant,fr;q=0.5')).toBe('fr');
  });

  it('skips refused (q=0) and malformed ranges', () => {
    expect(negotiateLanguage('fr;q=0,nl')).toBe('nl');
    expect(negotiateLanguage('<script>,fr')).toBe('fr');
    expect(parseAcceptLanguage('fr;q=abc')).toEqual([{ tag: 'fr', q: 1, order: 0 }]);
  });

  it('prefers the language chosen with the switcher, if it is one of ours', () => {
    expect(negotiateLanguage('fr', 'nl')).toBe('nl');
    expect(negotiateLanguage('fr', 'xx')).toBe('fr');
    expect(negotiateLanguage(undefined, 'zh-Hans')).toBe('zh-Hans');
  });
});
