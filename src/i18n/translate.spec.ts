import { formatDate, pluralForm, translate, translateMessage } from './translate';

describe('translate', () => {
  it('gives the English text of a key, placeholders replaced', () => {
    expect(translate('en', 'msg.serviceRequired', { name: 'app', url: 'https://app.example.org/' })).toBe(
      'Authentication required by service app (https://app.example.org/)',
    );
  });

  it('gives the text of the requested language', () => {
    expect(translate('fr', 'login.password')).toBe('Mot de passe');
    expect(translate('nl', 'login.password')).toBe('Wachtwoord');
    expect(translate('pt-BR', 'login.password')).toBe('Senha');
    expect(translate('zh-Hans', 'login.password')).toBe('密码');
  });

  it('leaves a placeholder without a parameter visible, and ignores extra parameters', () => {
    expect(translate('en', 'msg.attributeNeeded', { other: 'x' })).toBe(
      'The attribute {attribute} is needed to use that service',
    );
  });

  it('does not interpret parameter values as placeholders or patterns', () => {
    expect(translate('en', 'msg.attributeNeeded', { attribute: '{attribute} $& $1' })).toBe(
      'The attribute {attribute} $& $1 is needed to use that service',
    );
  });

  it('chooses the plural form by the rules of the language', () => {
    expect(translateMessage('en', { key: 'msg.logoutSuccess', plural: 1, params: { count: 1 } })).toBe(
      'Logout successful: 1 session closed',
    );
    expect(translateMessage('en', { key: 'msg.logoutSuccess', plural: 3, params: { count: 3 } })).toBe(
      'Logout successful: 3 sessions closed',
    );
    expect(pluralForm('fr', 0)).toBe('one');
    expect(pluralForm('en', 0)).toBe('other');
    expect(pluralForm('zh-Hans', 1)).toBe('other');
  });

  it('formats dates in the language, in UTC', () => {
    const at = Date.UTC(2024, 2, 5, 14, 30);
    expect(formatDate('en', at)).toContain('March 5, 2024');
    expect(formatDate('fr', at)).toContain('5 mars 2024');
    expect(formatDate('en', at)).toContain('UTC');
  });
});
