export * from './events';
export * from './commands';
export * from './stream';
export { periodDecider, sealedPeriodAt, type PeriodState, type SealedPeriod } from './decider';
export * from './admission';
