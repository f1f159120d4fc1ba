#include "hub/inquiry/inquiry_store.h"

#include <memory>
#include <string>
#include <vector>

#include "common/time_util.h"
#include "gtest/gtest.h"
#include "hub/store/schema.h"
#include "hub/store/sqlite.h"
#include "tests/testutil/temp_dir.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

const absl::Time kT0 = absl::FromUnixSeconds(1796000000);

class InquiryStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto conn = store::Connection::Open(dir_.File("hub.db"),
                                        store::Connection::Mode::kReadWrite);
    ASSERT_TRUE(conn.ok()) << conn.status();
    conn_ = std::move(*conn);
    ASSERT_TRUE(store::ApplySchema(*conn_).ok());
  }

  v1::HotlineInquiry Insert(const std::string& recorded_by, absl::Time at) {
    auto id = AllocateInquiryId(*conn_, 2026);
    EXPECT_TRUE(id.ok()) << id.status();
    v1::HotlineInquiry inquiry;
    inquiry.set_id(*id);
    inquiry.set_recorded_by(recorded_by);
    *inquiry.mutable_occurred_at() = ToProtoTime(at);
    inquiry.set_caller(v1::CALLER_TYPE_NAV);
    inquiry.set_topic(v1::INQUIRY_TOPIC_GUIDANCE);
    *inquiry.mutable_recorded_at() = ToProtoTime(at + absl::Hours(8));
    EXPECT_TRUE(InsertInquiry(*conn_, inquiry).ok());
    return inquiry;
  }

  std::vector<std::string> Ids(const InquiryQuery& query) {
    auto rows = QueryInquiries(*conn_, query);
    EXPECT_TRUE(rows.ok()) << rows.status();
    std::vector<std::string> ids;
    if (rows.ok()) {
      for (const InquiryRow& row : *rows) ids.push_back(row.inquiry.id());
    }
    return ids;
  }

  testutil::TempDir dir_;
  std::unique_ptr<store::Connection> conn_;
};

TEST_F(InquiryStoreTest, InsertsAndLoads) {
  const v1::HotlineInquiry inquiry = Insert("ks-oslo", kT0);
  EXPECT_EQ(inquiry.id(), "I-2026-000001");
  auto loaded = LoadInquiry(*conn_, inquiry.id());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_TRUE(loaded->has_value());
  EXPECT_EQ((*loaded)->SerializeAsString(), inquiry.SerializeAsString());
  auto missing = LoadInquiry(*conn_, "I-2026-000009");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(InquiryStoreTest, RefusesAnInquiryWithoutItsHubFields) {
  v1::HotlineInquiry inquiry;
  inquiry.set_recorded_by("ks-oslo");
  *inquiry.mutable_occurred_at() = ToProtoTime(kT0);
  EXPECT_FALSE(InsertInquiry(*conn_, inquiry).ok());
  inquiry.set_id("I-2026-000001");
  inquiry.clear_recorded_by();
  EXPECT_FALSE(InsertInquiry(*conn_, inquiry).ok());
  // Ids are unique.
  Insert("ks-oslo", kT0);
  inquiry.set_recorded_by("ks-oslo");
  EXPECT_FALSE(InsertInquiry(*conn_, inquiry).ok());
}

TEST_F(InquiryStoreTest, QueriesByRecorderTimeAndPosition) {
  // Recorded in this order; the second call happened before the first.
  Insert("ks-oslo", kT0);                      // I-...-1
  Insert("rosa", kT0 - absl::Hours(48));       // I-...-2
  Insert("ks-oslo", kT0 + absl::Hours(1));     // I-...-3
  Insert("ks-glamdal", kT0 + absl::Hours(2));  // I-...-4

  InquiryQuery all;
  all.everyone = true;
  EXPECT_EQ(Ids(all),
            (std::vector<std::string>{"I-2026-000001", "I-2026-000002",
                                      "I-2026-000003", "I-2026-000004"}));
  InquiryQuery oslo;
  oslo.recorded_by = "ks-oslo";
  EXPECT_EQ(Ids(oslo),
            (std::vector<std::string>{"I-2026-000001", "I-2026-000003"}));
  InquiryQuery nobody;
  nobody.recorded_by = "advokat-lund";
  EXPECT_TRUE(Ids(nobody).empty());

  InquiryQuery since = all;
  since.occurred_since = kT0;
  EXPECT_EQ(Ids(since),
            (std::vector<std::string>{"I-2026-000001", "I-2026-000003",
                                      "I-2026-000004"}));

  InquiryQuery page = all;
  page.limit = 2;
  auto first = QueryInquiries(*conn_, page);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 2u);
  page.after_seq = first->back().seq;
  EXPECT_EQ(Ids(page),
            (std::vector<std::string>{"I-2026-000003", "I-2026-000004"}));
}

}  // namespace
}  // namespace rosa
