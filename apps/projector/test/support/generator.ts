import { currentSchemaVersion, formatFixed, formatShares, MULTIPLIER_SCALE, parseFixed, parseShares, seededRandom } from '@recon/domain';
import type { NewEvent } from '@recon/event-store';

/** The shared seeded generator: the same seed gives the same workload. */
export const prng = seededRandom;

export interface Append {
  readonly streamId: string;
  readonly events: NewEvent[];
}

interface ModelTrade {
  assetId: string;
  side: 'BUY' | 'SELL';
  quantity: bigint;
  settled: bigint;
  status: 'PENDING' | 'PARTIALLY_SETTLED' | 'SETTLED' | 'FAILED' | 'CANCELLED';
  /** Each settlement's quantity and business date: a part settled after the statement date is still in transit. */
  confirmations: Array<{ quantity: bigint; date: string }>;
}

/** What the read models must hold, computed from the generated facts with its own (simple) model. */
export interface Expected {
  readonly eventCount: number;
  /** `account`: the one custody account linked to the asset, `custodian:account`: only its statements back the asset. */
  readonly assets: Map<string, { isin: string; multiplier: bigint; account: string }>;
  readonly deployments: Map<string, number>; // `${asset}:${chain}` → decimals
  readonly supply: Map<string, { minted: bigint; burned: bigint; lastBlock: number }>;
  readonly trades: Map<string, ModelTrade>;
  readonly accounts: Map<string, { date: string; reference: string; positions: Map<string, bigint> }>;
}

const CHAINS = [1, 8453, 42161];
const DECIMALS = [18, 6, 8];

