import { AssetCommand, assetDecider, assetStream } from '@recon/domain';
import { aggregateCommandHandler, AggregateCommandMessage } from '@recon/command-execution';

export class ExecuteAssetCommand extends AggregateCommandMessage<AssetCommand> {}
export const AssetCommandHandler = aggregateCommandHandler(ExecuteAssetCommand, assetDecider, (command) => assetStream(command.data.assetId));
