import { Inject, Type } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandMetadata, Decider } from '@recon/domain';
import { DeciderExecutor, DomainEvent, EventSourcing } from './decider-executor';
import { CommandResult, RequestContext } from './request-context';

/** The metadata every domain command carries, taken from the request at the edge. */
export const commandMetadata = (context: RequestContext): CommandMetadata => ({ now: context.now, actor: context.principal.id });

/** A CQRS message carrying one domain command of an aggregate, with its request context. */
export abstract class AggregateCommandMessage<C> {
  constructor(
    readonly command: C,
    readonly context: RequestContext,
    readonly sourcing: EventSourcing = {},
  ) {}
}

/**
 * Declares the @nestjs/cqrs handler of an aggregate's commands: which stream a command addresses
 * and which decider rules it. The work itself is the shared DeciderExecutor.
 */
export function aggregateCommandHandler<C, E extends DomainEvent, S>(
  message: Type<AggregateCommandMessage<C>>,
  decider: Decider<C, E, S>,
  streamOf: (command: C) => string,
): Type<ICommandHandler<AggregateCommandMessage<C>, CommandResult>> {
  @CommandHandler(message)
  class Handler implements ICommandHandler<AggregateCommandMessage<C>, CommandResult> {
    constructor(@Inject(DeciderExecutor) private readonly executor: DeciderExecutor) {}

    execute({ command, context, sourcing }: AggregateCommandMessage<C>): Promise<CommandResult> {
      return this.executor.execute(streamOf(command), decider, command, context, sourcing);
    }
  }
  Object.defineProperty(Handler, 'name', { value: `${message.name}Handler` });
  return Handler;
}