function isinFor(index: number): string {
  // A check-digit-valid ISIN per index: try the ten check digits.
  const body = `US${String(100000000 + index * 7919).slice(-9)}`;
  for (let check = 0; check < 10; check++) {
    const candidate = `${body}${check}`;
    const digits = [...candidate].map((c) => parseInt(c, 36).toString()).join('');
    let sum = 0;
    for (let i = digits.length - 1, double = false; i >= 0; i -= 1, double = !double) {
      let value = Number(digits[i]);
      if (double) value = value * 2 > 9 ? value * 2 - 9 : value * 2;
      sum += value;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

/**
 * A realistic mix of about `target` events: assets with deployments on several chains and
 * multiplier changes, mint/redemption requests with their on-chain mints and burns, trades with
 * amendments, partial settlements, failures and cancels, multi-page holdings statements (unknown
 * instruments included, some arriving late with an older date), and exception events.
 */
export function generateEvents(seed: number, target: number, prefix = 'g'): { appends: Append[]; expected: Expected } {
  const random = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const appends: Append[] = [];
  let count = 0;
  let clock = Date.UTC(2025, 0, 2, 9);
  let block = 1_000_000;
  const tick = () => new Date((clock += int(1, 600) * 1000)).toISOString();
  const ev = (id: string, type: string, data: object, businessTime?: string): NewEvent => ({
    eventId: `${prefix}-${id}`,
    type,
    schemaVersion: currentSchemaVersion(type),
    data,
    metadata: { actor: 'generator', ...(businessTime ? { businessTime } : {}) },
  });
  const push = (streamId: string, events: NewEvent[]) => {
    appends.push({ streamId, events });
    count += events.length;
  };

  const expected: Expected = { eventCount: 0, assets: new Map(), deployments: new Map(), supply: new Map(), trades: new Map(), accounts: new Map() };
  const assetIds: string[] = [];
  const assetCount = Math.max(4, Math.min(24, Math.round(target / 400)));
  for (let i = 0; i < assetCount; i++) {
    const assetId = `${prefix}A${i}`;
    const isin = isinFor(i + seed * 100);
    const multiplier = i % 3 === 0 ? '1' : `1.0${int(1, 9)}${int(0, 9)}`;
    const events = [
      ev(`reg-${i}`, 'AssetRegistered', { assetId, isin, symbol: `b${i}`, name: `Asset ${i}`, initialMultiplier: multiplier, registeredAt: tick() }),
    ];
    const chains = CHAINS.slice(0, int(1, 3));
    chains.forEach((chainId, c) => {
      const decimals = DECIMALS[(i + c) % DECIMALS.length]!;
      events.push(ev(`dep-${i}-${chainId}`, 'TokenDeployed', { assetId, chainId, contractAddress: `0x${(i * 10 + c).toString(16).padStart(40, '0')}`, decimals }));
      expected.deployments.set(`${assetId}:${chainId}`, decimals);
    });
    events.push(ev(`link-${i}`, 'CustodyAccountLinked', { assetId, custodian: 'BANK1', account: `ACC${i % 2}`, linkedAt: tick() }));
    let finalMultiplier = parseFixed(multiplier, MULTIPLIER_SCALE);
    if (i % 4 === 1) {
      const next = formatFixed(finalMultiplier + BigInt(int(1, 5000)) * 10n ** 12n, MULTIPLIER_SCALE);
      events.push(ev(`mult-${i}`, 'MultiplierChanged', { assetId, oldMultiplier: multiplier, newMultiplier: next, effectiveAt: tick(), reason: 'dividend reinvested' }));
      finalMultiplier = parseFixed(next, MULTIPLIER_SCALE);
    }
    push(`asset-${assetId}`, events);
    expected.assets.set(assetId, { isin, multiplier: finalMultiplier, account: `BANK1:ACC${i % 2}` });
    assetIds.push(assetId);
  }
  const unknownIsin = isinFor(99_999);
  const accounts = [['BANK1', 'ACC0'], ['BANK1', 'ACC1'], ['BANK2', 'SAFE7'], ['BANK2', 'SAFE8']] as const;
  const statementDay = new Map<string, number>();
  let n = 0;
  const openTrades: string[] = [];

  while (count < target) {
    n += 1;
    const roll = random();
    const assetId = pick(assetIds);
    if (roll < 0.3) {
      // Mint: request, then the chain's Transfer from 0x0.
      const deployments = [...expected.deployments].filter(([key]) => key.startsWith(`${assetId}:`));
      const [key, decimals] = pick(deployments);
      const chainId = Number(key.split(':')[1]);
      const amount = (BigInt(int(1, 500_000)) * 10n ** BigInt(decimals)) / 100n + BigInt(int(0, 99));
      const requestId = `${prefix}M${n}`;
      block += int(1, 20);
      const blockTime = tick();
      push(`issuance-${requestId}`, [
        ev(`mreq-${n}`, 'MintRequested', { requestId, assetId, chainId, amount: amount.toString(), requestedAt: blockTime }),
        ev(`mint-${n}`, 'MintedOnChain', { requestId, assetId, chainId, txHash: `0x${n.toString(16).padStart(64, '0')}`, logIndex: 0, amount: amount.toString(), blockNumber: block, blockTime }, blockTime),
      ]);
      const s = expected.supply.get(key) ?? { minted: 0n, burned: 0n, lastBlock: 0 };
      expected.supply.set(key, { minted: s.minted + amount, burned: s.burned, lastBlock: Math.max(s.lastBlock, block) });
    } else if (roll < 0.4) {
      const candidates = [...expected.supply].filter(([key, s]) => key.startsWith(`${assetId}:`) && s.minted - s.burned > 0n);
      if (candidates.length === 0) continue;
      const [key, s] = pick(candidates);
      const chainId = Number(key.split(':')[1]);
      const amount = ((s.minted - s.burned) * BigInt(int(1, 60))) / 100n + 1n;
      const requestId = `${prefix}R${n}`;
      block += int(1, 20);
      const blockTime = tick();
      push(`issuance-${requestId}`, [
        ev(`rreq-${n}`, 'RedemptionRequested', { requestId, assetId, chainId, amount: amount.toString(), requestedAt: blockTime }),
        ev(`burn-${n}`, 'BurnedOnChain', { requestId, assetId, chainId, txHash: `0x${n.toString(16).padStart(64, 'f')}`, logIndex: 1, amount: amount.toString(), blockNumber: block, blockTime }, blockTime),
      ]);
      expected.supply.set(key, { minted: s.minted, burned: s.burned + amount, lastBlock: Math.max(s.lastBlock, block) });
    } else if (roll < 0.6) {
      const tradeId = `${prefix}T${n}`;
      const side = random() < 0.6 ? 'BUY' : 'SELL';
      const quantity = parseShares(`${int(1, 20_000)}.${int(0, 9999)}`);
      push(`trade-${tradeId}`, [
        ev(`exec-${n}`, 'TradeExecuted', {
          tradeId, assetId, side, quantity: formatShares(quantity), price: `${int(10, 900)}.25`, settlementDate: '2025-03-04',
          currency: 'USD', tradeDate: '2025-03-03', broker: 'BRK', executedAt: tick(),
        }),
      ]);
      expected.trades.set(tradeId, { assetId, side, quantity, settled: 0n, status: 'PENDING', confirmations: [] });
      openTrades.push(tradeId);
    } else if (roll < 0.78 && openTrades.length > 0) {
      // Progress one open trade: amend, settle (partial or full), fail or cancel.
      const index = int(0, openTrades.length - 1);
      const tradeId = openTrades[index]!;
      const trade = expected.trades.get(tradeId)!;
      const step = random();
      const events: NewEvent[] = [];
      if (step < 0.15 && trade.settled === 0n) {
        trade.quantity += parseShares(`${int(1, 50)}.5`);
        events.push(ev(`amend-${n}`, 'TradeAmended', { tradeId, assetId: trade.assetId, quantity: formatShares(trade.quantity), price: '10.5', settlementDate: '2025-03-05', reason: 'broker correction', amendedAt: tick() }));
      } else if (step < 0.22 && trade.settled === 0n) {
        trade.status = 'CANCELLED';
        events.push(ev(`cancel-${n}`, 'TradeCancelled', { tradeId, assetId: trade.assetId, reason: 'client', cancelledAt: tick() }));
        openTrades.splice(index, 1);
      } else if (step < 0.3) {
        // A failure notice shows until something settles: a partly settled trade stays partly settled.
        if (trade.settled === 0n) trade.status = 'FAILED';
        events.push(ev(`fail-${n}`, 'SettlementFailed', { tradeId, assetId: trade.assetId, failureId: `F${n}`, reason: 'no securities', failedAt: tick() }));
      } else {
        const remaining = trade.quantity - trade.settled;
        const part = random() < 0.5 ? remaining : (remaining * BigInt(int(10, 90))) / 100n;
        trade.settled += part;
        trade.status = trade.settled === trade.quantity ? 'SETTLED' : 'PARTIALLY_SETTLED';
        const settledAt = tick();
        trade.confirmations.push({ quantity: part, date: settledAt.slice(0, 10) });
        events.push(ev(`settle-${n}`, 'TradeSettled', {
          tradeId, assetId: trade.assetId, side: trade.side, confirmationId: `C${n}`, quantity: formatShares(part),
          settledQuantity: formatShares(trade.settled), remainingQuantity: formatShares(trade.quantity - trade.settled), settledAt,
        }));
        if (trade.status === 'SETTLED') openTrades.splice(index, 1);
      }
      push(`trade-${tradeId}`, events);
    } else if (roll < 0.95) {
      const [custodian, account] = pick(accounts);
      const key = `${custodian}:${account}`;
      const late = random() < 0.1 && statementDay.has(key);
      const day = late ? statementDay.get(key)! - int(1, 3) : (statementDay.get(key) ?? 0) + int(0, 2);
      if (!late) statementDay.set(key, day);
      const asOf = new Date(Date.UTC(2025, 1, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const reference = `${prefix}S${n}`;
      const isins = [...new Set([...Array(int(2, 8))].map(() => expected.assets.get(pick(assetIds))!.isin))];
      if (random() < 0.2) isins.push(unknownIsin);
      isins.sort();
      const lines = isins.map((isin) => ({ isin, quantity: formatShares(parseShares(`${int(0, 90_000)}.${int(0, 999999)}`)) }));
      const pages = lines.length > 4 && random() < 0.5 ? [lines.slice(0, 3), lines.slice(3)] : [lines];
      const events = pages.map((positions, p) => ev(`stmt-${n}-${p + 1}`, 'StatementReceived', {
        statementId: `${reference}-${p + 1}`, custodian, account, statementReference: reference, page: p + 1, lastPage: p === pages.length - 1,
        asOf, basis: 'SETTLED', completeness: 'COMPLETE', positions, receivedAt: tick(),
      }, asOf));
      push(`custody-${custodian}-${account}`, events);
      // Model: a later or equal date with a new reference replaces; an older date is ignored.
      const current = expected.accounts.get(key);
      if (!current || asOf >= current.date) {
        expected.accounts.set(key, { date: asOf, reference, positions: new Map(lines.map((l) => [l.isin, parseShares(l.quantity)])) });
      }
    } else {
      const exceptionId = `${prefix}X${n}`;
      push(`exception-${exceptionId}`, [
        ev(`exc-${n}`, 'ExceptionRaised', {
          exceptionId, assetId, breakType: 'under-collateralized', severity: 'critical', figures: { required: '1', held: '0' }, evidenceEventIds: [], raisedAt: tick(),
        }),
      ]);
    }
  }
  return { appends, expected: { ...expected, eventCount: count } };
}

const ceilDiv = (a: bigint, b: bigint) => (a % b === 0n ? a / b : a / b + 1n);

/**
 * The trades the read models keep: not cancelled, and not fully settled (the events' business dates
 * are months before the store records them, so a settled trade is past retention at once).
 */
export const keptTrades = (expected: Expected): Array<[string, ModelTrade]> =>
  [...expected.trades].filter(([, t]) => t.status !== 'CANCELLED' && t.status !== 'SETTLED');

/**
 * Expected collateralization per asset, straight from the model (rational sum, rounded up once).
 * Held: the linked account's latest statement, plus what it does not show yet of each kept trade:
 * all of it without a statement, else what is unsettled and what settled after the statement date.
 */
export function expectedCollateralization(expected: Expected): Map<string, { required: bigint; held: bigint }> {
  const result = new Map<string, { required: bigint; held: bigint }>();
  const kept = keptTrades(expected);
  for (const [assetId, asset] of expected.assets) {
    // required = Σ supply / 10^dec × multiplier, as a fraction over 10^(18 + 18) then rounded up to 10^-18.
    let numerator = 0n; // units of 10^-(18 + 36) shares
    for (const [key, decimals] of expected.deployments) {
      if (!key.startsWith(`${assetId}:`)) continue;
      const s = expected.supply.get(key);
      if (!s) continue;
      numerator += (s.minted - s.burned) * asset.multiplier * 10n ** BigInt(36 - decimals);
    }
    const required = ceilDiv(numerator, 10n ** 36n);
    const statement = expected.accounts.get(asset.account);
    let held = statement?.positions.get(asset.isin) ?? 0n;
    for (const [, trade] of kept) {
      if (trade.assetId !== assetId) continue;
      const inTransit = (date: string) => trade.confirmations.filter((c) => c.date > date).reduce((sum, c) => sum + c.quantity, 0n);
      const pending = statement ? trade.quantity - trade.settled + inTransit(statement.date) : trade.quantity;
      held += trade.side === 'BUY' ? pending : -pending;
    }
    result.set(assetId, { required, held });
  }
  return result;
}
