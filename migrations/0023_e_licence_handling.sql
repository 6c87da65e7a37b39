-- 电子证照 (issue #13 item 3): a material may be satisfied by a licence looked up through the gateway
-- (handling 'e-licence', 免提交原件). SQLite cannot change a CHECK constraint: the table is rebuilt as it was,
-- with the new handling allowed. The licence itself is recorded in the case's application (licences[]).
CREATE TABLE case_materials_new (
  case_id        TEXT NOT NULL REFERENCES cases (case_id),
  position       INTEGER NOT NULL,
  material_code  TEXT NOT NULL,
  name           TEXT NOT NULL,
  handling       TEXT NOT NULL
    CHECK (handling IN ('seen-returned', 'kept-to-mail', 'copy', 'electronic', 'not-provided', 'e-licence')),
  pages          INTEGER NOT NULL,
  required       INTEGER NOT NULL CHECK (required IN (0, 1)),
  PRIMARY KEY (case_id, position)
) STRICT, WITHOUT ROWID;
INSERT INTO case_materials_new (case_id, position, material_code, name, handling, pages, required)
  SELECT case_id, position, material_code, name, handling, pages, required FROM case_materials;
DROP TABLE case_materials;
ALTER TABLE case_materials_new RENAME TO case_materials;
