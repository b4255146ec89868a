export * from './checkpoint-store';
export * from './kafka-message';
export * from './kafka-relay-publisher';
export * from './relay';
export * from './create-kafka-relay';
