#include "hub/store/schema.h"

#include <array>
#include <string>

#include "absl/strings/str_cat.h"

namespace rosa::store {
namespace {

// Times are microseconds since the Unix epoch. Protobuf blobs hold the full
// record; the columns beside them exist only to index and filter.
constexpr std::array<const char*, 11> kMigrations = {
    // 1: referrals, their idempotency record and the per-partner outbox.
    R"sql(
CREATE TABLE referrals (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  sender     TEXT NOT NULL,
  recipient  TEXT NOT NULL,
  type       INTEGER NOT NULL,
  state      INTEGER NOT NULL,
  created_us INTEGER NOT NULL,
  updated_us INTEGER NOT NULL,
  body       BLOB NOT NULL
);
CREATE INDEX referrals_by_sender ON referrals(sender, seq);
CREATE INDEX referrals_by_recipient ON referrals(recipient, seq);

CREATE TABLE id_counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE idempotency (
  partner      TEXT NOT NULL,
  key          TEXT NOT NULL,
  method       TEXT NOT NULL,
  request_hash BLOB NOT NULL,
  response     BLOB NOT NULL,
  created_us   INTEGER NOT NULL,
  PRIMARY KEY (partner, key)
) WITHOUT ROWID;

CREATE TABLE events (
  partner     TEXT NOT NULL,
  cursor      INTEGER NOT NULL,
  recorded_us INTEGER NOT NULL,
  body        BLOB NOT NULL,
  PRIMARY KEY (partner, cursor)
) WITHOUT ROWID;
CREATE INDEX events_by_time ON events(recorded_us);

-- Per partner: the last cursor handed out, and the newest cursor removed by
-- retention (a Watch from before it is OUT_OF_RANGE).
CREATE TABLE event_streams (
  partner      TEXT PRIMARY KEY,
  last_cursor  INTEGER NOT NULL,
  pruned_until INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
    // 2: protected persons, consent, handoffs and the audit log.
    R"sql(
-- Identifying fields exist only here, each sealed with AES-256-GCM under
-- the person's data key; the data key exists only wrapped by a KEK.
CREATE TABLE persons (
  id            TEXT PRIMARY KEY,
  registered_us INTEGER NOT NULL,
  registered_by TEXT NOT NULL,
  profile       BLOB NOT NULL,
  kek_version   INTEGER NOT NULL,
  wrapped_key   BLOB NOT NULL,
  key_version   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE person_fields (
  person_id  TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  field      TEXT NOT NULL,
  ciphertext BLOB NOT NULL,
  PRIMARY KEY (person_id, field)
) WITHOUT ROWID;

CREATE TABLE consents (
  id           TEXT PRIMARY KEY,
  person_id    TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  withdrawn_us INTEGER,
  body         BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX consents_by_person ON consents(person_id);

-- Who received a person's identity, under which consent, through what.
CREATE TABLE identity_disclosures (
  person_id  TEXT NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
  partner    TEXT NOT NULL,
  consent_id TEXT NOT NULL,
  object_id  TEXT NOT NULL,
  at_us      INTEGER NOT NULL,
  PRIMARY KEY (person_id, partner, consent_id, object_id)
) WITHOUT ROWID;

-- A person under 18 (or possibly so) that someone tried to register or
-- refer: child welfare must take over. Pseudonymous.
CREATE TABLE child_welfare_alerts (
  seq         INTEGER PRIMARY KEY,
  at_us       INTEGER NOT NULL,
  reported_by TEXT NOT NULL,
  subject     TEXT NOT NULL
);

CREATE TABLE handoffs (
  seq        INTEGER PRIMARY KEY,
  id         TEXT NOT NULL UNIQUE,
  lawyer     TEXT NOT NULL,
  sender     TEXT NOT NULL,
  person_id  TEXT NOT NULL,
  state      INTEGER NOT NULL,
  created_us INTEGER NOT NULL,
  updated_us INTEGER NOT NULL,
  body       BLOB NOT NULL
);
CREATE INDEX handoffs_by_lawyer ON handoffs(lawyer, seq);

-- Append-only; leaf_hash = SHA-256(0x00 || entry) (RFC 6962).
CREATE TABLE audit_log (
  idx       INTEGER PRIMARY KEY,
  person_id TEXT,
  leaf_hash BLOB NOT NULL,
  entry     BLOB NOT NULL
);
CREATE INDEX audit_by_person ON audit_log(person_id, idx);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
)sql",
    // 3: placement availability and holds, hotline inquiries, and the
    // file-drop outbox cursors.
    R"sql(
-- One row per facility unit: the figures its partner last reported.
CREATE TABLE facility_units (
  facility_id TEXT NOT NULL,
  unit        TEXT NOT NULL,
  partner_id  TEXT NOT NULL,
  as_of_us    INTEGER NOT NULL,
  recorded_us INTEGER NOT NULL,
  body        BLOB NOT NULL,
  PRIMARY KEY (facility_id, unit)
) WITHOUT ROWID;
CREATE INDEX facility_units_by_partner ON facility_units(partner_id);

-- At most one hold per referral.
CREATE TABLE place_holds (
  referral_id TEXT PRIMARY KEY,
  facility_id TEXT NOT NULL,
  unit        TEXT NOT NULL,
  state       INTEGER NOT NULL,
  created_us  INTEGER NOT NULL,
  expires_us  INTEGER NOT NULL,
  claimed_us  INTEGER,
  body        BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX place_holds_by_unit ON place_holds(facility_id, unit, state);

CREATE TABLE inquiries (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  recorded_by TEXT NOT NULL,
  occurred_us INTEGER NOT NULL,
  body        BLOB NOT NULL
);
CREATE INDEX inquiries_by_recorder ON inquiries(recorded_by, seq);

-- How far each partner's file-drop outbox folder has been written.
CREATE TABLE drop_cursors (
  partner_id TEXT PRIMARY KEY,
  cursor     INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
    // 4: exchange files that may carry a person's identity; sealed free
    // text (referral notes, handoff case summaries).
    R"sql(
-- The files written for a partner's outbox event `cursor` (outside the
-- database) that may carry the identity of `person_id`, disclosed through
-- `object_id` (a referral or handoff). Recorded before the files are
-- written; removal = 1 once erasure or a withdrawal doomed them; the row
-- goes once the files are gone.
CREATE TABLE exchange_files (
  partner_id TEXT NOT NULL,
  cursor     INTEGER NOT NULL,
  person_id  TEXT NOT NULL,
  object_id  TEXT NOT NULL,
  written_us INTEGER NOT NULL,
  removal    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (partner_id, cursor)
) WITHOUT ROWID;
CREATE INDEX exchange_files_by_person ON exchange_files(person_id);
CREATE INDEX exchange_files_by_object ON exchange_files(partner_id, object_id);
-- Free text about a person, sealed with AES-256-GCM like identity fields:
-- under the data key of `person_id` when the object names a registered
-- person (erasure shreds it with the person), otherwise under the object's
-- own data key in object_keys, wrapped by a KEK.
CREATE TABLE sealed_texts (
  object_id  TEXT NOT NULL,
  field      TEXT NOT NULL,
  person_id  TEXT,
  ciphertext BLOB NOT NULL,
  PRIMARY KEY (object_id, field)
) WITHOUT ROWID;
CREATE INDEX sealed_texts_by_person ON sealed_texts(person_id);
CREATE TABLE object_keys (
  object_id   TEXT PRIMARY KEY,
  kek_version INTEGER NOT NULL,
  wrapped_key BLOB NOT NULL
) WITHOUT ROWID;
-- The object whose sealed free text an event carries; the outbox holds the
-- event without it and puts it back when the event is read.
ALTER TABLE events ADD COLUMN text_of TEXT;
)sql",
    // 5: ROSA's journal, and what the annual report needs of inquiries.
    R"sql(
-- kind: the JournalRecord entry's field number. Personal data: removed
-- with the person.
CREATE TABLE journal_records (
  seq         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  person_id   TEXT NOT NULL,
  kind        INTEGER NOT NULL,
  occurred_us INTEGER NOT NULL,
  recorded_us INTEGER NOT NULL,
  body        BLOB NOT NULL
);
CREATE INDEX journal_by_person ON journal_records(person_id, occurred_us);
CREATE INDEX journal_by_kind ON journal_records(kind, occurred_us);
-- The person a call led to (ROSA only); kept out of the body so that
-- erasure clears it with one UPDATE.
ALTER TABLE inquiries ADD COLUMN person_id TEXT;
CREATE INDEX inquiries_by_person ON inquiries(person_id);
CREATE INDEX inquiries_by_time ON inquiries(occurred_us);
CREATE INDEX referrals_by_type_state ON referrals(type, state);
)sql",
    // 6: the web console's people (hub/users/user_store.h). The enrolment
    // token is kept only as its SHA-256, the password only as an Argon2id
    // hash.
    R"sql(
CREATE TABLE console_users (
  partner             TEXT NOT NULL,
  name                TEXT NOT NULL,
  state               INTEGER NOT NULL,
  enrol_token_digest  TEXT UNIQUE,
  enrol_expires_us    INTEGER NOT NULL,
  password_hash       TEXT NOT NULL,
  totp_last_step      INTEGER NOT NULL,
  failed_logins       INTEGER NOT NULL,
  locked_until_us     INTEGER NOT NULL,
  created_us          INTEGER NOT NULL,
  PRIMARY KEY (partner, name)
);
)sql",
    // 7: the times the hub stamps, indexed so that the latest of each is
    // one seek when the hub starts (hub/audit/store_clock_floor.h).
    R"sql(
CREATE INDEX referrals_by_update ON referrals(updated_us);
CREATE INDEX handoffs_by_update ON handoffs(updated_us);
CREATE INDEX facility_units_by_time ON facility_units(recorded_us);
CREATE INDEX place_holds_by_creation ON place_holds(created_us);
CREATE INDEX journal_by_time ON journal_records(recorded_us);
)sql",
    // 8: one-time upgrade steps done on this database, and for what
    // (hub/store/upgrade_steps.h), so a start does not walk whole tables
    // again.
    R"sql(
CREATE TABLE upgrade_steps (
  step  TEXT PRIMARY KEY,
  mark  BLOB NOT NULL
) WITHOUT ROWID;
)sql",
    // 9: fewer bytes per referral. Only sealed text under a person's key is
    // looked up by person, so only it is indexed. (events_by_time stays: the
    // clock floor at start reads the latest event time through it, see
    // hub/audit/store_clock_floor.h. Referral events and answers kept by
    // reference need no new column: older rows, which hold the whole view,
    // stay readable as they are.)
    R"sql(
DROP INDEX sealed_texts_by_person;
CREATE INDEX sealed_texts_by_person ON sealed_texts(person_id)
  WHERE person_id IS NOT NULL;
)sql",
    // 10: the latest time the hub stamped, kept in one row (raised with
    // every commit, hub/audit/store_clock_floor.h) instead of sought in an
    // index over every table's time: those indexes go. The row starts at
    // the latest time they hold, read while they are still there.
    R"sql(
