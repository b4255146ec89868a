import { StatementParseError } from '../errors';
import { statementText } from '../input';
import { fileNameOf, ParseOptions } from '../options';
import { SwiftBlock, readBlocks } from './blocks';
import { readEnvelope, SwiftEnvelope } from './envelope';
import { SwiftReader } from './located';

export interface SwiftMessage {
  readonly envelope: SwiftEnvelope;
  readonly root: SwiftBlock;
  readonly reader: SwiftReader;
}

/** Decodes, unwraps and splits an MT message of the expected type into its 16R/16S blocks. */
export function readSwiftMessage(input: Uint8Array | string, options: ParseOptions, messageType: string): SwiftMessage {
  const fileName = fileNameOf(options);
  const envelope = readEnvelope(statementText(input, fileName), fileName);
  if (envelope.messageType !== undefined && envelope.messageType !== messageType) {
    throw new StatementParseError({ fileName, line: 1 }, { field: 'block 2 (message type)', value: envelope.messageType, reason: `is not MT${messageType}` });
  }
  const root = readBlocks(envelope.body, fileName);
  const stray = root.fields[0];
  if (stray) throw new StatementParseError({ fileName, line: stray.line }, { field: stray.tag, value: stray.value, reason: 'stands outside any 16R/16S block' });
  return { envelope, root, reader: new SwiftReader(fileName) };
}
