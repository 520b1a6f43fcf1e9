// Which case-file format a file name implies: apart from cases-io.ts so that knowing it (the import's first check)
// does not load the CSV reader.

export type CaseFormat = 'csv' | 'tsv' | 'jsonl';

/** The format a file name implies, if any. */
export function formatOfFile(name: string): CaseFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'tsv' || ext === 'jsonl') return ext;
  if (ext === 'tab' || ext === 'txt') return 'tsv';
  if (ext === 'ndjson') return 'jsonl';
  return undefined;
}
