import { CustodyCommand, custodyDecider, custodyStream } from '@recon/domain';
import { aggregateCommandHandler, AggregateCommandMessage } from '@recon/command-execution';

/**
 * The custody aggregate's CQRS message and handler. They live with the ingestion, which sends most
 * custody commands; the HTTP custody routes send theirs through the same handler.
 */
export class ExecuteCustodyCommand extends AggregateCommandMessage<CustodyCommand> {}
export const CustodyCommandHandler = aggregateCommandHandler(ExecuteCustodyCommand, custodyDecider, (command) => custodyStream(command.data.custodian, command.data.account));
