/**
 * MT535 pages written from the standard's field descriptions (sequence A GENL with A1 LINK, B
 * SUBSAFE / B1 FIN), so that tests can state pagination, cancellation and redelivery exactly.
 */
export interface PageSpec {
  readonly seme: string;
  /** `1/MORE`, `2/LAST`, `1/ONLY`. */
  readonly page: string;
  /** 23G: `NEWM`, `CANC`, `NEWM/DUPL` … */
  readonly function?: string;
  /** 20C::PREV references, one LINK block each. */
  readonly previous?: readonly string[];
  /** Sender BIC as it stands in the output header's MIR (BIC8 + terminal letter + branch). */
  readonly senderTerminal?: string;
  readonly account?: string;
  /** 98C::STAT `YYYYMMDDHHMMSS` or 98A::STAT `YYYYMMDD`. */
  readonly statementDate?: string;
  readonly basis?: 'SETT' | 'TRAD';
  /** `[isin, aggregate]` with an SWIFT decimal (`100,`), and extra FIN lines. */
  readonly holdings?: readonly (readonly [string, string, ...string[]])[];
}

export function mt535Page(spec: PageSpec): string {
  const date = spec.statementDate ?? '20240628173000';
  return [
    `{1:F01ISSRCHZZAXXX0000000000}{2:O5351730240628${spec.senderTerminal ?? 'CUSTCHZZAXXX'}12345678902406281731N}{4:`,
    ':16R:GENL',
    `:28E:${spec.page}`,
    `:20C::SEME//${spec.seme}`,
    `:23G:${spec.function ?? 'NEWM'}`,
    date.length === 8 ? `:98A::STAT//${date}` : `:98C::STAT//${date}`,
    ':22F::SFRE//DAIL',
    ':22F::CODE//COMP',
    ':22F::STTY//CUST',
    `:22F::STBA//${spec.basis ?? 'SETT'}`,
    `:97A::SAFE//${spec.account ?? 'SAFE-1000'}`,
    ':17B::ACTI//Y',
    ...(spec.previous ?? []).flatMap((reference) => [':16R:LINK', `:20C::PREV//${reference}`, ':16S:LINK']),
    ':16S:GENL',
    ':16R:SUBSAFE',
    ...(spec.holdings ?? []).flatMap(([isin, aggregate, ...extra]) => [':16R:FIN', `:35B:ISIN ${isin}`, `:93B::AGGR//UNIT/${aggregate}`, ...extra, ':16S:FIN']),
    ':16S:SUBSAFE',
    '-}',
  ].join('\n');
}
