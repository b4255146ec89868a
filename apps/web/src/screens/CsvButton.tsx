import { saveBlob } from '../api';

/** CSV of what a screen shows, made in the browser, with the same formula-injection guard as the API's exports. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const cell = (value: string) => {
    const text = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function CsvButton({ fileName, header, rows }: { fileName: string; header: readonly string[]; rows: () => ReadonlyArray<ReadonlyArray<string>> }) {
  return (
    <button type="button" className="secondary" onClick={() => saveBlob(new Blob([toCsv(header, rows())], { type: 'text/csv' }), fileName)}>
      Export CSV
    </button>
  );
}
