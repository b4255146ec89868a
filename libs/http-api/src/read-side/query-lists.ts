import { BadRequestException } from '@nestjs/common';

/**
 * Query-string lists: `?status=OPEN,CLOSED` or `?status=OPEN&status=CLOSED`. Each value is checked
 * against the allowed set, and a wrong one is refused with the parameter's name.
 */
export function listParam<T extends string>(name: string, raw: string | string[] | undefined, allowed?: readonly T[]): T[] | undefined {
  if (raw === undefined) return undefined;
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (allowed) {
    const wrong = values.filter((v) => !(allowed as readonly string[]).includes(v));
    if (wrong.length) throw new BadRequestException({ message: [`${name}: ${wrong.join(', ')} not one of ${allowed.join(', ')}`] });
  }
  return values as T[];
}

export function integerParam(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || +raw < min || +raw > max) throw new BadRequestException({ message: [`${name}: must be an integer from ${min} to ${max}`] });
  return +raw;
}

/** Spreadsheet-safe CSV: quoted where needed, and a leading = + - @ neutralized (formula injection). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const cell = (value: string | number | null): string => {
    let text = value === null ? '' : String(value);
    if (/^[=+\-@]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
