export * from './deterministic-uuid';
export * from './eventstoredb-event-store';
