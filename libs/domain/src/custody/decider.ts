import { canonicalJson } from '../shared/canonical';
import { assertNever, Decider, DomainError } from '../shared/decider';
import { formatShares } from '../shared/fixed-point';
import * as guard from '../shared/guards';
import { CustodyCommand, ReceiveStatement, RecordCustodyMovement } from './commands';
import { CustodyEvent, CustodyMovementRecorded, StatementContent } from './events';
import { normalizedStatement } from './statement';

export type CustodyState =
  | { readonly status: 'Empty' }
  | {
      readonly status: 'Active';
      readonly custodian: string;
      readonly account: string;
      /** statementId → canonical content of the delivery that counts. */
      readonly statements: ReadonlyMap<string, string>;
      /** `<statementId>|<content>` of conflicting deliveries already flagged, so each is flagged once. */
      readonly conflicts: ReadonlySet<string>;
      /** movementId → canonical content. */
      readonly movements: ReadonlyMap<string, string>;
    };

type Active = Extract<CustodyState, { status: 'Active' }>;

function requireSameAccount(state: CustodyState, custodian: string, account: string): Active | undefined {
  if (state.status === 'Empty') return undefined;
  if (state.custodian !== custodian || state.account !== account) {
    throw new DomainError('WRONG_STREAM', `custody stream of ${state.custodian}/${state.account} got a command for ${custodian}/${account}`);
  }
  return state;
}

/** Strips the `*At` field so the stored content compares with a later delivery's content. */
function contentOf({ statementId, custodian, account, statementReference, page, lastPage, asOf, basis, completeness, positions }: StatementContent): string {
  return canonicalJson({ statementId, custodian, account, statementReference, page, lastPage, asOf, basis, completeness, positions });
}

function receiveStatement(command: ReceiveStatement, state: CustodyState): CustodyEvent[] {
  const content = normalizedStatement(command);
  const active = requireSameAccount(state, content.custodian, content.account);
  const fingerprint = contentOf(content);
  const known = active?.statements.get(content.statementId);
  if (known === undefined) return [{ type: 'StatementReceived', data: { ...content, receivedAt: command.metadata.now } }];
  if (known === fingerprint || active?.conflicts.has(`${content.statementId}|${fingerprint}`)) return [];
  return [{ type: 'ConflictingDuplicateDetected', data: { ...content, detectedAt: command.metadata.now } }];
}

function recordCustodyMovement({ data }: RecordCustodyMovement, state: CustodyState): CustodyEvent[] {
  const movement: CustodyMovementRecorded['data'] = {
    custodian: guard.nonEmpty(data.custodian, 'custodian'),
    account: guard.nonEmpty(data.account, 'account'),
    isin: guard.isin(data.isin),
    quantity: formatShares(guard.shares(data.quantity, 'quantity', 'non-zero')),
    movementId: guard.nonEmpty(data.movementId, 'movementId'),
    reason: guard.nonEmpty(data.reason, 'reason'),
    movedAt: guard.timestamp(data.movedAt, 'movedAt'),
  };
  const active = requireSameAccount(state, movement.custodian, movement.account);
  const known = active?.movements.get(movement.movementId);
  if (known === undefined) return [{ type: 'CustodyMovementRecorded', data: movement }];
  if (known === canonicalJson(movement)) return [];
  // Movements come from transaction statements already deduplicated per page; two versions of one
  // movement id means the feed is broken, so refuse and let the operator look.
  throw new DomainError('CONFLICTING_MOVEMENT', `movement ${movement.movementId} was recorded with different content`);
}

function decide(command: CustodyCommand, state: CustodyState): CustodyEvent[] {
  switch (command.type) {
    case 'ReceiveStatement':
      return receiveStatement(command, state);
    case 'RecordCustodyMovement':
      return recordCustodyMovement(command, state);
    default:
      return assertNever(command);
  }
}

function activated(state: CustodyState, custodian: string, account: string): Active {
  return state.status === 'Active' ? state : { status: 'Active', custodian, account, statements: new Map(), conflicts: new Set(), movements: new Map() };
}

function evolve(state: CustodyState, event: CustodyEvent): CustodyState {
  const active = activated(state, event.data.custodian, event.data.account);
  switch (event.type) {
    case 'StatementReceived':
      return { ...active, statements: new Map(active.statements).set(event.data.statementId, contentOf(event.data)) };
    case 'ConflictingDuplicateDetected':
      return { ...active, conflicts: new Set(active.conflicts).add(`${event.data.statementId}|${contentOf(event.data)}`) };
    case 'CustodyMovementRecorded':
      return { ...active, movements: new Map(active.movements).set(event.data.movementId, canonicalJson(event.data)) };
    default:
      return assertNever(event);
  }
}

const initialState = (): CustodyState => ({ status: 'Empty' });

export const custodyDecider: Decider<CustodyCommand, CustodyEvent, CustodyState> = { decide, evolve, initialState };
