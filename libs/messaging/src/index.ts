export * from './contract/integration-message';
export * from './consumer';
export * from './relay';
