/**
 * Which field tags each ISO 15022 block (16R/16S sequence) of MT535, MT536 and MT544 to MT548 may hold, by tag
 * number (the letter only picks the format). Continuation lines of 35B descriptions and 70a
 * narratives may begin with a colon, so a line that looks like a tag is read as a new field only
 * when the tag belongs in the current block or the multi-line field is full.
 */
const TAGS_BY_BLOCK: Readonly<Record<string, readonly string[]>> = {
  GENL: ['28', '13', '20', '23', '98', '69', '22', '95', '97', '94', '17'],
  LINK: ['22', '13', '20'],
  SUBSAFE: ['97', '94', '17'],
  FIN: ['35', '90', '94', '98', '93', '99', '19', '92', '70', '22'],
  FIA: ['94', '22', '12', '11', '98', '92', '13', '17', '90', '36', '35', '70'],
  SUBBAL: ['93', '94', '90', '98', '99', '19', '92', '70'],
  BREAK: ['13', '36', '19', '22', '98', '90', '94', '70'],
  TRAN: [],
  TRANSDET: ['94', '35', '36', '19', '22', '98', '25', '70'],
  SETPRTY: ['95', '97', '98', '20', '70'],
  CSHPRTY: ['95', '97', '70'],
  AMT: ['17', '19', '92', '98'],
  ADDINFO: ['19', '95', '70'],
  // MT544 to MT548: trade details, the financial instrument and account, settlement details, status and its reasons.
  TRADDET: ['94', '98', '90', '99', '19', '22', '11', '25', '35', '70', '13', '12', '17', '92', '36'],
  FIAC: ['36', '19', '95', '97', '94', '70', '13'],
  SETDET: ['22', '11'],
  OTHRPRTY: ['95', '97', '70', '20'],
  STAT: ['25'],
  REAS: ['24', '70'],
  SETTRAN: ['94', '35', '36', '19', '97', '22', '98', '70', '99', '11', '90', '95', '25'],
};
const ALL_TAGS = new Set(Object.values(TAGS_BY_BLOCK).flat());
/** The same lists as sets of tag numbers: looked up for every line that starts a field. */
const TAG_SETS: ReadonlyMap<string, ReadonlySet<string>> = new Map(Object.entries(TAGS_BY_BLOCK).map(([block, tags]) => [block, new Set(tags)]));

/** The most lines a field may span: 35B is an ISIN line and four description lines; narratives ten. */
// A Map: looked up on every continuation line, where a dictionary-mode object lookup showed in the profile.
const MAX_LINES: ReadonlyMap<string, number> = new Map([
  ['35B', 5],
  ['70C', 4],
  ['70D', 6],
  ['70E', 10],
  ['70G', 10],
  ['95Q', 4],
  ['95V', 10],
  ['94G', 2],
]);

/** Tags whose value is not `:QUALIFIER//…`. */
export const UNQUALIFIED_TAGS: ReadonlySet<string> = new Set(['16R', '16S', '28E', '23G', '35B']);

export function belongsIn(block: string, tag: string): boolean {
  if (tag === '16R' || tag === '16S') return true;
  const number = tag.slice(0, 2);
  return (TAG_SETS.get(block) ?? ALL_TAGS).has(number);
}

export const maxLinesOf = (tag: string): number => MAX_LINES.get(tag) ?? 1;

const LABELS: Readonly<Record<string, string>> = {
  '11A': 'currency',
  '13A': 'number',
  '16R': 'start of block',
  '16S': 'end of block',
  '17B': 'flag',
  '19A': 'amount',
  '20C': 'reference',
  '22F': 'indicator',
  '22H': 'indicator',
  '23G': 'function of the message',
  '24B': 'reason',
  '25D': 'status',
  '28E': 'page number',
  '35B': 'financial instrument',
  '36B': 'quantity',
  '69A': 'period',
  '69B': 'period',
  '70D': 'narrative',
  '90A': 'price',
  '90B': 'price',
  '93B': 'balance',
  '93C': 'sub-balance',
  '93F': 'balance',
  '94F': 'place of safekeeping',
  '97A': 'account',
  '97B': 'account',
  '97D': 'account',
  '98A': 'date',
  '98C': 'date and time',
  '98E': 'date and time',
};

/** `93B (AGGR balance)`: how errors name a field. */
export const fieldLabel = (tag: string, qualifier?: string): string => `${tag} (${qualifier ? `${qualifier} ` : ''}${LABELS[tag] ?? 'field'})`;
