import { canonicalJson } from '../shared/canonical';
import { DomainError } from '../shared/decider';
import { formatShares } from '../shared/fixed-point';
import * as guard from '../shared/guards';
import { isBreakType, isSeverity } from './break-types';
import { RaiseException } from './commands';
import { AffectedSubject, BreakFigures, ExceptionEvent, ReconcilerContext } from './events';
import { reopenReason } from './resolution';
import { ExceptionState, isOpen, KnownException } from './state';

/** An ISO 15022 / ISO 20022 reason or status code (LACK, CLAC, PENF): four capitals or digits. */
const STANDARD_CODE = /^[A-Z0-9]{4}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A figure is a quantity (normalised to 18 decimals), a business date, an instant, or a standard
 * reason code: the stale-statement break names the statement date it misses and when it was due,
 * a settlement break the custodian's reason code. Anything else is refused.
 */
function validFigure(name: string, value: string): string {
  const field = `figures.${name}`;
  if (typeof value !== 'string') return formatShares(guard.shares(value, field)); // refused with the field named
  if (DATE.test(value)) return guard.businessDate(value, field);
  if (value.includes('T')) return guard.timestamp(value, field);
  if (STANDARD_CODE.test(value) && !/^\d+$/.test(value)) return value;
  return formatShares(guard.shares(value, field));
}

function validFigures(figures: BreakFigures): BreakFigures {
  return Object.fromEntries(Object.entries(figures).map(([name, value]) => [name, validFigure(name, value)]));
}

export const validEvidence = (ids: readonly string[]): string[] => ids.map((id) => guard.nonEmpty(id, 'evidenceEventIds'));

const validAffected = ({ assetId, subject }: AffectedSubject): AffectedSubject => ({
  assetId: guard.nonEmpty(assetId, 'affected.assetId'),
  subject: guard.nonEmpty(subject, 'affected.subject'),
});

/** The optional reconciler fields, validated and present only when given, so older shapes stay as they were. */
function validContext(data: ReconcilerContext): ReconcilerContext {
  return {
    ...(data.subject === undefined ? {} : { subject: guard.nonEmpty(data.subject, 'subject') }),
    ...(data.asOf === undefined ? {} : { asOf: guard.timestamp(data.asOf, 'asOf') }),
    ...(data.affected === undefined ? {} : { affected: data.affected.map(validAffected) }),
  };
}

/**
 * Whether a raise tells more than the open exception already shows. Only figures, severity and the
 * affected list count: `asOf` and the evidence move with every run, and an event per run would bury
 * the real changes.
 */
function differs(known: KnownException, severity: string, figures: BreakFigures, affected: ReconcilerContext['affected']): boolean {
  return known.raised.severity !== severity
    || canonicalJson(known.raised.figures) !== canonicalJson(figures)
    || canonicalJson(known.raised.affected ?? []) !== canonicalJson(affected ?? []);
}

/** Raises a new break, updates an open one whose figures moved, or reopens a cleared or closed one. */
export function raise({ data, metadata }: RaiseException, state: ExceptionState): ExceptionEvent[] {
  if (!isBreakType(data.breakType)) throw new DomainError('INVALID_FIELD', `breakType: unknown break type "${data.breakType}"`);
  if (!isSeverity(data.severity)) throw new DomainError('INVALID_FIELD', `severity: unknown severity "${data.severity}"`);
  const ref = { exceptionId: guard.nonEmpty(data.exceptionId, 'exceptionId'), assetId: guard.nonEmpty(data.assetId, 'assetId') };
  const figures = validFigures(data.figures);
  const evidenceEventIds = validEvidence(data.evidenceEventIds);
  const { subject, ...context } = validContext(data);
  const { severity } = data;
  if (state.status === 'None') {
    const raised = { ...ref, breakType: data.breakType, severity, figures, evidenceEventIds, ...(subject === undefined ? {} : { subject }), ...context, raisedAt: metadata.now };
    return [{ type: 'ExceptionRaised', data: raised }];
  }
  const sameBreak = state.raised.assetId === ref.assetId && state.raised.breakType === data.breakType
    && (subject === undefined || state.raised.subject === undefined || subject === state.raised.subject);
  if (!sameBreak) {
    throw new DomainError('EXCEPTION_ID_CONFLICT', `exception ${ref.exceptionId} is a ${state.raised.breakType} break on ${state.raised.assetId}`);
  }
  if (isOpen(state)) {
    // The reconciler re-raises on every run while the break persists.
    if (!differs(state, severity, figures, context.affected)) return [];
    return [{ type: 'ExceptionFiguresUpdated', data: { ...ref, severity, figures, evidenceEventIds, ...context, updatedAt: metadata.now } }];
  }
  // A break people closed with an approved outcome stays closed while the outcome covers it.
  const reason = state.status === 'Closed' && state.closure
    ? reopenReason(state.closure, { figures, evidenceEventIds, at: context.asOf ?? metadata.now })
    : 'break detected again';
  if (reason === undefined) return [];
  const reopened = { ...ref, reason, reopenedBy: metadata.actor, severity, figures, evidenceEventIds, ...context, reopenedAt: metadata.now };
  return [{ type: 'ExceptionReopened', data: reopened }];
}
