import { Finding, findingOf, Run } from './finding';
import { StatementEvidence } from './statement-evidence';

/**
 * Missing confirmation: a trade a statement's movement settled (statement-evidence.ts) with no
 * settlement confirmation from the custodian for it. Low: the figures are right, but the back
 * office owes the trade its confirmation (MT544–547 / sese.025), and the statement's evidence is
 * kept only for SETTLED_RETENTION_DAYS. It clears when the confirmation arrives. Figures: quantity
 * (the trade's), settledByStatement (shares), movement (the holding's signed change),
 * statementDate and previousStatementDate.
 */
export function missingConfirmationFindings(run: Run, evidence: readonly StatementEvidence[]): Finding[] {
  return evidence.map(({ status: { trade, confirmations }, position, movement, quantity }) => findingOf(run, {
    breakType: 'missing-confirmation',
    subject: `trade:${trade.tradeId}`,
    fault: `custodian:${position.custodian}`,
    figures: {
      quantity: trade.quantity, settledByStatement: quantity, movement: movement.quantity,
      statementDate: movement.toDate, previousStatementDate: movement.fromDate,
    },
    reason: `${trade.side} trade ${trade.tradeId} of ${trade.quantity} shares, due ${trade.settlementDate}: statement ${movement.statementReference} of `
      + `${position.custodian}/${position.account} shows the holding moved by ${movement.quantity} since ${movement.fromDate}, which settles `
      + `${quantity} shares of it; no settlement confirmation has arrived for them`,
    evidence: [trade.eventIds, ...confirmations.map((c) => c.eventIds), movement.eventIds],
  }));
}
