// Tests for hub/audit/audit_log: appending sets index and time and stores
// the deterministic serialization with its leaf hash; reads by range and by
// person; entries carrying anything but short ids and codes are refused;
// the schema's triggers refuse UPDATE and DELETE.
#include "hub/audit/audit_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/time_util.h"
#include "hub/audit/merkle.h"
#include "tests/hub/audit/audit_store_test_util.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::audit {
namespace {

using test_util::AppendCommitted;
using test_util::AppendEntries;
using test_util::kT0;
using test_util::MakeEntry;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

namespace v1 = rosa::hub::v1;

std::vector<uint64_t> Indexes(const std::vector<v1::AuditEntry>& entries) {
  std::vector<uint64_t> out;
  for (const v1::AuditEntry& e : entries) out.push_back(e.index());
  return out;
}

class AuditLogTest : public testing::Test {
 protected:
  void SetUp() override {
    conn_ = test_util::OpenStore(dir_.File("hub.db"));
    ASSERT_NE(conn_, nullptr);
  }

  uint64_t Size() {
    absl::StatusOr<uint64_t> size = AuditLogSize(*conn_);
    EXPECT_TRUE(size.ok()) << size.status();
    return size.ok() ? *size : ~uint64_t{0};
  }

  testutil::TempDir dir_;
  std::unique_ptr<store::Connection> conn_;
};

TEST_F(AuditLogTest, EmptyLog) {
  EXPECT_EQ(Size(), 0u);
  auto hashes = AuditLeafHashes(*conn_, 0);
  ASSERT_TRUE(hashes.ok()) << hashes.status();
  EXPECT_TRUE(hashes->empty());
  auto entries = ReadAuditEntries(*conn_, 0, 10);
  ASSERT_TRUE(entries.ok());
  EXPECT_TRUE(entries->empty());
}

TEST_F(AuditLogTest, AppendSetsIndexAndTime) {
  for (int i = 0; i < 3; ++i) {
    v1::AuditEntry entry = MakeEntry(i);
    entry.set_index(77);  // Overwritten.
    EXPECT_EQ(AppendCommitted(*conn_, entry, kT0 + absl::Seconds(i)),
              static_cast<uint64_t>(i));
  }
  EXPECT_EQ(Size(), 3u);
  auto entries = ReadAuditEntries(*conn_, 0, 10);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const v1::AuditEntry& e = (*entries)[i];
    EXPECT_EQ(e.index(), static_cast<uint64_t>(i));
    EXPECT_EQ(FromProtoTime(e.at()), kT0 + absl::Seconds(i));
    EXPECT_EQ(e.actor(), MakeEntry(i).actor());
    EXPECT_EQ(e.action(), MakeEntry(i).action());
    EXPECT_EQ(e.object_id(), MakeEntry(i).object_id());
    EXPECT_EQ(e.person_id(), MakeEntry(i).person_id());
    EXPECT_EQ(e.purpose(), MakeEntry(i).purpose());
  }
}

TEST_F(AuditLogTest, StoresDeterministicBytesAndTheirLeafHash) {
  AppendEntries(*conn_, 0, 5);
  auto rows = ReadStoredAuditRows(*conn_);
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), 5u);
  auto hashes = AuditLeafHashes(*conn_, 5);
  ASSERT_TRUE(hashes.ok()) << hashes.status();
  for (size_t i = 0; i < rows->size(); ++i) {
    const StoredAuditRow& row = (*rows)[i];
    EXPECT_EQ(row.idx, static_cast<int64_t>(i));
    v1::AuditEntry parsed;
    ASSERT_TRUE(parsed.ParseFromString(row.entry));
    EXPECT_EQ(SerializeAuditEntry(parsed), row.entry);
    EXPECT_EQ(row.leaf_hash, LeafHash(row.entry));
    EXPECT_EQ((*hashes)[i], row.leaf_hash);
    EXPECT_EQ(row.person_id_null, parsed.person_id().empty());
    EXPECT_EQ(row.person_id, parsed.person_id());
  }
}

