export * from './port';
export * from './tamper';
export * from './postgres';
export * from './pglite';
export * from './eventstoredb';
// The contract suite (./contract) is test code, excluded from the build like every *.contract.ts:
// import it from 'libs/event-store/src/contract' in spec files.
