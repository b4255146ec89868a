export * from './exceptions-projection';
export * from './exception-queries';
