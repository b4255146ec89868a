export * from './config/settings';
export * from './auth/principal';
export * from './auth/credentials';
export * from './hashing/exception-ids';
