import PDFDocument from 'pdfkit';
import type { AssetReserves, ExceptionLine } from '../build/report-document';
import type { SignedReport } from '../sign/signed-report';
import { chartBars } from './collateralization-chart';

const CHART = { left: 70, width: 460, height: 180 } as const;
const COLOURS = { required: '#4a5568', held: '#2f855a', short: '#c53030', axis: '#000000' } as const;

/**
 * The human-readable report. Deterministic bytes: the PDF's dates (and so its file id) come from the
 * report's own business time, only the standard fonts are used (nothing embedded), and nothing reads
 * the clock.
 */
export function renderPdf(signed: SignedReport): Promise<Buffer> {
  const r = signed.report;
  const stamp = new Date(r.businessTime);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Proof of reserves ${r.reportDate}`, Author: 'recon', Subject: signed.reportHash, CreationDate: stamp, ModDate: stamp, Producer: 'recon', Creator: 'recon' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text(`Proof of reserves and exceptions, ${r.reportDate}`);
  doc.font('Helvetica').fontSize(9).moveDown(0.5);
  doc.text(`Business time before ${r.businessTime}; as known at ${r.knownAt ?? 'the end of the store'}.`);
  doc.text(`Built from ${r.eventRange.events} events, global positions ${r.eventRange.first ?? '-'} to ${r.eventRange.last ?? '-'} (read through ${r.eventRange.readThrough}).`);
  doc.text(`sha256 of the canonical JSON: ${signed.reportHash}`);
  doc.text(`Ed25519 signature: ${signed.signature.value}`);
  doc.moveDown();

  drawChart(doc, r.proofOfReserves);
  for (const asset of r.proofOfReserves) assetTable(doc, asset);
  exceptionList(doc, 'Opened during the day', r.exceptions.opened);
  exceptionList(doc, 'Closed during the day', r.exceptions.closed);
  exceptionList(doc, 'Open at the end of the day (aged)', r.exceptions.aged);
  doc.end();
  return done;
}

/** Bars of required (grey) and held (green, red when short) shares per asset, drawn with vector paths. */
function drawChart(doc: PDFKit.PDFDocument, assets: readonly AssetReserves[]): void {
  doc.font('Helvetica-Bold').fontSize(11).text('Collateralization: required vs held shares');
  const top = doc.y + 10;
  const base = top + CHART.height;
  doc.save().lineWidth(1).strokeColor(COLOURS.axis).moveTo(CHART.left, top).lineTo(CHART.left, base).lineTo(CHART.left + CHART.width, base).stroke().restore();
  const bars = chartBars(assets, CHART.height);
  const slot = bars.length > 0 ? CHART.width / bars.length : CHART.width;
  const barWidth = Math.min(40, slot / 3);
  bars.forEach((bar, i) => {
    const x = CHART.left + i * slot + slot / 2 - barWidth;
    doc.save().rect(x, base - bar.required, barWidth, bar.required).fill(COLOURS.required).restore();
    doc.save().rect(x + barWidth, base - bar.held, barWidth, bar.held).fill(bar.short ? COLOURS.short : COLOURS.held).restore();
    doc.font('Helvetica').fontSize(8).fillColor(COLOURS.axis).text(bar.label, x - 10, base + 4, { width: barWidth * 2 + 20, align: 'center' });
  });
  doc.font('Helvetica').fontSize(8).text('grey: required; green: held; red: held below required', CHART.left, base + 18);
  doc.x = 50;
  doc.moveDown(1.5);
}

function assetTable(doc: PDFKit.PDFDocument, a: AssetReserves): void {
  doc.font('Helvetica-Bold').fontSize(10).text(`${a.symbol} (${a.assetId})`);
  doc.font('Helvetica').fontSize(8);
  doc.text(`required ${a.requiredShares}  held ${a.heldShares}  pending buy ${a.pendingBuy}  pending sell ${a.pendingSell}  difference ${a.difference}  ratio ${a.ratio ?? '-'}  multiplier ${a.multiplier}`);
  for (const c of a.chains) doc.text(`  chain ${c.chainId}: supply ${c.supply} (decimals ${c.decimals ?? '?'}) through block ${c.lastBlock ?? '-'}`);
  for (const s of a.statements) doc.text(`  statement ${s.statementReference} of ${s.statementDate}, ${s.custodian}/${s.account}: ${s.quantity} (${s.basis})`);
  doc.moveDown(0.5);
}

function exceptionList(doc: PDFKit.PDFDocument, title: string, lines: readonly ExceptionLine[]): void {
  doc.font('Helvetica-Bold').fontSize(10).text(`${title}: ${lines.length}`);
  doc.font('Helvetica').fontSize(8);
  for (const l of lines) {
    const resolution = l.resolution ? `; ${l.resolution}${l.approvedBy ? ` (proposed by ${l.proposedBy}, approved by ${l.approvedBy})` : ''}` : '';
    doc.text(`  ${l.exceptionId} ${l.assetId} ${l.breakType} ${l.severity} ${l.status} raised ${l.raisedAt}${l.ageBucket ? ` age ${l.ageBucket}` : ''}${resolution}`);
  }
  doc.moveDown(0.5);
}
