-- Version 3: a field map per feed, for provider JSON that no known profile describes
-- (format json-fields; see mappings/formats/json_fields.py).
ALTER TABLE feeds ADD COLUMN field_map TEXT;
