import { en, type Catalogue } from './catalogues/en';
import { fr } from './catalogues/fr';
import { nl } from './catalogues/nl';
import { ptBR } from './catalogues/pt-BR';
import { zhHans } from './catalogues/zh-Hans';

/** The languages of django-cas-server, as BCP 47 tags; English is the default. */
export const LANGUAGES = ['en', 'fr', 'nl', 'pt-BR', 'zh-Hans'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export const CATALOGUES: Record<Language, Catalogue> = { en, fr, nl, 'pt-BR': ptBR, 'zh-Hans': zhHans };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
