export * from './deployment';
export * from './abi';
export * from './retry';
export * from './chain-reader';
export * from './start-up-check';
export * from './chain-watcher';
export { viem, type Viem } from './viem';
