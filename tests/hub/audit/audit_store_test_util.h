// Shared by the stored audit log tests: a store with the hub's schema in a
// temporary directory, entries of several shapes, and small SQL helpers.
#ifndef ROSA_TESTS_HUB_AUDIT_AUDIT_STORE_TEST_UTIL_H_
#define ROSA_TESTS_HUB_AUDIT_AUDIT_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "hub/audit/audit_log.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/audit.pb.h"

namespace rosa::audit::test_util {

namespace v1 = rosa::hub::v1;

inline const absl::Time kT0 = absl::FromUnixSeconds(1796000000);

// A read-write connection to a new database at `path` with the schema.
inline std::unique_ptr<store::Connection> OpenStore(
    const std::filesystem::path& path) {
  auto conn =
      store::Connection::Open(path, store::Connection::Mode::kReadWrite);
  EXPECT_TRUE(conn.ok()) << conn.status();
  if (!conn.ok()) return nullptr;
  const absl::Status schema = store::ApplySchema(**conn);
  EXPECT_TRUE(schema.ok()) << schema;
  return *std::move(conn);
}

// Entry number i: actors, actions, persons and purposes vary with i; every
// third entry is about no person.
inline v1::AuditEntry MakeEntry(int i) {
  static const char* const kActions[] = {"person.read", "referral.submit",
                                         "consent.give", "handoff.event"};
  static const char* const kActors[] = {"rosa", "ks-oslo", "advokat-lund"};
  v1::AuditEntry entry;
  entry.set_actor(kActors[i % 3]);
  entry.set_action(kActions[i % 4]);
  entry.set_object_id(absl::StrCat("R-2026-", 100000 + i));
  if (i % 3 != 2) entry.set_person_id(absl::StrCat("P-PERSON", i % 4));
  entry.set_purpose(static_cast<v1::ConsentPurpose>(i % 6));
  return entry;
}

// Appends in its own transaction; returns the index.
inline uint64_t AppendCommitted(store::Connection& conn,
                                const v1::AuditEntry& entry,
                                absl::Time now = kT0) {
  EXPECT_TRUE(conn.Exec("BEGIN IMMEDIATE").ok());
  absl::StatusOr<uint64_t> index = AppendAuditEntry(conn, entry, now);
  EXPECT_TRUE(index.ok()) << index.status();
  EXPECT_TRUE(conn.Exec(index.ok() ? "COMMIT" : "ROLLBACK").ok());
  return index.ok() ? *index : 0;
}

// Appends MakeEntry(first) .. MakeEntry(first + count - 1).
inline void AppendEntries(store::Connection& conn, int first, int count) {
  for (int i = first; i < first + count; ++i) {
    AppendCommitted(conn, MakeEntry(i), kT0 + absl::Seconds(i));
  }
}

// The raw entry bytes, in idx order.
inline std::vector<std::string> RawEntries(store::Connection& conn) {
  auto rows = ReadStoredAuditRows(conn);
  EXPECT_TRUE(rows.ok()) << rows.status();
  std::vector<std::string> entries;
  if (rows.ok()) {
    for (StoredAuditRow& row : *rows) entries.push_back(std::move(row.entry));
  }
  return entries;
}

}  // namespace rosa::audit::test_util

#endif  // ROSA_TESTS_HUB_AUDIT_AUDIT_STORE_TEST_UTIL_H_
