import { CommandMetadata } from '../shared/decider';
import { SealedChainHead } from './events';

export interface SealPeriod {
  readonly type: 'SealPeriod';
  readonly data: { periodId: string; from: string; to: string; chainHead: SealedChainHead; publicKey: string; signature: string };
  readonly metadata: CommandMetadata;
}

/** Admits business events dated inside a sealed period, with the reason an auditor will read. */
export interface CorrectSealedPeriod {
  readonly type: 'CorrectSealedPeriod';
  readonly data: { correctionId: string; streamId: string; eventTypes: readonly string[]; businessTime: string; reason: string };
  readonly metadata: CommandMetadata;
}

export type PeriodCommand = SealPeriod | CorrectSealedPeriod;
