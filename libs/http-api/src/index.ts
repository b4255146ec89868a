// The HTTP application as a library: `recon start` composes it with the adapters it chose, and the
// CLI's audit commands seed the embedded demo through it. Apps import it; it imports no app.
export { ApiModule } from './api.module';
export type { ApiDependencies } from './api.module';
export { createApiApp } from './create-api-app';
export { seedDemo } from './demo/demo-seed';
export { ExceptionOutboxDispatcher } from './read-side/exception-outbox.dispatcher';
