// A referral row keeps each field that has a column only in its column
// (bytes per referral, issue 11), reads back exactly as written, and reads
// a row written before that rule (its blob still holding every field) the
// same way.
#include "hub/referral/referral_row.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/testutil/schema_store.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
using google::protobuf::util::MessageDifferencer;

v1::Referral Sample() {
  v1::Referral r;
  r.set_id("R-2026-1234567");
  r.set_sender("rosa");
  r.set_recipient("ks-oslo");
  r.set_type(v1::REFERRAL_TYPE_PLACEMENT);
  r.set_state(v1::REFERRAL_STATE_ACCEPTED);
  r.set_person_ref("P-CZRV7A000002");
  *r.mutable_created_at() = ToProtoTime(absl::FromUnixMicros(1796000000123456));
  *r.mutable_updated_at() = ToProtoTime(absl::FromUnixMicros(1796000100654321));
  v1::Transition* step = r.add_history();
  step->set_to(v1::REFERRAL_STATE_REQUESTED);
  *step->mutable_occurred_at() = r.created_at();
  return r;
}

class ReferralRowTest : public testutil::SchemaStoreTest {
 protected:
  // Writes a row with the columns of `r` and `blob` as its body.
  void Write(const v1::Referral& r, const std::string& blob) {
    auto stmt = conn_->Prepare(
        "INSERT INTO referrals(id, sender, recipient, type, state,"
        " created_us, updated_us, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
        " ?8)");
    ASSERT_TRUE(stmt.ok()) << stmt.status();
    (*stmt)
        ->Bind(1, r.id())
        .Bind(2, r.sender())
        .Bind(3, r.recipient())
        .Bind(4, int64_t{r.type()})
        .Bind(5, int64_t{r.state()})
        .Bind(6, ToUnixMicrosStored(FromProtoTime(r.created_at())))
        .Bind(7, ToUnixMicrosStored(FromProtoTime(r.updated_at())))
        .BindBlob(8, blob);
    ASSERT_TRUE((*stmt)->Run().ok());
  }
  std::optional<v1::Referral> Read(const std::string& id) {
    auto stmt = conn_->Prepare(absl::StrCat("SELECT ", kReferralRowColumns,
                                            " FROM referrals WHERE id = ?1"));
    EXPECT_TRUE(stmt.ok()) << stmt.status();
    if (!stmt.ok()) return std::nullopt;
    (*stmt)->Bind(1, id);
    if (!(*stmt)->Step().value_or(false)) return std::nullopt;
    auto r = ReadReferralRow(**stmt, 0);
    EXPECT_TRUE(r.ok()) << r.status();
    if (!r.ok()) return std::nullopt;
    return *r;
  }
};

TEST_F(ReferralRowTest, ColumnsAreNotRepeatedInTheBlob) {
  const v1::Referral r = Sample();
  const std::string blob = ReferralRowBody(r);
  v1::Referral stored;
  ASSERT_TRUE(stored.ParseFromString(blob));
  EXPECT_TRUE(stored.id().empty());
  EXPECT_TRUE(stored.sender().empty());
  EXPECT_TRUE(stored.recipient().empty());
  EXPECT_EQ(stored.type(), v1::REFERRAL_TYPE_UNSPECIFIED);
  EXPECT_EQ(stored.state(), v1::REFERRAL_STATE_UNSPECIFIED);
  EXPECT_FALSE(stored.has_created_at());
  EXPECT_FALSE(stored.has_updated_at());
  // What the blob still holds is kept.
  EXPECT_EQ(stored.person_ref(), r.person_ref());
  EXPECT_EQ(stored.history_size(), 1);
  EXPECT_LT(blob.size(), r.SerializeAsString().size());
}

TEST_F(ReferralRowTest, ReadsBackExactlyWhatWasWritten) {
  const v1::Referral r = Sample();
  Write(r, ReferralRowBody(r));
  const std::optional<v1::Referral> read = Read(r.id());
  ASSERT_TRUE(read.has_value());
  EXPECT_TRUE(MessageDifferencer::Equals(*read, r)) << read->DebugString();
}

TEST_F(ReferralRowTest, ATimeTheColumnCannotHoldStaysInTheBlob) {
  v1::Referral r = Sample();
  r.mutable_updated_at()->set_nanos(r.updated_at().nanos() + 7);
  v1::Referral stored;
  ASSERT_TRUE(stored.ParseFromString(ReferralRowBody(r)));
  EXPECT_TRUE(stored.has_updated_at());
  EXPECT_FALSE(stored.has_created_at());
  Write(r, ReferralRowBody(r));
  const std::optional<v1::Referral> read = Read(r.id());
  ASSERT_TRUE(read.has_value());
  EXPECT_TRUE(MessageDifferencer::Equals(*read, r)) << read->DebugString();
}

TEST_F(ReferralRowTest, ARowWrittenBeforeTheRuleReadsTheSame) {
  const v1::Referral r = Sample();
  Write(r, r.SerializeAsString());
  const std::optional<v1::Referral> read = Read(r.id());
  ASSERT_TRUE(read.has_value());
  EXPECT_TRUE(MessageDifferencer::Equals(*read, r)) << read->DebugString();
}

TEST_F(ReferralRowTest, ABlobThatDoesNotParseIsDataLoss) {
  const v1::Referral r = Sample();
  Write(r, std::string("\xff\xff\xff", 3));
  auto stmt = conn_->Prepare(
      absl::StrCat("SELECT ", kReferralRowColumns, " FROM referrals"));
  ASSERT_TRUE(stmt.ok());
  ASSERT_TRUE((*stmt)->Step().value_or(false));
  EXPECT_EQ(ReadReferralRow(**stmt, 0).status().code(),
            absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace rosa
