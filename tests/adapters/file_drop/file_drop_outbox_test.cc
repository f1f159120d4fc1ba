// The file drop's outbox keeps no identity: IOM's AvrrReferral (with the
// person's name) is recorded as an exchange file before it is written, and
// deleted at once when the person is erased or the consent withdrawn,
// after the outbox retention, or forgotten once IOM took it; doomed or
// expired files that a crash left behind go at start-up.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <string>
#include <vector>

#include "absl/synchronization/blocking_counter.h"
#include "adapters/file_drop/folder_cleanup.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/outbox/outbox_page.h"
#include "tests/adapters/file_drop/file_drop_fixture.h"
#include "tests/testutil/log_capture.h"
#include "tests/testutil/scan.h"

namespace rosa::testing_file_drop {
namespace {

using ::testing::IsEmpty;
using ::testing::SizeIs;
using testutil::FilesContaining;

class FileDropOutboxTest : public FileDropFixture {
 protected:
  // A person named `name` referred to IOM, whose AvrrReferral (with the
  // name) is in IOM's outbox folder; sets `consent_id`.
  std::string PersonInIomsOutbox(const std::string& name,
                                 std::string* consent_id) {
    const std::string id = RegisterWithConsent(
        name, "iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN, consent_id);
    ReferToIom(id);
    EXPECT_TRUE(WaitFor([&] { return !WrittenFiles(name).empty(); }))
        << "no AvrrReferral with the name in IOM's outbox";
    return id;
  }

  // A placement for ks-oslo, a file-drop partner.
  v1::SubmitReferralRequest Placement() {
    v1::SubmitReferralRequest r;
    r.set_idempotency_key(NextKey());
    r.set_recipient("ks-oslo");
    r.set_type(v1::REFERRAL_TYPE_PLACEMENT);
    r.set_person_ref("P-7KQ2M9XA");
    r.mutable_facts()->set_gender(v1::GENDER_WOMAN);
    r.mutable_facts()->set_age(29);
    r.mutable_facts()->set_nationality("RO");
    r.mutable_facts()->set_exploitation_form(v1::EXPLOITATION_FORM_SEXUAL);
    return r;
  }
  absl::Status SubmitPlacement() {
    const v1::SubmitReferralRequest r = Placement();
    return Await<v1::SubmitReferralResponse>([&](auto done) {
             referrals_->Submit(P("rosa"), r, absl::InfiniteFuture(), done);
           })
        .status();
  }

  // The files in `partner`'s outbox that the drop has finished writing.
  int OutboxFiles(const std::string& partner) {
    int files = 0;
    for (const std::string& name :
         testutil::EntryNames(Folder(partner, "outbox"))) {
      if (name.find(".tmp.") == std::string::npos) ++files;
    }
    return files;
  }

  // IOM's outbox files holding `name` that the drop has finished writing:
  // a temporary file in the middle of its atomic write is not one (a test
  // that took it would make the write fail and the drop write it again).
  std::vector<fs::path> WrittenFiles(const std::string& name) {
    std::vector<fs::path> written;
    for (const fs::path& f : FilesContaining(Folder("iom", "outbox"), name)) {
      if (f.filename().string().find(".tmp.") == std::string::npos) {
        written.push_back(f);
      }
    }
    return written;
  }
};

TEST_F(FileDropOutboxTest, ErasureDeletesTheFileBeforeItAnswers) {
  StartDrop();
  std::string consent;
  const std::string erased = PersonInIomsOutbox("Kanarieslett", &consent);
  const std::string kept = PersonInIomsOutbox("Beholdtnavn", &consent);
  EXPECT_THAT(Recorded(), SizeIs(2));

  ASSERT_TRUE(Erase(erased).ok());
  EXPECT_THAT(FilesContaining(Exchange(), "Kanarieslett"), IsEmpty());
  EXPECT_THAT(FilesContaining(Exchange(), "Beholdtnavn"), SizeIs(1));
  // The sweep forgets the doomed record once its files are gone.
  EXPECT_TRUE(WaitFor([&] { return Recorded().size() == 1; }));
  ASSERT_THAT(Recorded(), SizeIs(1));
  EXPECT_EQ(Recorded()[0].person_id, kept);
}

// With no poll in sight, the commit of IOM's event wakes the file drop.
TEST_F(FileDropOutboxTest, ANewEventIsWrittenWithoutWaitingForAPoll) {
  poll_interval_ = absl::Hours(1);
  StartDrop();
  std::string consent;
  PersonInIomsOutbox("Vekketnavn", &consent);
}

// A round writes at most ten pages of a partner's outbox; with more
// waiting the next round goes on at once, not at the next event or poll.
TEST_F(FileDropOutboxTest, MoreThanTenPagesAreWrittenWithoutWaitingForAPoll) {
  poll_interval_ = absl::Hours(1);
  constexpr int kReferrals = 10 * kOutboxPageSize + 30;
  // Submitted at once, so that the writer commits them in groups.
  absl::BlockingCounter submitted(kReferrals);
  std::atomic<int> failed = 0;
  for (int i = 0; i < kReferrals; ++i) {
    const v1::SubmitReferralRequest r = Placement();
    referrals_->Submit(
        P("rosa"), r, absl::InfiniteFuture(),
        [&](absl::StatusOr<v1::SubmitReferralResponse> response) {
          if (!response.ok()) ++failed;
          submitted.DecrementCount();
        });
  }
  submitted.Wait();
  ASSERT_EQ(failed, 0);

  StartDrop();  // Its first round looks at every outbox.
  EXPECT_TRUE(WaitFor([&] { return OutboxFiles("ks-oslo") >= kReferrals; }))
      << OutboxFiles("ks-oslo") << " of " << kReferrals << " files";
}

// A busy outbox does not add a commit per page to the store's writer: its
// cursor is stored at most once a second, and when the file drop stops.
TEST_F(FileDropOutboxTest, ABusyOutboxStoresItsCursorAtMostOnceASecond) {
  ASSERT_TRUE(Write("CREATE TABLE cursor_saves(n INTEGER);"
                    "CREATE TRIGGER count_inserts AFTER INSERT ON drop_cursors "
                    "BEGIN INSERT INTO cursor_saves VALUES (1); END;"
                    "CREATE TRIGGER count_updates AFTER UPDATE ON drop_cursors "
                    "BEGIN INSERT INTO cursor_saves VALUES (1); END;")
                  .ok());
  StartDrop();
  const absl::Time start = absl::Now();
  constexpr int kReferrals = 200;
  for (int i = 0; i < kReferrals; ++i) {  // One at a time: small pages.
    ASSERT_TRUE(SubmitPlacement().ok());
  }
  ASSERT_TRUE(WaitFor([&] { return OutboxFiles("ks-oslo") >= kReferrals; }));
  const int64_t seconds = absl::ToInt64Seconds(absl::Now() - start);
  drop_.reset();  // Stops, storing the last cursor.
  const std::vector<std::string> saves =
      Query("SELECT count(*) FROM cursor_saves");
  ASSERT_EQ(saves.size(), 1u);
  EXPECT_LE(std::stoll(saves[0]), seconds + 2);
  EXPECT_EQ(
      Query("SELECT cursor FROM drop_cursors WHERE partner_id = ?1", "ks-oslo"),
      Query("SELECT last_cursor FROM event_streams WHERE partner = ?1",
            "ks-oslo"));
}

TEST_F(FileDropOutboxTest, WithdrawalDeletesTheFileBeforeItAnswers) {
  StartDrop();
  std::string consent;
  PersonInIomsOutbox("Trukketnavn", &consent);
  ASSERT_TRUE(Withdraw(consent).ok());
  EXPECT_THAT(FilesContaining(Exchange(), "Trukketnavn"), IsEmpty());
}

TEST_F(FileDropOutboxTest, AnUntakenFileExpiresAfterTheRetention) {
  StartDrop();
  std::string consent;
  PersonInIomsOutbox("Gammeltnavn", &consent);
  clock_.Advance(absl::Hours(24 * 6));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // Sweeps.
  EXPECT_THAT(FilesContaining(Exchange(), "Gammeltnavn"), SizeIs(1));
  clock_.Advance(absl::Hours(24) + absl::Seconds(1));
  EXPECT_TRUE(WaitFor(
      [&] { return FilesContaining(Exchange(), "Gammeltnavn").empty(); }));
  EXPECT_TRUE(WaitFor([&] { return Recorded().empty(); }));
}

TEST_F(FileDropOutboxTest, AFileThePartnerTookIsForgotten) {
  StartDrop();
  std::string consent;
  PersonInIomsOutbox("Hentetnavn", &consent);
  ASSERT_THAT(Recorded(), SizeIs(1));
  for (const fs::path& f : WrittenFiles("Hentetnavn")) {
    fs::remove(f);  // IOM takes it.
  }
  EXPECT_TRUE(WaitFor([&] { return Recorded().empty(); }));
}

// A shelter's file of a referral carries the sender's note. Before, it was
// neither recorded under the person nor ever expired: erasure, which makes
// the note unreadable in the hub, left it on disk for good.
TEST_F(FileDropOutboxTest, ErasureDeletesAShelterFileWithTheReferralsNote) {
  StartDrop();
  std::string consent;
  const std::string person = RegisterWithConsent(
      "Navnlos", "iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN, &consent);
  v1::SubmitReferralRequest r = Placement();
  r.set_person_ref(person);
  r.set_note("Notatkanari sover hos tanten i Storgata 5");
  ASSERT_TRUE(Await<v1::SubmitReferralResponse>([&](auto done) {
                referrals_->Submit(P("rosa"), r, absl::InfiniteFuture(), done);
              }).ok());
  ASSERT_TRUE(WaitFor([&] {
    return !FilesContaining(Folder("ks-oslo", "outbox"), "Notatkanari")
                .empty() &&
           OutboxFiles("ks-oslo") > 0;
  }));
  ASSERT_TRUE(Erase(person).ok());
  EXPECT_THAT(FilesContaining(Exchange(), "Notatkanari"), IsEmpty());
}

// The hub's sealed texts, with a hook run once just after `field` of an
// object is opened with `text` in it: on the file drop's reading thread,
// between its read of a page and its record of the page's person files.
class HookedTexts : public EventContent {
 public:
  HookedTexts(const EventContent* texts, std::string text,
              std::function<void()> hook)
      : texts_(texts), text_(std::move(text)), hook_(std::move(hook)) {}
  absl::StatusOr<std::string> Open(store::Connection& conn,
                                   const std::string& object_id,
                                   const std::string& field) const override {
    absl::StatusOr<std::string> opened = texts_->Open(conn, object_id, field);
    if (opened.ok()) HookIf(*opened);
    return opened;
  }
  absl::Status RebuildReferralEvent(store::Connection& conn,
                                    const std::string& partner,
                                    v1::ReferralEvent& event) const override {
    absl::Status s = texts_->RebuildReferralEvent(conn, partner, event);
    if (s.ok()) HookIf(event.referral().note());
    return s;
  }

 private:
  const EventContent* texts_;
  const std::string text_;
  const std::function<void()> hook_;
  mutable std::atomic<bool> ran_ = false;

  void HookIf(const std::string& opened) const {
    if (opened.find(text_) != std::string::npos && !ran_.exchange(true)) {
      hook_();
    }
  }
};

// The file drop reads a page (with the note put back) before it records
// the page's person files; an erasure committed in between found no record
// and the file was written after it, note and all (an outside review: 6 of
// 20 tries). The record now sees that the person is gone, and the file is
// never written.
TEST_F(FileDropOutboxTest, AnErasureBetweenReadAndRecordLeavesNoFile) {
  std::string consent;
  const std::string person = RegisterWithConsent(
      "Sentnavn", "iom", v1::CONSENT_PURPOSE_ASSISTED_RETURN, &consent);
  v1::SubmitReferralRequest r = Placement();
  r.set_person_ref(person);
  r.set_note("Sentkanari sover i Storgata 9");
  ASSERT_TRUE(Await<v1::SubmitReferralResponse>([&](auto done) {
                referrals_->Submit(P("rosa"), r, absl::InfiniteFuture(), done);
              }).ok());
  std::promise<absl::Status> erased;
  HookedTexts texts(content_.get(), "Sentkanari",
                    [&] { erased.set_value(Erase(person).status()); });
  StartDrop(&texts);
  std::future<absl::Status> erasure = erased.get_future();
  ASSERT_EQ(erasure.wait_for(std::chrono::seconds(10)),
            std::future_status::ready);
  ASSERT_TRUE(erasure.get().ok());
  // Another referral's file shows the drop has been past the first. It
  // names a person never registered, with a note: not an erased one.
  v1::SubmitReferralRequest next = Placement();
  next.set_person_ref("P-ZZZZZZZZZZ");
  next.set_note("Andrenotat");
  ASSERT_TRUE(Await<v1::SubmitReferralResponse>([&](auto done) {
                referrals_->Submit(P("rosa"), next, absl::InfiniteFuture(),
                                   done);
              }).ok());
  ASSERT_TRUE(WaitFor([&] { return OutboxFiles("ks-oslo") >= 1; }));
  EXPECT_THAT(FilesContaining(Exchange(), "Sentkanari"), IsEmpty());
  EXPECT_EQ(OutboxFiles("ks-oslo"), 1);
  EXPECT_THAT(FilesContaining(Exchange(), "Andrenotat"), SizeIs(1));
}

// Before, only files recorded under a person expired: a shelter's file
// that the shelter never took stayed for ever.
TEST_F(FileDropOutboxTest, EveryUntakenFileExpiresAfterTheRetention) {
  StartDrop();
  ASSERT_TRUE(SubmitPlacement().ok());
  ASSERT_TRUE(WaitFor([&] { return OutboxFiles("ks-oslo") > 0; }));
  clock_.Advance(absl::Hours(24 * 6));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // Sweeps.
  EXPECT_GT(OutboxFiles("ks-oslo"), 0);
  clock_.Advance(absl::Hours(24) + absl::Seconds(1));
  EXPECT_TRUE(WaitFor([&] { return OutboxFiles("ks-oslo") == 0; }));
}

// Before, one failed listing of IOM's outbox (EMFILE, say) made the sweep
// take every recorded file for taken and forget it though it was still
// there: erasure then left it, and retention too.
TEST_F(FileDropOutboxTest, AnOutboxThatCannotBeListedForgetsNothing) {
  testutil::LogCapture log;
  StartDrop();
  std::string consent;
  const std::string person = PersonInIomsOutbox("Uoppfort", &consent);
  ASSERT_THAT(Recorded(), SizeIs(1));
  // For a while the folder cannot be listed (ENOTDIR).
  const fs::path outbox = Folder("iom", "outbox");
  const fs::path aside = dir_.File("iom-outbox-aside");
  fs::rename(outbox, aside);
  std::ofstream(outbox) << "";
  EXPECT_TRUE(WaitFor([&] {
    return log.Text().find("cannot list " + outbox.string()) !=
           std::string::npos;
  }));
  EXPECT_THAT(Recorded(), SizeIs(1));
  fs::remove(outbox);
  fs::rename(aside, outbox);

  ASSERT_TRUE(Erase(person).ok());
  EXPECT_THAT(FilesContaining(Exchange(), "Uoppfort"), IsEmpty());
}

TEST_F(FileDropOutboxTest, WhatACrashLeftBehindGoesAtStartUp) {
  // As if the hub died after erasure committed but before the files went,
  // and in the middle of an atomic write.
  ASSERT_TRUE(EnsurePrivateDirectory(Folder("iom", "outbox")).ok());
  const fs::path doomed =
      Folder("iom", "outbox") / OutboxFileName(42, "R-2026-000042", ".xml");
  const fs::path torn =
      Folder("iom", "outbox") /
      (OutboxFileName(43, "R-2026-000043", ".xml") + ".tmp.123.0");
  const fs::path other =
      Folder("iom", "outbox") / OutboxFileName(44, "status", ".xml");
  for (const fs::path& p : {doomed, torn, other}) {
    std::ofstream(p) << "<Name>Krasjnavn</Name>";
  }
  ASSERT_TRUE(db_->writer()
                  .SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
                    absl::StatusOr<bool> s = ExchangeFiles::Record(
                        txn.conn(), ExchangeFile{.partner_id = "iom",
                                                 .cursor = 42,
                                                 .person_id = "P-AAAAAAAAAA",
                                                 .object_id = "R-2026-000042",
                                                 .written_at = clock_.Now()});
                    if (!s.ok()) return s.status();
                    return txn.conn().Exec(
                        "UPDATE exchange_files SET removal = 1");
                  })
                  .ok());
  StartDrop();  // Start sweeps before it returns.
  EXPECT_FALSE(fs::exists(doomed));
  EXPECT_FALSE(fs::exists(torn));
  EXPECT_TRUE(fs::exists(other));  // Not recorded: not the sweep's to judge.
  EXPECT_THAT(Recorded(), IsEmpty());
}

}  // namespace
}  // namespace rosa::testing_file_drop
