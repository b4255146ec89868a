export * from './batch-coalescer';
export * from './transactional-batch-consumer';
