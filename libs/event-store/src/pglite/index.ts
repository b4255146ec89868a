export * from './pglite-server';
export * from './pglite-child-process';
