export * from './event-envelope';
export * from './expected-version';
export * from './event-store.port';
