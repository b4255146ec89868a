import { orderBy } from '../matching/order';
import { TradeSettlementStatus } from '../matching/settlement-matching';
import { businessDateOf } from '../matching/time';
import { parseShares } from '../shared/fixed-point';
import { CustodyPosition } from './snapshot';

/**
 * Held shares: custody positions plus what is bought and not yet in custody, minus what is sold and
 * not yet out of it. "Not yet in custody" is measured against the statement the trade lands on, not
 * against the trade's own status: a settlement confirmed after the statement date is settled, but
 * the statement does not show it yet, so it still counts as pending (in transit).
 */
export interface Holdings {
  readonly custody: bigint;
  readonly pendingBuy: bigint;
  readonly pendingSell: bigint;
  readonly held: bigint;
  /** Trades with something pending: the evidence behind the pending figures. */
  readonly pendingTrades: readonly TradeSettlementStatus[];
}

/**
 * The statement a trade's shares land on: its own account's when the trade names one; otherwise the
 * latest statement of the asset, because a settlement after every statement date is in none of them
 * (so it is never counted twice), while one before it is taken as shown.
 */
export function landingStatement(status: TradeSettlementStatus, positions: readonly CustodyPosition[], latest: CustodyPosition | undefined): CustodyPosition | undefined {
  const account = status.trade.account;
  if (account) return positions.find((p) => p.custodian === account.custodian && p.account === account.account);
  return latest;
}

/** The statement a trade that names no account lands on: the latest (by date, then custodian and account). */
export const latestOf = (positions: readonly CustodyPosition[]): CustodyPosition | undefined => orderBy(positions, (p) => [p.statementDate, p.custodian, p.account]).at(-1);

/** The part of a trade the statement it lands on does not show yet. */
export function pendingOf(status: TradeSettlementStatus, positions: readonly CustodyPosition[], latest = latestOf(positions)): bigint {
  const { trade } = status;
  const quantity = parseShares(trade.quantity, `trade ${trade.tradeId} quantity`);
  const statement = landingStatement(status, positions, latest);
  if (!statement) return quantity; // no statement shows anything of it yet
  // A traded-basis statement books trades on their trade date, settled or not.
  if (statement.basis === 'TRADED') return trade.tradeDate <= statement.statementDate ? 0n : quantity;
  const unreflected = status.confirmations
    .filter((c) => businessDateOf(c.settledAt, 'settledAt') > statement.statementDate)
    .reduce((sum, c) => sum + parseShares(c.quantity), 0n);
  const unsettled = status.status === 'settled' ? 0n : parseShares(status.remaining);
  return unsettled + unreflected;
}

export function holdingsOf(positions: readonly CustodyPosition[], settlements: readonly TradeSettlementStatus[]): Holdings {
  const custody = positions.reduce((sum, p) => sum + parseShares(p.quantity, `position ${p.custodian}/${p.account} quantity`), 0n);
  let pendingBuy = 0n;
  let pendingSell = 0n;
  const pendingTrades: TradeSettlementStatus[] = [];
  const latest = latestOf(positions);
  for (const status of settlements) {
    const pending = pendingOf(status, positions, latest);
    if (pending === 0n) continue;
    pendingTrades.push(status);
    if (status.trade.side === 'BUY') pendingBuy += pending;
    else pendingSell += pending;
  }
  return { custody, pendingBuy, pendingSell, held: custody + pendingBuy - pendingSell, pendingTrades };
}
