// Shapes of the API answers the screens read (see the OpenAPI document at /docs).

export interface ChainSupply {
  readonly chainId: number;
  readonly supply: string;
  readonly decimals: number | null;
  readonly lastBlock: string | null;
  readonly asOf: string | null;
}

export interface Collateralization {
  readonly assetId: string;
  readonly symbol: string;
  readonly requiredShares: string;
  readonly heldShares: string;
  readonly pendingBuy: string;
  readonly pendingSell: string;
  readonly difference: string;
  readonly ratio: string | null;
  readonly asOf: string | null;
  readonly lastStatementDate: string | null;
  readonly chains: readonly ChainSupply[];
}

export interface ExceptionItem {
  readonly exceptionId: string;
  readonly assetId: string;
  readonly breakType: string;
  readonly severity: string;
  readonly status: string;
  readonly assignee: string | null;
  readonly pendingMaker: string | null;
  readonly raisedAt: string;
  readonly slaDueAt: string;
  readonly slaBreached: boolean;
  readonly ageBucket: string;
  readonly resolution: string | null;
  readonly approvedBy: string | null;
  readonly figures: Record<string, string>;
  readonly version: number;
}

export interface ExceptionPage {
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
  readonly items: ExceptionItem[];
}

export interface StoredEvent {
  readonly eventId: string;
  readonly streamId: string;
  readonly type: string;
  readonly streamVersion: number;
  readonly globalPosition: string;
  readonly recordedAt: string;
  readonly data: Record<string, unknown>;
  readonly metadata: Record<string, unknown>;
}

export interface ExceptionDetailData extends ExceptionItem {
  readonly evidence: Array<StoredEvent & { sourceDocument: string | null }>;
  readonly evidenceNotFound: string[];
  readonly history: Array<{ version: number; type: string; actor: string | null; recordedAt: string; data: Record<string, unknown> }>;
}
