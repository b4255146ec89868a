import { FactEvent } from '../documents';

export { seededRandom } from '../../../testing/seeded-random';

/**
 * One delivery order of `facts` that keeps each stream in order and interleaves streams at random:
 * picking the next event uniformly among all those left makes every interleaving equally likely.
 */
export function interleaving(facts: readonly FactEvent[], streamOf: (fact: FactEvent) => string, random: () => number): FactEvent[] {
  const queues = new Map<string, FactEvent[]>();
  for (const fact of facts) queues.set(streamOf(fact), [...(queues.get(streamOf(fact)) ?? []), fact]);
  const delivered: FactEvent[] = [];
  for (let left = facts.length; left > 0; left -= 1) {
    let pick = Math.floor(random() * left);
    for (const queue of queues.values()) {
      if (pick < queue.length) {
        delivered.push(queue.shift()!);
        break;
      }
      pick -= queue.length;
    }
  }
  return delivered;
}

/** Some facts delivered again a little later, as at-least-once delivery does after a restart. */
export function withRedeliveries(facts: readonly FactEvent[], random: () => number, share = 0.2): FactEvent[] {
  const delivered = [...facts];
  for (const fact of facts) {
    if (random() >= share) continue;
    const at = delivered.indexOf(fact) + 1 + Math.floor(random() * 20);
    delivered.splice(Math.min(at, delivered.length), 0, fact);
  }
  return delivered;
}
