import { StatementParseError } from '../errors';
import { statementText } from '../input';
import { fileNameOf, ParseOptions } from '../options';
import { ParseSteps } from '../steps';
import { BlockConsumer, SwiftBlock, readBlocks } from './blocks';
import { readEnvelope, SwiftEnvelope } from './envelope';
import { SwiftReader } from './located';

export interface SwiftMessage {
  readonly envelope: SwiftEnvelope;
  readonly root: SwiftBlock;
  readonly reader: SwiftReader;
}

/**
 * Decodes, unwraps and splits an MT message of the expected type into its 16R/16S blocks; `consume`
 * may read blocks as they close and drop them, so long statements are read block by block. Yields
 * every LINES_PER_STEP lines (see steps.ts).
 */
export function* readSwiftMessage(
  input: Uint8Array | string,
  options: ParseOptions,
  messageType: string,
  consume?: (reader: SwiftReader, block: SwiftBlock, parent: SwiftBlock) => boolean,
): ParseSteps<SwiftMessage> {
  const fileName = fileNameOf(options);
  const reader = new SwiftReader(fileName);
  const envelope = readEnvelope(statementText(input, fileName), fileName);
  if (envelope.messageType !== undefined && envelope.messageType !== messageType) {
    throw new StatementParseError({ fileName, line: 1 }, { field: 'block 2 (message type)', value: envelope.messageType, reason: `is not MT${messageType}` });
  }
  const consumer: BlockConsumer | undefined = consume && ((block, parent) => consume(reader, block, parent));
  const root = yield* readBlocks(envelope.body, fileName, consumer);
  const stray = root.fields[0];
  if (stray) throw new StatementParseError({ fileName, line: stray.line }, { field: stray.tag, value: stray.value, reason: 'stands outside any 16R/16S block' });
  return { envelope, root, reader };
}
