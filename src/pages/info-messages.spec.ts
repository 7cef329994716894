import type { InfoMessage } from '../config/cas-config';
import { addDismissed, dismissToken, readDismissed, visibleInfoNotices } from './info-messages';

const notice = (message: string, extra: Partial<InfoMessage> = {}): InfoMessage => ({
  message,
  translations: {},
  discardable: true,
  type: 'info',
  ...extra,
});

describe('info messages (CAS_INFO_MESSAGES)', () => {
  const messages = {
    welcome: notice('Welcome', { translations: { fr: 'Bienvenue' } }),
    outage: notice('Maintenance tonight', { type: 'danger', discardable: false }),
  };

  it('shows only the ids of CAS_INFO_MESSAGES_ORDER, in that order, in the page language', () => {
    expect(visibleInfoNotices(messages, [], 'en', undefined)).toEqual([]);
    const shown = visibleInfoNotices(messages, ['outage', 'unknown', 'welcome'], 'fr', undefined);
    expect(shown.map((n) => [n.id, n.text, n.level])).toEqual([
      ['outage', 'Maintenance tonight', 'error'],
      ['welcome', 'Bienvenue', 'info'],
    ]);
  });

  it('hides a dismissed notice until its text changes', () => {
    const cookie = addDismissed(undefined, dismissToken('welcome', messages.welcome));
    expect(visibleInfoNotices(messages, ['welcome'], 'en', cookie)).toEqual([]);
    const edited = { welcome: notice('Welcome back', { translations: { fr: 'Bienvenue' } }) };
    expect(visibleInfoNotices(edited, ['welcome'], 'en', cookie)).toHaveLength(1);
  });

  it('never hides a notice that is not discardable', () => {
    const cookie = addDismissed(undefined, dismissToken('outage', messages.outage));
    expect(visibleInfoNotices(messages, ['outage'], 'en', cookie)).toHaveLength(1);
  });

  it('keeps the cookie small and ignores junk in it', () => {
    let cookie: string | undefined = 'junk,<script>';
    for (let i = 0; i < 40; i++) cookie = addDismissed(cookie, dismissToken(`n${i}`, notice(`text ${i}`)));
    const tokens = readDismissed(cookie);
    expect(tokens).toHaveLength(32);
    expect(tokens[31]).toMatch(/^n39:/);
  });

  it('shows the built-in, translated notice when CAS_INFO_MESSAGES is not set', () => {
    const [shown] = visibleInfoNotices(null, ['cas_explained'], 'fr', undefined);
    expect(shown).toMatchObject({ id: 'cas_explained', level: 'info', discardable: true });
    expect(shown.text).toMatch(/^Le Service Central d/);
  });
});
