import { canonicalJson } from '@recon/event-store';
import type { SignedReport } from '../sign/signed-report';

/** The delivered JSON: keys in canonical (sorted) order, indented for people, one trailing newline. */
export function renderJson(signed: SignedReport): Buffer {
  return Buffer.from(`${JSON.stringify(JSON.parse(canonicalJson(signed)), null, 2)}\n`, 'utf8');
}
