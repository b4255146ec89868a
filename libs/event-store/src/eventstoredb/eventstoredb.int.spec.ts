import { randomUUID } from 'node:crypto';
import { describeEventStoreContract } from '../contract/event-store.contract';
import { createEventStoreDbEventStore } from './eventstoredb-event-store';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
const SKIPPED = 'eventstoredb contract skipped: EVENTSTORE_CONNECTION_STRING is not set';

if (connectionString) {
  // One server shared by every test: each test gets its own stream-name prefix instead of a schema.
  describeEventStoreContract('EventStoreDB', async () => {
    const store = createEventStoreDbEventStore({ connectionString });
    return {
      store,
      streamPrefix: `t${randomUUID().replace(/-/g, '')}_`,
      globalEventIdUniqueness: false,
      dispose: () => store.close(),
    };
  });
} else {
  // Not a silent skip: the reason is the test's name and is printed once.
  it(SKIPPED, () => {
    process.stderr.write(`SKIPPED eventstoredb contract: EVENTSTORE_CONNECTION_STRING is not set\n`);
    expect(connectionString).toBeUndefined();
  });
}
