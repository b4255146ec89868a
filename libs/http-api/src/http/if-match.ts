import { BadRequestException } from '@nestjs/common';
import { ExpectedVersion } from '@recon/event-store';

/**
 * The stream revision travels as a strong ETag, `"<revision>"`. `If-Match` carries it back as the
 * expected version; `If-Match: *` means the stream must exist. No header: the handler appends at
 * the revision it read, which is still optimistic against concurrent writers.
 */
export function expectedVersionFromIfMatch(header: string | undefined): ExpectedVersion | undefined {
  if (header === undefined || header === '') return undefined;
  const value = header.trim();
  if (value === '*') return 'stream_exists';
  const match = /^(?:W\/)?"(-1|\d+)"$/.exec(value);
  if (!match) throw new BadRequestException({ message: ['If-Match: must be "<revision>" (a quoted stream revision) or *'] });
  const revision = Number(match[1]);
  return revision === -1 ? 'no_stream' : revision;
}

export const etagOf = (revision: number): string => `"${revision}"`;
