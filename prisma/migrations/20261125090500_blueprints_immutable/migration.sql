-- A stored blueprint is never changed (an edit is a new child blueprint). Enforced by the
-- database too: UPDATE on a blueprint row does nothing. (A rule, not a raising trigger,
-- because Prisma's wasm schema engine splits migration scripts on semicolons.)
CREATE RULE "Blueprint_no_update" AS ON UPDATE TO "Blueprint" DO INSTEAD NOTHING;