CREATE TABLE clock_mark (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  latest_us INTEGER
);
INSERT INTO clock_mark(id, latest_us) SELECT 1, MAX(t) FROM (
  SELECT MAX(recorded_us) AS t FROM events
  UNION ALL SELECT MAX(updated_us) FROM referrals
  UNION ALL SELECT MAX(updated_us) FROM handoffs
  UNION ALL SELECT MAX(recorded_us) FROM facility_units
  UNION ALL SELECT MAX(created_us) FROM place_holds
  UNION ALL SELECT MAX(recorded_us) FROM journal_records);
DROP INDEX events_by_time;
DROP INDEX referrals_by_update;
DROP INDEX handoffs_by_update;
DROP INDEX facility_units_by_time;
DROP INDEX place_holds_by_creation;
DROP INDEX journal_by_time;
)sql",
    // 11: fewer bytes per referral. Every index entry already ends with the
    // rowid, which is seq (idx for the audit log), so (sender) orders its
    // entries as (sender, seq) did and a page still seeks "sender = ? AND
    // rowid > ?" (the query-plan test checks it), without a second copy of
    // seq in each entry.
    R"sql(
DROP INDEX referrals_by_sender;
CREATE INDEX referrals_by_sender ON referrals(sender);
DROP INDEX referrals_by_recipient;
CREATE INDEX referrals_by_recipient ON referrals(recipient);
DROP INDEX audit_by_person;
CREATE INDEX audit_by_person ON audit_log(person_id);
)sql",
};

}  // namespace

