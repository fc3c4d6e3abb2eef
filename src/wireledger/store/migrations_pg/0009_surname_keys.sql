-- 0009 surname keys: a person named in full is filed under sf:<surname>, and s:<surname> is kept for the
-- people a report names by surname alone, so a timeline of "Jimmy Williams" meets the mentions of
-- "Williams" but not every other Williams. Rows of earlier ledgers move to the new key.

UPDATE incident_people SET name_key = 'sf:' || substr(name_key, 3)
WHERE name_key LIKE 's:%' AND EXISTS (
    SELECT 1 FROM incident_people p2
    WHERE p2.incident_id = incident_people.incident_id AND p2.name = incident_people.name
      AND p2.role = incident_people.role AND p2.name_key LIKE 'f:%');
