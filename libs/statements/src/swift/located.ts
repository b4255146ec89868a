import { StatementParseError } from '../errors';
import { Fail } from '../values/decimal';
import { SwiftBlock, SwiftField } from './blocks';
import { fieldLabel } from './field-tags';

/** Finds fields in a block and turns value problems into errors naming the file, line and field. */
export class SwiftReader {
  constructor(readonly fileName: string) {}

  failAt(field: SwiftField): Fail {
    return (reason: string): never => {
      throw new StatementParseError({ fileName: this.fileName, line: field.line }, { field: fieldLabel(field.tag, field.qualifier), value: field.value, reason });
    };
  }

  failIn(block: SwiftBlock, field: string, reason: string): never {
    throw new StatementParseError({ fileName: this.fileName, line: block.line }, { field, reason });
  }

  /** The field with one of these tags (and this qualifier); a repeat is refused, as it would be ambiguous. */
  optional(block: SwiftBlock, tags: readonly string[], qualifier?: string): SwiftField | undefined {
    let found: SwiftField | undefined;
    for (const field of block.fields) {
      if (field.qualifier !== qualifier || !tags.includes(field.tag)) continue;
      if (found) this.failAt(field)(`repeats the field of line ${found.line}`);
      found = field;
    }
    return found;
  }

  required(block: SwiftBlock, tags: readonly string[], qualifier?: string): SwiftField {
    const field = this.optional(block, tags, qualifier);
    if (field) return field;
    return this.failIn(block, fieldLabel(tags[0] ?? '', qualifier), `is missing from block ${block.name || 'text'}`);
  }

  blocks(parent: SwiftBlock, name: string): SwiftBlock[] {
    return parent.blocks.filter((block) => block.name === name);
  }

  requiredBlock(parent: SwiftBlock, name: string): SwiftBlock {
    const [block, repeat] = this.blocks(parent, name);
    if (repeat) this.failIn(repeat, `16R (${name})`, 'repeats a block that occurs once');
    return block ?? this.failIn(parent, `16R (${name})`, `is missing${parent.name ? ` from block ${parent.name}` : ''}`);
  }
}
