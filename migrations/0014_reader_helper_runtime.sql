-- The sdtapi card-reader helper now runs inside the app (an Electron utility process, or a child of the
-- browser host's Node): the per-PC "helper Node path" setting is gone. Drop it from the stored identity
-- settings so they still parse under the strict schema; every other reader setting is kept as it was.
UPDATE settings
SET value = json_remove(value, '$.reader.sdtapi.helperExecPath')
WHERE key = 'identity' AND json_valid(value) AND json_type(value, '$.reader.sdtapi.helperExecPath') IS NOT NULL;
