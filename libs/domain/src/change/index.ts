export * from './kinds';
export * from './commands';
export * from './events';
export * from './stream';
export { changeDecider, type ChangeState, type ChangeStatus, type ProposedChange } from './decider';