TEST_F(AuditLogTest, LeafHashesOfAPrefixAndBeyondTheEnd) {
  AppendEntries(*conn_, 0, 4);
  auto two = AuditLeafHashes(*conn_, 2);
  ASSERT_TRUE(two.ok()) << two.status();
  EXPECT_EQ(two->size(), 2u);
  EXPECT_EQ(AuditLeafHashes(*conn_, 5).status().code(),
            absl::StatusCode::kOutOfRange);
  EXPECT_EQ(AuditLeafHashes(*conn_, uint64_t{1} << 62).status().code(),
            absl::StatusCode::kOutOfRange);
}

TEST_F(AuditLogTest, ReadsARange) {
  AppendEntries(*conn_, 0, 6);
  auto middle = ReadAuditEntries(*conn_, 2, 3);
  ASSERT_TRUE(middle.ok()) << middle.status();
  EXPECT_THAT(Indexes(*middle), ElementsAre(2, 3, 4));
  auto tail = ReadAuditEntries(*conn_, 4, 100);
  ASSERT_TRUE(tail.ok());
  EXPECT_THAT(Indexes(*tail), ElementsAre(4, 5));
  auto past = ReadAuditEntries(*conn_, 6, 10);
  ASSERT_TRUE(past.ok());
  EXPECT_TRUE(past->empty());
}

