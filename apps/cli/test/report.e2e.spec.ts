import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { cliSandbox, runCli } from './statement-cli';

jest.setTimeout(90_000);

/** The decompressed content streams of a PDF: where its drawing operators are. */
function pageContents(pdf: Buffer): string {
  const text = pdf.toString('latin1');
  const contents: string[] = [];
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = text.indexOf('endstream', start);
    try {
      contents.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a deflated stream (fonts are not embedded; nothing else is expected)
    }
  }
  return contents.join('\n');
}

/**
 * Opens the PDF with a real renderer (poppler's pdftoppm, which `.ci/run` installs) and returns page
 * 1 as a binary PPM: a header, then one RGB triple per pixel.
 */
function renderFirstPage(pdf: string, outPrefix: string): { width: number; height: number; rgb: Buffer } {
  const rendered = spawnSync('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-singlefile', pdf, outPrefix]);
  if (rendered.error) throw new Error(`pdftoppm could not run (install poppler-utils): ${rendered.error.message}`);
  expect(rendered.stderr.toString()).toBe('');
  expect(rendered.status).toBe(0);
  const ppm = readFileSync(`${outPrefix}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm wrote no binary PPM');
  return { width: Number(header[1]), height: Number(header[2]), rgb: ppm.subarray(header[0].length) };
}

function pixelsOfColour(rgb: Buffer, [r, g, b]: readonly number[]): number {
  let count = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3) if (rgb[i] === r && rgb[i + 1] === g && rgb[i + 2] === b) count += 1;
  return count;
}

describe('recon report on the embedded demo', () => {
  const sandbox = cliSandbox('recon-report-');

  it('should write JSON, CSV and a PDF with its chart, and verify the JSON against the store', async () => {
    const { env } = sandbox.db();
    const out = sandbox.folder();
    const run = await runCli(['report', '--date', '2030-01-01', '--out', out], env);
    expect(run.stderr).toContain('seeded the embedded demo');
    expect(run.code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(['proof-of-reserves-2030-01-01.csv', 'proof-of-reserves-2030-01-01.json', 'proof-of-reserves-2030-01-01.pdf']);

    const signed = JSON.parse(readFileSync(path.join(out, files[1]!), 'utf8'));
    expect(signed.report.proofOfReserves.map((a: { assetId: string; difference: string }) => [a.assetId, a.difference])).toEqual([['bAAPL', '0'], ['bCSPX', '-50']]);
    expect(signed.report.exceptions.aged).toEqual([expect.objectContaining({ assetId: 'bCSPX', breakType: 'under-collateralized' })]);
    expect(readFileSync(path.join(out, files[0]!), 'utf8')).toContain(`report,reportHash,${signed.reportHash}`);

    const pdf = readFileSync(path.join(out, files[2]!));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF/);
    const drawing = pageContents(pdf);
    // The chart: axis lines (m, l, S) and filled bars (re, then a colour, then f), bCSPX's held bar in the red of a shortfall.
    expect(drawing).toMatch(/[\d.]+ [\d.]+ m\n[\d.]+ [\d.]+ l\n[\d.]+ [\d.]+ l\nS/);
    const bars = [...drawing.matchAll(/[\d.]+ [\d.]+ [\d.]+ [\d.]+ re\n(?:\/DeviceRGB cs\n)?([\d. ]+) scn\nf/g)].map((m) => m[1]!.split(' ').map((c) => Math.round(Number(c) * 255)));
    expect(bars).toHaveLength(4);
    expect(bars[3]).toEqual([0xc5, 0x30, 0x30]);
    // Opened by a real renderer, the page shows the chart: pixels in the shortfall red of bCSPX's bar.
    const page = renderFirstPage(path.join(out, files[2]!), path.join(out, 'page-1'));
    expect(page.width).toBeGreaterThan(100);
    expect(page.rgb.length).toBe(page.width * page.height * 3);
    expect(pixelsOfColour(page.rgb, [0xc5, 0x30, 0x30])).toBeGreaterThan(20);

    const verified = await runCli(['report', 'verify', path.join(out, files[1]!), '--rebuild'], env);
    expect(verified.stdout).toMatch(/signature valid/);
    expect(verified.stdout).toMatch(/same sha256/);
    expect(verified.code).toBe(0);

    const tampered = path.join(out, 'tampered.json');
    writeFileSync(tampered, readFileSync(path.join(out, files[1]!), 'utf8').replace('"difference": "-50"', '"difference": "-40"'));
    const refused = await runCli(['report', 'verify', tampered], env);
    expect(refused.stdout).toMatch(/report INVALID: reportHash/);
    expect(refused.code).toBe(3);
    expect(existsSync(tampered)).toBe(true);
  });

  it('should replay as of a business time and as known at a system time, printing the cut and its range', async () => {
    const { env } = sandbox.db();
    const now = await runCli(['replay', '--as-of', '2030-01-01'], env);
    expect(now.code).toBe(0);
    const replayed = JSON.parse(now.stdout);
    expect(replayed.assets.map((a: { assetId: string; heldShares: string }) => [a.assetId, a.heldShares])).toEqual([['bAAPL', '1500'], ['bCSPX', '750']]);
    const before = await runCli(['replay', '--as-of', '2030-01-01', '--known-at', '2000-01-01T00:00:00Z'], env);
    expect(JSON.parse(before.stdout)).toMatchObject({ range: { events: 0, first: null }, assets: [] });
    const bad = await runCli(['replay', '--known-at', 'yesterday'], env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--known-at must be an ISO-8601 date or time');
  });
});
