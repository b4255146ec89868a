/**
 * The reconciliation functions as the specs call them: with the specs' exception ids
 * (TEST_EXCEPTION_IDS) in place of the platform's SHA-256, which production passes in.
 */
import { BreakType } from '../../exception/break-types';
import { TEST_EXCEPTION_IDS } from '../../testing/exception-ids';
import * as cap from '../exception-cap';
import * as commands from '../exception-commands';
import { Finding } from '../finding';
import { ReconciliationPolicy } from '../policy';
import * as reconcile from '../reconcile-asset';
import { AssetSnapshot } from '../snapshot';

export const exceptionIdFor = (assetId: string, breakType: BreakType, subject: string): string => TEST_EXCEPTION_IDS.idFor(assetId, breakType, subject);
export const assessAsset = (snapshot: AssetSnapshot, policy: ReconciliationPolicy) => reconcile.assessAsset(snapshot, policy, TEST_EXCEPTION_IDS);
export const reconcileAsset = (snapshot: AssetSnapshot, policy: ReconciliationPolicy): Finding[] => reconcile.reconcileAsset(snapshot, policy, TEST_EXCEPTION_IDS);
export const applyExceptionCap = (findings: readonly Finding[], limit: number): Finding[] => cap.applyExceptionCap(findings, limit, TEST_EXCEPTION_IDS);
export const exceptionCommandsFor = (plan: Omit<commands.ExceptionPlan, 'ids'>) => commands.exceptionCommandsFor({ ...plan, ids: TEST_EXCEPTION_IDS });
