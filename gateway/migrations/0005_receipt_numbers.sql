-- GET /v1/document-counters/{date} finds a window's highest receipt number of a day by a range scan
-- over the receipt numbers (window code, date, sequence: fixed width, so byte order is number order).
CREATE INDEX cases_receipt_no ON cases (((manifest->>'receiptNo') COLLATE "C"));
