import { DOMParser } from '@xmldom/xmldom';
import { create } from 'xmlbuilder2';
import { xmlText } from './xml-text';

describe('text and attribute values in built XML', () => {
  it.each(['&e;', '&amp;', '&lt;script&gt;', '&#65;', 'a & b; c', '<x>]]>"\'', '&&;', 'plain'])(
    '%j round-trips exactly',
    (value) => {
      const xml = create().ele('r').att('a', xmlText(value)).txt(xmlText(value)).end({ headless: true });
      const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
      expect(root.textContent).toBe(value);
      expect(root.getAttribute('a')).toBe(value);
    },
  );
});
