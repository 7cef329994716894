import type { Translatable } from './translate';

/** A login form field that a message can be about. */
export type FormField = 'username' | 'password';

/**
 * A notice on a page or in an AJAX answer: a catalogue key, translated when the answer is
 * written. `fields` are the form fields at fault: only those are marked invalid, so an error
 * about something else (the service URL, a throttle) leaves the fields alone.
 */
export type Message = Translatable & { level: 'info' | 'success' | 'warning' | 'error'; fields?: readonly FormField[] };
