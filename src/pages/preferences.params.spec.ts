import { parseQueryString } from '../protocol/params';
import { dismissForm, languageQuery } from './preferences.params';

describe('preference parameters', () => {
  it('read the language and the way back', () => {
    expect(languageQuery.parse(parseQueryString('lang=fr&next=%2Fcas%2Flogin'))).toEqual({
      lang: 'fr',
      next: '/cas/login',
    });
  });

  it('read a repeated, structured or overlong choice as not made, the others still', () => {
    expect(languageQuery.parse({ lang: ['fr', 'de'], next: '/login' })).toEqual({ lang: undefined, next: '/login' });
    expect(languageQuery.parse({ lang: 'fr', next: 'x'.repeat(4097) })).toEqual({ lang: 'fr', next: undefined });
    expect(languageQuery.parse({ lang: { a: 'b' } }).lang).toBeUndefined();
    expect(languageQuery.parse({ next: 'x'.repeat(4096) }).next).toHaveLength(4096);
  });

  it('read the dismissal form, and a body that is no form as empty', () => {
    expect(dismissForm.parse({ id: 'maintenance', next: '/login' })).toEqual({ id: 'maintenance', next: '/login' });
    expect(dismissForm.parse({ id: ['a', 'b'], next: '/login' })).toEqual({ id: undefined, next: '/login' });
    expect(dismissForm.parse('<xml/>')).toEqual({});
    expect(dismissForm.parse(undefined)).toEqual({});
  });
});
