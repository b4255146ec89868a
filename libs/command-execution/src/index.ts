// Read the stream, fold, decide, check the period seals, append: the one way a command becomes
// events, shared by every process that writes business events (the HTTP API, the CLI's ingestion,
// and, for the sealed-period check, the chain watcher).
export * from './aggregate-command';
export * from './chain-scan-admission';
export * from './decider-executor';
export * from './domain-event-codec';
export * from './event-codec';
export * from './event-ids';
export * from './period-seal-guard';
export * from './period-seals';
export * from './request-context';
