// ExchangeFiles: erasure and withdrawal find every recorded exchange file
// of the person or consent, mark it doomed in their own transaction, and
// hand it to the remover once committed (before the desk answers); rows
// stay doomed for the transport's sweep until it forgets them.
#include "hub/consent/exchange_files.h"

#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/hub/person/person_fixture.h"

namespace rosa::testing_person {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// Remembers what it was asked to remove, as "partner/cursor".
class RecordingRemover final : public ExchangeFileRemover {
 public:
  void RemoveExchangeFiles(const std::vector<ExchangeFile>& files) override {
    absl::MutexLock lock(&mu_);
    for (const ExchangeFile& f : files) {
      EXPECT_TRUE(f.doomed);
      removed_.push_back(absl::StrCat(f.partner_id, "/", f.cursor));
    }
  }
  std::vector<std::string> removed() {
    absl::MutexLock lock(&mu_);
    return removed_;
  }

 private:
  absl::Mutex mu_;
  std::vector<std::string> removed_ ABSL_GUARDED_BY(mu_);
};

class ExchangeFilesTest : public PersonFixture {
 protected:
  void SetUp() override {
    PersonFixture::SetUp();
    exchange_files_.SetRemover(&remover_);
  }
  void TearDown() override {
    exchange_files_.SetRemover(nullptr);
    PersonFixture::TearDown();
  }

  // Records a file set; true when it was recorded doomed.
  bool Record(const std::string& partner, uint64_t cursor,
              const std::string& person, const std::string& object) {
    bool doomed = false;
    EXPECT_TRUE(db_->writer()
                    .SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
                      absl::StatusOr<bool> d = ExchangeFiles::Record(
                          txn.conn(), ExchangeFile{.partner_id = partner,
                                                   .cursor = cursor,
                                                   .person_id = person,
                                                   .object_id = object,
                                                   .written_at = clock_.Now()});
                      if (d.ok()) doomed = *d;
                      return d.status();
                    })
                    .ok());
    return doomed;
  }
  // "partner/cursor" of every row, with " doomed" where marked.
  std::vector<std::string> Rows() {
    std::vector<ExchangeFile> files;
    EXPECT_TRUE(db_->readers()
                    .RunAndWait([&](store::Connection& conn) -> absl::Status {
                      auto listed = ExchangeFiles::List(conn);
                      if (!listed.ok()) return listed.status();
                      files = std::move(*listed);
                      return absl::OkStatus();
                    })
                    .ok());
    std::vector<std::string> rows;
    for (const ExchangeFile& f : files) {
      rows.push_back(
          absl::StrCat(f.partner_id, "/", f.cursor, f.doomed ? " doomed" : ""));
    }
    return rows;
  }
  absl::StatusOr<v1::Consent> GiveTo(const std::string& person,
                                     const std::string& partner,
                                     v1::ConsentPurpose purpose) {
    v1::GiveConsentRequest r;
    r.set_idempotency_key(NextKey());
    r.set_person_id(person);
    r.mutable_scope()->set_partner_id(partner);
    r.set_purpose(purpose);
    return Await<v1::Consent>([&](auto done) {
      consents_->Give(P("rosa"), r, absl::InfiniteFuture(), done);
    });
  }
  absl::StatusOr<v1::Consent> Withdraw(const std::string& consent_id) {
    v1::WithdrawConsentRequest r;
    r.set_idempotency_key(NextKey());
    r.set_consent_id(consent_id);
    return Await<v1::Consent>([&](auto done) {
      consents_->Withdraw(P("rosa"), r, absl::InfiniteFuture(), done);
    });
  }

  RecordingRemover remover_;
};

TEST_F(ExchangeFilesTest, ErasureHandsOverEveryFileOfThePersonBeforeAnswering) {
  const std::string erased = RegisterNew("Ioana");
  const std::string other = RegisterNew("Maria");
  Record("iom", 3, erased, "R-2026-000001");
  Record("advokat-lund", 7, erased, "H-2026-000001");
  Record("iom", 4, other, "R-2026-000002");

  ASSERT_TRUE(Erase(erased).ok());
  // The desk's answer comes after the remover ran.
  EXPECT_THAT(remover_.removed(),
              UnorderedElementsAre("iom/3", "advokat-lund/7"));
  EXPECT_THAT(Rows(), UnorderedElementsAre("iom/3 doomed", "iom/4",
                                           "advokat-lund/7 doomed"));
}

