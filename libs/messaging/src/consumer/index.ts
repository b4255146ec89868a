export * from './transactional-batch-consumer';
