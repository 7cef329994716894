/**
 * A value for xmlbuilder2's txt() and att(). xmlbuilder2 leaves anything that looks like an
 * entity reference (`&e;`, `&amp;`) unescaped, so a username or attribute value containing one
 * would come out as invalid XML or as another value. Escaping every `&` first leaves only
 * `&amp;` sequences, which it writes as they are: the value round-trips exactly.
 */
export function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;');
}