int CurrentSchemaVersion() { return static_cast<int>(kMigrations.size()); }

absl::StatusOr<int> SchemaVersionOf(Connection& conn) {
  auto stmt = conn.Prepare("PRAGMA user_version");
  if (!stmt.ok()) return stmt.status();
  auto row = (*stmt)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return absl::InternalError("PRAGMA user_version returned no row");
  return static_cast<int>((*stmt)->ColumnInt(0));
}

absl::Status ApplySchema(Connection& conn) {
  if (auto s = conn.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  auto version = SchemaVersionOf(conn);
  absl::Status status = version.status();
  if (status.ok() && *version > CurrentSchemaVersion()) {
    status = absl::FailedPreconditionError(absl::StrCat(
        "store: database schema version ", *version,
        " is newer than this hub understands (", CurrentSchemaVersion(), ")"));
  }
  for (int v = status.ok() ? *version : CurrentSchemaVersion();
       v < CurrentSchemaVersion() && status.ok(); ++v) {
    status = conn.Exec(kMigrations[v]);
    if (status.ok()) {
      status = conn.Exec(absl::StrCat("PRAGMA user_version = ", v + 1));
    }
  }
  if (!status.ok()) {
    conn.Exec("ROLLBACK").IgnoreError();
    return status;
  }
  return conn.Exec("COMMIT");
}

}  // namespace rosa::store
