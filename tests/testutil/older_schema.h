// Turns a database made with the current schema back into what an older
// hub left, so that a test can fill it as that hub would and then let the
// migrations bring it up again. Header-only.
// Thread-safety: the caller's connection, outside any transaction.
#ifndef ROSA_TESTS_TESTUTIL_OLDER_SCHEMA_H_
#define ROSA_TESTS_TESTUTIL_OLDER_SCHEMA_H_

#include "absl/status/status.h"
#include "hub/store/sqlite.h"

namespace rosa::testutil {

// Schema 9: the index entries with seq again (migration 11); no clock mark
// (migration 10), the time indexes the clock floor sought instead.
inline absl::Status BackToSchema9(store::Connection& conn) {
  return conn.Exec(R"sql(
DROP INDEX referrals_by_sender;
CREATE INDEX referrals_by_sender ON referrals(sender, seq);
DROP INDEX referrals_by_recipient;
CREATE INDEX referrals_by_recipient ON referrals(recipient, seq);
DROP INDEX audit_by_person;
CREATE INDEX audit_by_person ON audit_log(person_id, idx);
DROP TABLE clock_mark;
CREATE INDEX events_by_time ON events(recorded_us);
CREATE INDEX referrals_by_update ON referrals(updated_us);
CREATE INDEX handoffs_by_update ON handoffs(updated_us);
CREATE INDEX facility_units_by_time ON facility_units(recorded_us);
CREATE INDEX place_holds_by_creation ON place_holds(created_us);
CREATE INDEX journal_by_time ON journal_records(recorded_us);
PRAGMA user_version = 9;
)sql");
}

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_OLDER_SCHEMA_H_
