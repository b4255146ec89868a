export * from './reconciliation-policy';
export * from './reconciliation-projection';
