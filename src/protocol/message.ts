import type { Translatable } from '../i18n/translate';

/** A notice on a page or in an AJAX answer: a catalogue key, translated when the answer is written. */
export type Message = Translatable & { level: 'info' | 'success' | 'warning' | 'error' };
