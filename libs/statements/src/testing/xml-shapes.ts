/**
 * A report whose root holds `count` siblings, each with its own element name: about 18 bytes a
 * sibling, so 20,000 make a 350 KB file. The hand-written reader this project had looked back
 * through all earlier siblings to number each one, which took over 20 s on such a file.
 */
export function manySiblingNames(count: number): string {
  const siblings = Array.from({ length: count }, (_, index) => `<Elm${index}>${index % 10}</Elm${index}>`);
  return `<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:semt.002.001.11">\n${siblings.join('\n')}\n</Document>\n`;
}

/** The i-th of a family of valid ISINs (the check digit found by trying the ten candidates). */
export function isinNumber(index: number, isValid: (isin: string) => boolean): string {
  const base = `US${index.toString().padStart(9, '0')}`;
  for (let digit = 0; digit <= 9; digit++) if (isValid(`${base}${digit}`)) return `${base}${digit}`;
  throw new Error(`no check digit for ${base}`);
}

/** A one-page semt.002.001.11 report of `isins.length` positions, about 250 bytes each, with a PEND sub-balance on each. */
export function largeSemt002(isins: readonly string[]): string {
  const balance = (isin: string, index: number) => `<BalForAcct>
  <FinInstrmId><ISIN>${isin}</ISIN></FinInstrmId>
  <AggtBal><ShrtLngInd>LONG</ShrtLngInd><Qty><Qty><Qty><Unit>${1000 + index}.5</Unit></Qty></Qty></Qty></AggtBal>
  <BalBrkdwn><SubBalTp><Cd>PEND</Cd></SubBalTp><Qty><Qty><Qty><Unit>${index % 7}</Unit></Qty></Qty></Qty></BalBrkdwn>
</BalForAcct>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:semt.002.001.11">
<SctiesBalCtdyRpt>
<Pgntn><PgNb>1</PgNb><LastPgInd>true</LastPgInd></Pgntn>
<StmtGnlDtls><StmtId>LARGE20240628</StmtId><StmtDtTm><Dt>2024-06-28</Dt></StmtDtTm><UpdTp><Cd>COMP</Cd></UpdTp><StmtBsis><Cd>SETT</Cd></StmtBsis></StmtGnlDtls>
<AcctSvcr><Id><AnyBIC>CUSTCHZZXXX</AnyBIC></Id></AcctSvcr>
<SfkpgAcct><Id>SAFE-1000</Id></SfkpgAcct>
${isins.map(balance).join('\n')}
</SctiesBalCtdyRpt>
</Document>
`;
}
