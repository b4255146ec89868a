import { hasRole, Session } from './api';
import { ExceptionItem } from './types';

/**
 * Which lifecycle actions the screen offers: the API's rules (roles per route, the decider's states,
 * maker-checker) restated so the buttons say in advance what the API would answer. The API still
 * decides; a refusal it gives anyway is shown as it words it.
 */
export interface ActionRules {
  readonly assign: boolean;
  readonly comment: boolean;
  readonly propose: boolean;
  readonly approve: boolean;
  /** Why approval is not offered to this user, when a proposal awaits a checker. */
  readonly approveRefusal: string | null;
  readonly reject: boolean;
  readonly reopen: boolean;
}

export function actionRules(item: Pick<ExceptionItem, 'status' | 'pendingMaker'>, session: Session): ActionRules {
  const worker = hasRole(session, 'operator', 'approver');
  const open = item.status === 'OPEN' || item.status === 'AWAITING_APPROVAL';
  const awaiting = item.status === 'AWAITING_APPROVAL';
  const checker = hasRole(session, 'approver');
  let approveRefusal: string | null = null;
  if (awaiting && !checker) approveRefusal = 'Only an approver can approve a resolution.';
  else if (awaiting && item.pendingMaker === session.user)
    approveRefusal = `Maker-checker: you (${session.user}) proposed this resolution, so another approver must approve it.`;
  return {
    assign: worker && open,
    comment: worker && open,
    propose: worker && item.status === 'OPEN',
    approve: awaiting && approveRefusal === null,
    approveRefusal,
    reject: worker && awaiting,
    reopen: worker && (item.status === 'CLOSED' || item.status === 'CLEARED'),
  };
}
