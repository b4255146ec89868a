import { parseErrorOf } from '../testing/expect-parse-error';
import { manySiblingNames } from '../testing/xml-shapes';
import { readXml, readXmlInChunks } from './read-xml';
import { childOf, XmlElement } from './xml-element';

const read = (xml: string) => readXml(xml, 'doc.xml');
const refuse = (xml: string) => parseErrorOf(() => read(xml));

describe('XML reader', () => {
  describe('Given text with entities, character references and CDATA', () => {
    it('then the text is decoded exactly', () => {
      const root = read('<?xml version="1.0"?>\n<!-- note -->\n<a><b>S&amp;P &lt;500&gt; &#x41;&#66;</b><c><![CDATA[<raw> & ]]></c></a>');
      expect(childOf(root, 'b')?.text).toBe('S&P <500> AB');
      expect(childOf(root, 'c')?.text).toBe('<raw> &');
    });
  });

  describe('Given prefixed and default namespaces', () => {
    it('then each element gets the namespace in scope and attributes keep their local names', () => {
      const root = read('<p:a xmlns:p="urn:p" xmlns="urn:d"><b x:y="1" xmlns:x="urn:x" z=\'2\'/><p:c/></p:a>');
      expect(root).toMatchObject({ name: 'a', namespace: 'urn:p' });
      expect(root.children.map((child) => [child.name, child.namespace])).toEqual([
        ['b', 'urn:d'],
        ['c', 'urn:p'],
      ]);
      expect([...(root.children[0]?.attributes ?? [])]).toEqual([
        ['y', '1'],
        ['z', '2'],
      ]);
    });
  });

  describe.each([
    ['a document type declaration', '<!DOCTYPE a [<!ENTITY x "y">]><a/>', 1, 'is not accepted'],
    ['a closing tag that does not match', '<a>\n<b>\n</a>', 3, 'unexpected close tag'],
    ['an undeclared prefix', '<a>\n<q:b/></a>', 2, 'unbound namespace prefix: "q"'],
    ['an element never closed', '<a>\n<b>text</b>\n', 3, 'of line 1 is never closed'],
    ['an unknown entity', '<a>\n&nbsp;</a>', 2, 'undefined entity'],
    ['a character reference beyond Unicode', '<a>&#x110000;</a>', 1, 'malformed character entity'],
    ['text after the root element', '<a/>\nrest', 2, 'text data outside of root node'],
    ['a second root element', '<a/>\n<b/>', 2, 'documents may contain only one root'],
    ['a tag cut short', '<a><b x="1', 1, 'is never closed'],
    ['no element at all', '  ', 1, 'document must contain a root element'],
  ])('Given %s', (_case, xml, line, reason) => {
    it('then it is refused with its line and column', () => {
      const error = refuse(xml);
      expect(error.line).toBe(line);
      expect(error.column).toBeGreaterThanOrEqual(1);
      expect(error.reason).toContain(reason);
    });
  });

  describe('Given an undeclared prefix in the middle of a line', () => {
    it('then the column points just past the tag', () => {
      const error = refuse('<a>\n  <q:b/></a>');
      expect([error.line, error.column]).toEqual([2, 9]);
    });
  });

  describe('Given a report with thousands of distinct sibling element names (the shape that made the old reader quadratic)', () => {
    const xml = manySiblingNames(20_000);
    // That it reads in linear time (twice the siblings, about twice the time) is measured by
    // `npm run bench -- parse.xml.siblings`: timings belong to the bench, not to a test.
    it('then it is the 350 KB shape', () => expect(xml.length).toBeGreaterThan(349_000));
    it('then every sibling is kept with its ordinal and line', () => {
      const root = read(xml);
      expect(root.children).toHaveLength(20_000);
      expect(root.children[19_999]).toMatchObject({ name: 'Elm19999', ordinal: 1, line: 20_002 });
    });
  });

  describe('Given a document read in chunks that split tags, entities and multi-byte characters', () => {
    it('then it reads exactly as when read at once', async () => {
      const xml = '<a xmlns="urn:x">\n<b k="v">S&amp;P é 😀 &#x41;</b>\n<c><![CDATA[<raw>]]></c><b/></a>';
      const whole = read(xml);
      const chunked = await readXmlInChunks(xml, 'doc.xml', undefined, 3);
      expect(xpathTexts(chunked)).toEqual(xpathTexts(whole));
      expect(childOf(chunked, 'b')?.text).toBe('S&P é 😀 A');
    });
  });
});

const xpathTexts = (root: XmlElement): string[] => [root, ...root.children].map((element) => `${element.name}[${element.ordinal}]@${element.line}=${element.text}`);
