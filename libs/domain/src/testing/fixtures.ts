import { CommandMetadata } from '../shared/decider';

/** Fixed time and actors: decider tests are deterministic because nothing reads a clock. */
export const NOW = '2025-03-14T09:30:00.000Z';
export const meta = (actor = 'alice', now = NOW): CommandMetadata => ({ now, actor });

export const APPLE_ISIN = 'US0378331005';
export const CSPX_ISIN = 'IE00B5BMR087';