TEST_F(AuditLogTest, EntriesForPerson) {
  AppendEntries(*conn_, 0, 12);
  // MakeEntry(i) is about P-PERSON<i % 4> unless i % 3 == 2.
  auto p1 = AuditEntriesForPerson(*conn_, "P-PERSON1");
  ASSERT_TRUE(p1.ok()) << p1.status();
  EXPECT_THAT(Indexes(*p1), ElementsAre(1, 9));
  auto p0 = AuditEntriesForPerson(*conn_, "P-PERSON0");
  ASSERT_TRUE(p0.ok());
  EXPECT_THAT(Indexes(*p0), ElementsAre(0, 4));
  for (const v1::AuditEntry& e : *p0) EXPECT_EQ(e.person_id(), "P-PERSON0");
  auto none = AuditEntriesForPerson(*conn_, "P-NOBODY");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto empty = AuditEntriesForPerson(*conn_, "");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST_F(AuditLogTest, RefusesFreeTextAndKeepsTheLogUnchanged) {
  AppendEntries(*conn_, 0, 1);
  const std::string kName = "Kari Nordmann";
  std::vector<v1::AuditEntry> bad;
  auto with = [](auto set) {
    v1::AuditEntry e = MakeEntry(0);
    set(e);
    return e;
  };
  bad.push_back(with([&](v1::AuditEntry& e) { e.set_actor(kName); }));
  bad.push_back(with([](v1::AuditEntry& e) { e.set_actor(""); }));
  bad.push_back(with([](v1::AuditEntry& e) { e.set_actor("ROSA"); }));
  bad.push_back(with([](v1::AuditEntry& e) { e.set_actor("a"); }));
  bad.push_back(with([](v1::AuditEntry& e) { e.set_actor("-ks"); }));
  bad.push_back(with([](v1::AuditEntry& e) { e.set_action(""); }));
  bad.push_back(
      with([](v1::AuditEntry& e) { e.set_action("read the file of Kari"); }));
  bad.push_back(with([](v1::AuditEntry& e) { e.set_action("person.read."); }));
  bad.push_back(with([](v1::AuditEntry& e) { e.set_action("person.Read"); }));
  bad.push_back(
      with([](v1::AuditEntry& e) { e.set_action(std::string(49, 'a')); }));
  bad.push_back(with([&](v1::AuditEntry& e) { e.set_object_id(kName); }));
  bad.push_back(
      with([](v1::AuditEntry& e) { e.set_object_id(std::string(65, 'A')); }));
  bad.push_back(with([](v1::AuditEntry& e) { e.set_person_id("P-1\nx"); }));
  bad.push_back(with([](v1::AuditEntry& e) { e.set_person_id("P-Åse"); }));
  bad.push_back(with([&](v1::AuditEntry& e) { e.set_actor_person(kName); }));
  bad.push_back(with(
      [](v1::AuditEntry& e) { e.set_actor_person(std::string(33, 'a')); }));
  bad.push_back(with([](v1::AuditEntry& e) {
    e.set_purpose(static_cast<v1::ConsentPurpose>(99));
  }));
  bad.push_back(with([&](v1::AuditEntry& e) {
    e.GetReflection()->MutableUnknownFields(&e)->AddLengthDelimited(99, kName);
  }));
  for (const v1::AuditEntry& entry : bad) {
    const absl::Status valid = ValidateAuditEntry(entry);
    EXPECT_EQ(valid.code(), absl::StatusCode::kInvalidArgument)
        << entry.ShortDebugString();
    EXPECT_THAT(std::string(valid.message()), Not(HasSubstr("Kari")));
    ASSERT_TRUE(conn_->Exec("BEGIN IMMEDIATE").ok());
    EXPECT_EQ(AppendAuditEntry(*conn_, entry, kT0).status().code(),
              absl::StatusCode::kInvalidArgument);
    ASSERT_TRUE(conn_->Exec("COMMIT").ok());
  }
  EXPECT_EQ(Size(), 1u);
}

TEST_F(AuditLogTest, AcceptsTheFixedFields) {
  v1::AuditEntry entry;
  entry.set_actor("advokat-lund");
  entry.set_action("referral.identity_shared");
  entry.set_object_id("H-2026-000001");
  entry.set_person_id("P-7KQ2M9XA");
  entry.set_purpose(v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  EXPECT_TRUE(ValidateAuditEntry(entry).ok());
  entry.clear_object_id();
  entry.clear_person_id();
  EXPECT_TRUE(ValidateAuditEntry(entry).ok());
  // A console user acting for the partner.
  entry.set_actor_person("kari.n");
  EXPECT_TRUE(ValidateAuditEntry(entry).ok());
  EXPECT_TRUE(IsValidActorPerson("kari.n"));
  EXPECT_FALSE(IsValidActorPerson(""));
  EXPECT_FALSE(IsValidActorPerson("Kari"));
}

TEST_F(AuditLogTest, TriggersRefuseUpdateAndDelete) {
  AppendEntries(*conn_, 0, 3);
  const std::vector<std::string> before = test_util::RawEntries(*conn_);
  for (const char* sql : {
           "UPDATE audit_log SET entry = x'00' WHERE idx = 1",
           "UPDATE audit_log SET leaf_hash = zeroblob(32)",
           "UPDATE audit_log SET person_id = 'P-OTHER' WHERE idx = 0",
           "UPDATE audit_log SET idx = idx + 10 WHERE idx = 2",
           "DELETE FROM audit_log WHERE idx = 2",
           "DELETE FROM audit_log",
       }) {
    const absl::Status status = conn_->Exec(sql);
    EXPECT_FALSE(status.ok()) << sql;
    EXPECT_THAT(std::string(status.message()), HasSubstr("append-only"));
  }
  EXPECT_EQ(test_util::RawEntries(*conn_), before);
  EXPECT_EQ(Size(), 3u);
}

TEST_F(AuditLogTest, AppendRolledBackWithItsTransaction) {
  AppendEntries(*conn_, 0, 2);
  ASSERT_TRUE(conn_->Exec("BEGIN IMMEDIATE").ok());
  ASSERT_TRUE(AppendAuditEntry(*conn_, MakeEntry(2), kT0).ok());
  ASSERT_TRUE(conn_->Exec("ROLLBACK").ok());
  EXPECT_EQ(Size(), 2u);
  // The next append takes the index the rolled-back one had.
  EXPECT_EQ(AppendCommitted(*conn_, MakeEntry(3)), 2u);
}

}  // namespace
}  // namespace rosa::audit