TEST_F(ExchangeFilesTest, WithoutARemoverTheRowsStayDoomedForTheSweep) {
  exchange_files_.SetRemover(nullptr);
  const std::string erased = RegisterNew();
  Record("iom", 3, erased, "R-2026-000001");
  ASSERT_TRUE(Erase(erased).ok());
  EXPECT_THAT(remover_.removed(), IsEmpty());
  EXPECT_THAT(Rows(), ElementsAre("iom/3 doomed"));
}

TEST_F(ExchangeFilesTest, WithdrawalHandsOverTheFilesDisclosedUnderTheConsent) {
  const std::string person = RegisterNew();
  auto iom = GiveTo(person, "iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN);
  auto lund =
      GiveTo(person, "advokat-lund", v1::CONSENT_PURPOSE_LEGAL_COUNSELLING);
  ASSERT_TRUE(iom.ok() && lund.ok());
  DiscloseTo(person, "iom", iom->id(), "R-2026-000001");
  DiscloseTo(person, "advokat-lund", lund->id(), "H-2026-000001");
  Record("iom", 3, person, "R-2026-000001");
  Record("iom", 5, person, "R-2026-000009");  // Not disclosed under it.
  Record("advokat-lund", 7, person, "H-2026-000001");

  ASSERT_TRUE(Withdraw(iom->id()).ok());
  EXPECT_THAT(remover_.removed(), ElementsAre("iom/3"));
  EXPECT_THAT(Rows(),
              UnorderedElementsAre("iom/3 doomed", "iom/5", "advokat-lund/7"));
}

// The transport reads an event before it records its files; an erasure
// committed in between finds no record. The record itself then sees that
// the person is gone and is made doomed, so the file is never written.
TEST_F(ExchangeFilesTest, ARecordAfterThePersonsErasureIsDoomed) {
  const std::string erased = RegisterNew("Ioana");
  const std::string kept = RegisterNew("Maria");
  ASSERT_TRUE(Erase(erased).ok());
  EXPECT_TRUE(Record("iom", 3, erased, "R-2026-000001"));
  EXPECT_FALSE(Record("iom", 4, kept, "R-2026-000002"));
  EXPECT_THAT(Rows(), UnorderedElementsAre("iom/3 doomed", "iom/4"));
  // Recorded again (after a crash), a doomed row stays doomed.
  EXPECT_TRUE(Record("iom", 3, erased, "R-2026-000001"));
  EXPECT_THAT(Rows(), UnorderedElementsAre("iom/3 doomed", "iom/4"));
}

TEST_F(ExchangeFilesTest, RecordingAgainRenewsAndForgetRemoves) {
  Record("iom", 3, "P-AAAAAAAAAA", "R-2026-000001");
  clock_.Advance(absl::Hours(1));
  Record("iom", 3, "P-AAAAAAAAAA", "R-2026-000001");
  std::vector<ExchangeFile> files;
  ASSERT_TRUE(db_->readers()
                  .RunAndWait([&](store::Connection& conn) -> absl::Status {
                    auto listed = ExchangeFiles::List(conn);
                    if (listed.ok()) files = *listed;
                    return listed.status();
                  })
                  .ok());
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].written_at, clock_.Now());
  EXPECT_EQ(files[0].person_id, "P-AAAAAAAAAA");
  EXPECT_EQ(files[0].object_id, "R-2026-000001");
  ASSERT_TRUE(db_->writer()
                  .SubmitAndWait([&](store::WriteTxn& txn) {
                    return ExchangeFiles::Forget(txn.conn(), files);
                  })
                  .ok());
  EXPECT_THAT(Rows(), IsEmpty());
}

}  // namespace
}  // namespace rosa::testing_person
