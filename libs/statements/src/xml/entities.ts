import { Fail } from '../values/decimal';

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const CHARACTER_REFERENCE = /^#(?:x([0-9A-Fa-f]{1,6})|(\d{1,7}))$/;

/** Text with the five predefined entities and character references replaced; anything else after `&` is refused. */
export function decodeEntities(raw: string, fail: Fail): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&]*);?/g, (reference, name: string) => {
    if (!reference.endsWith(';')) return fail(`has an & that starts no entity (${reference})`);
    if (Object.hasOwn(PREDEFINED, name)) return PREDEFINED[name] ?? '';
    const numeric = CHARACTER_REFERENCE.exec(name);
    if (!numeric) return fail(`uses ${reference}, which is not one of the predefined entities`);
    const code = numeric[1] === undefined ? Number(numeric[2]) : parseInt(numeric[1], 16);
    return code === 0 || code > 0x10ffff ? fail(`uses ${reference}, which is not a character`) : String.fromCodePoint(code);
  });
}
