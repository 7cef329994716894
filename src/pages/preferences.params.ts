/** The parameters of the preference routes. */
import { z } from 'zod';
import { formBody, param } from '../protocol/params';

/** A choice that cannot be read (repeated, too long) reads as not made: it changes nothing. */
const choice = param(4096).catch(undefined);

/** GET /language. */
export const languageQuery = z.object({ lang: choice, next: choice });

/** POST /messages/dismiss. */
export const dismissForm = formBody(z.object({ id: choice, next: choice }));

export type LanguageQuery = z.output<typeof languageQuery>;
export type DismissForm = z.output<typeof dismissForm>;
