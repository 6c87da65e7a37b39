// CSV exports written as a stream: the BOM, a header line, then rows page by page (bounded memory).
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLine, UTF8_BOM } from '@common/supervisor/csv';
import type { LedgerEntry } from '@common/supervisor/ledger';
import { columnText, LEDGER_COLUMNS } from '@common/supervisor/ledger-columns';

/** A CSV file being written; `write` waits when the disk falls behind. */
export class CsvFile {
  private readonly out: WriteStream;

  constructor(file: string, header: readonly string[]) {
    this.out = createWriteStream(file, { encoding: 'utf8' });
    this.out.write(UTF8_BOM + csvLine(header));
  }

  async write(values: readonly (string | number | null)[]): Promise<void> {
    if (!this.out.write(csvLine(values))) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'close');
  }
}

/** Writes the ledger's detail rows; returns the row count. */
export async function writeLedgerCsv(
  file: string,
  pages: () => AsyncGenerator<LedgerEntry[]>,
  onRows: (written: number) => void = () => undefined,
): Promise<number> {
  const csv = new CsvFile(
    file,
    LEDGER_COLUMNS.map((c) => c.header),
  );
  let n = 0;
  try {
    for await (const page of pages()) {
      for (const r of page) {
        n += 1;
        await csv.write(LEDGER_COLUMNS.map((c) => columnText(c, r, n)));
      }
      onRows(n);
    }
  } finally {
    await csv.close();
  }
  return n;
}
