import { parseErrorOf } from '../testing/expect-parse-error';
import { readXml } from './read-xml';
import { childOf } from './xml-element';

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
    ['a closing tag that does not match', '<a>\n<b>\n</a>', 3, 'does not close <b> of line 2'],
    ['an undeclared prefix', '<a>\n<q:b/></a>', 2, 'uses the undeclared namespace prefix q'],
    ['an element never closed', '<a>\n<b>text</b>\n', 3, 'of line 1 is never closed'],
    ['an unknown entity', '<a>\n&nbsp;</a>', 1, 'is not one of the predefined entities'],
    ['a character reference beyond Unicode', '<a>&#x110000;</a>', 1, 'is not a character'],
    ['text after the root element', '<a/>\nrest', 1, 'stands outside the root element'],
    ['a second root element', '<a/>\n<b/>', 2, 'is a second root element'],
    ['a tag cut short', '<a><b x="1', 1, 'is not closed by >'],
    ['no element at all', '  ', 1, 'is missing'],
  ])('Given %s', (_case, xml, line, reason) => {
    it('then it is refused with its line', () => {
      const error = refuse(xml);
      expect(error.line).toBe(line);
      expect(error.reason).toContain(reason);
    });
  });
});
