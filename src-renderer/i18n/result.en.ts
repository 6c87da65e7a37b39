// Online delivery at the window: the department's result PDF in the case detail.
export const resultEn = {
  line: 'Result (online delivery)',
  open: 'View / print result',
  opening: 'Fetching the result…',
  opened: 'Result fetched and checked ({{fileName}}); view or print it in the opened file',
  failed: 'Could not fetch the result',
  hint: 'The department’s sealed result PDF; its SHA-256 is checked when fetched',
  documents: 'Documents of the handling department',
  documentNo: 'No. {{no}}',
  openDocument: 'View / print',
  documentHint:
    'Issued and sealed by the handling department; the window only prints and hands it over. Its SHA-256 is checked when fetched',
};
