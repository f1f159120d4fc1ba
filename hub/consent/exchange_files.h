// Exchange files: copies of a person's identity that a transport wrote
// outside the database (today the file drop's outbox files for IOM's
// referrals and lawyers' handoff packages). The core keeps a durable record
// of which files came from which person and object, in the table
// exchange_files, so that erasure and consent withdrawal find every copy:
//
//   1. The transport records a file set (partner, outbox cursor, person,
//      object) in its own transaction BEFORE it writes the files.
//   2. Erasure (DoomForPerson) and withdrawal (DoomForConsent) mark the
//      person's or consent's rows in their own transaction and, once it has
//      committed, hand them to the registered remover, which deletes the
//      files before the erasure or withdrawal is answered.
//   3. The transport's sweep (at start-up and from time to time) deletes the
//      files of every doomed or expired row, and forgets rows whose files
//      are gone. A crash between any two steps leaves a row that the next
//      sweep finishes, so no file outlives its record.
//
// Thread-safety: the static functions use the caller's connection (writes
// inside a write transaction on the writer thread). SetRemover and the
// commit hooks may run on any thread.
#ifndef ROSA_HUB_CONSENT_EXCHANGE_FILES_H_
#define ROSA_HUB_CONSENT_EXCHANGE_FILES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "hub/store/group_commit_writer.h"
#include "hub/store/sqlite.h"

namespace rosa {

// The files written for one outbox event of one partner.
struct ExchangeFile {
  std::string partner_id;
  uint64_t cursor = 0;
  // Whose identity they may carry, and through which referral or handoff.
  std::string person_id;
  std::string object_id;
  absl::Time written_at;
  // Erasure or a withdrawal doomed them: delete them at once.
  bool doomed = false;
};

// Deletes exchange files from disk; implemented by the transport that
// writes them.
class ExchangeFileRemover {
 public:
  virtual ~ExchangeFileRemover() = default;
  // Deletes the files of `files` now, and makes sure none of them is
  // written afterwards. Called on the store's writer thread right after the
  // commit that doomed them; must not wait for the store.
  virtual void RemoveExchangeFiles(const std::vector<ExchangeFile>& files) = 0;
};

class ExchangeFiles {
 public:
  // Records `file` (or records it again, as written now, when the transport
  // writes the same event again after a crash). True when it is recorded
  // doomed because its person was erased (no longer registered, and
  // nothing of the object sealed but under a person's key): the erasure
  // committed after the transport read the event (with its free text) and
  // before this record, so it could not find the file; the transport must
  // not write it.
  // REQUIRES: inside a write transaction.
  static absl::StatusOr<bool> Record(store::Connection& conn,
                                     const ExchangeFile& file);

  // Every recorded file set, oldest first.
  static absl::StatusOr<std::vector<ExchangeFile>> List(
      store::Connection& conn);

  // Forgets `files` once they are gone from disk.
  // REQUIRES: inside a write transaction.
  static absl::Status Forget(store::Connection& conn,
                             const std::vector<ExchangeFile>& files);

  // Dooms every file set of the person (erasure), and once `txn` has
  // committed hands them to the remover.
  // REQUIRES: inside the write transaction that erases the person.
  absl::Status DoomForPerson(store::WriteTxn& txn,
                             const std::string& person_id);

  // Dooms every file set that carried identity disclosed under
  // `consent_id` (the referrals and handoffs identity_disclosures names for
  // each partner), and once `txn` has committed hands them to the remover.
  // REQUIRES: inside the write transaction that withdraws the consent.
  absl::Status DoomForConsent(store::WriteTxn& txn,
                              const std::string& consent_id);

  // The remover doomed files are handed to (nullptr: none; the transport's
  // next sweep deletes them). Waits for a call in progress to finish, so
  // that after SetRemover(nullptr) the old remover is never called again.
  void SetRemover(ExchangeFileRemover* remover);

 private:
  void HandOver(store::WriteTxn& txn, std::vector<ExchangeFile> files);

  absl::Mutex mu_;
  ExchangeFileRemover* remover_ ABSL_GUARDED_BY(mu_) = nullptr;
};

}  // namespace rosa

#endif  // ROSA_HUB_CONSENT_EXCHANGE_FILES_H_
