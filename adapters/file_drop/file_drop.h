// File drop: for partners that sync folders instead of calling the API.
// Each file-drop partner has, under the exchange root,
//   <id>/inbox/      files the partner puts in (written complete, then
//                    renamed into place; see file_names.h)
//   <id>/processed/  files applied
//   <id>/rejected/   files refused, each with <name>.error.txt naming the
//                    records, fields and reasons (never a value); so are
//                    symlinks, FIFOs, devices, hard links and files of
//                    another owner (see inbox_file.h)
//   <id>/outbox/     the partner's events in its format, written
//                    atomically (temporary name, fsync, rename) and named
//                    by cursor, so a partner reads them in order
// Every folder is 0700 and every file 0600 (file_away.h says which files
// a partner put in keep their own mode).
//
// Nothing is kept for ever. processed/ and rejected/ keep a file for
// `inbound_retention` after it got there, outbox/ for `outbox_retention`
// after it was written unless the partner takes (deletes) it first. An
// outbox file that is a person's (person_files.h: it may carry the
// person's identity, as IOM's referral or a lawyer's package, or free text
// about the person's referral or handoff, as a shelter's referral with its
// note) is recorded in the core's exchange_files table before it is
// written (hub/consent/exchange_files.h), and deleted at once when the
// person is erased or the consent behind it withdrawn (the file drop is
// the core's ExchangeFileRemover). A sweep at start-up and every
// `sweep_interval` finishes whatever a crash interrupted.
//
// Restart-safe: a file is moved out of inbox/ only after its commit is
// durable, and its commands' idempotency keys come from its bytes, so a
// file being processed at a crash is applied exactly once after restart.
// The outbox cursor is stored after the files are written, at most once a
// second (kCursorSaveInterval) while events keep coming, so that a busy
// outbox does not add a commit to the store's writer per page: a crash
// writes the files of the last second again (at-least-once, same names),
// and the outbox backlog metric may lag by as much.
//
// The thread looks at every folder each `poll_interval`, at the inboxes at
// once when a file lands in one (inotify, folder_watch.h), and at a
// partner's outbox when a commit brings it new events (the EventNotifier).
// A page of outbox files is written with one fsync of the folder for the
// page (hub/common/staged_files.h), before its cursor is stored.
//
// Thread-safety: one background thread does all the work; Start and Stop
// are called once each from one thread; RemoveExchangeFiles may be called
// from any thread.
#ifndef ROSA_ADAPTERS_FILE_DROP_FILE_DROP_H_
#define ROSA_ADAPTERS_FILE_DROP_FILE_DROP_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "adapters/file_drop/folder_watch.h"
#include "adapters/file_drop/inboxes.h"
#include "hub/common/clock.h"
#include "hub/consent/exchange_files.h"
#include "hub/exchange/ingest_desk.h"
#include "hub/exchange/outbound_renderer.h"
#include "hub/outbox/event_notifier.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/store/database.h"

namespace rosa {

class FileDrop final : public ExchangeFileRemover {
 public:
  struct Options {
    std::filesystem::path root = "var/exchange";
    absl::Duration poll_interval = absl::Milliseconds(500);
    // Larger inbox files are rejected without being read.
    size_t max_payload_bytes = 1024 * 1024;
    // How long processed/ and rejected/ keep a file.
    absl::Duration inbound_retention = absl::Hours(24 * 7);
    // How long an outbox file waits for the partner to take it.
    absl::Duration outbox_retention = absl::Hours(24 * 7);
    // How often retention and taken files are looked at.
    absl::Duration sweep_interval = absl::Minutes(1);
    // The core's record of exchange files; null: outbox files are not
    // recorded (tests of inbound files only).
    ExchangeFiles* exchange_files = nullptr;
    // Null: the system clock.
    const Clock* clock = nullptr;
    // Wakes the thread when a file-drop partner has new events; null: the
    // outbox is looked at every poll_interval only.
    EventNotifier* notifier = nullptr;
  };

  // REQUIRES: everything outlives the file drop.
  FileDrop(const PartnerRegistry* registry, IngestDesk* ingest,
           OutboundRenderer* renderer, store::Database* db,
           const EventContent* texts, Options options);
  ~FileDrop() override;

  // Makes the folders of every enabled file-drop partner, removes what a
  // crash left behind (see the sweep above), registers as the remover of
  // exchange files and starts the thread.
  absl::Status Start();
  // Finishes the file in hand, then stops.
  void Stop();

  // ExchangeFileRemover: deletes the files of each event now and keeps them
  // from being written afterwards.
  void RemoveExchangeFiles(const std::vector<ExchangeFile>& files) override;

 private:
  // How often a busy outbox's cursor is stored (see the header comment).
  static constexpr std::chrono::seconds kCursorSaveInterval{1};

  void Loop();
  // One round: the sweep when due, then each partner's inbox (`inboxes`)
  // and outbox (`outboxes`, or when `woken`). May throw: Loop catches.
  void Round(bool inboxes, bool outboxes,
             const std::set<const Partner*>& woken);
  // A file landed in an inbox: the next round looks at the inboxes at once.
  void WakeInbox();
  // `partner` has new events: the next round writes them.
  void WakeOutbox(const Partner* partner);
  // Whether Stop was called.
  bool Stopping();
  // REQUIRES: `partner` is the registry's own (WakeOutbox keys on it).
  void FlushOutbox(const Partner& partner);
  // Stores the cursors written since the last save, in one transaction;
  // unless `force`, only once kCursorSaveInterval has passed since then.
  void SaveCursors(bool force);
  // Whether a written cursor is not stored yet.
  bool UnsavedCursors() const;
  // Records the page's events whose files are a person's (person_files.h);
  // false on failure.
  bool RecordPersonFiles(const Partner& partner,
                         const std::vector<rosa::hub::v1::Event>& events);
  // Writes a page of outbox files (StagedFiles: one flush for the page),
  // leaving out the events doomed meanwhile.
  absl::Status WriteOutboxPage(
      const Partner& partner,
      const std::vector<rosa::hub::v1::EncodedEvent>& events);
  // Retention, taken and doomed exchange files; see the header comment.
  // Never throws.
  void Sweep();
  void SweepNow(absl::Time now);
  void RemoveExchangeFilesNow(const std::vector<ExchangeFile>& files);
  void SweepExchangeFiles();
  std::filesystem::path Folder(const Partner& partner, const char* name) const;
  std::filesystem::path Folder(const std::string& partner_id,
                               const char* name) const;
  absl::Time Now() const;

  const PartnerRegistry* registry_;
  IngestDesk* ingest_;
  OutboundRenderer* renderer_;
  store::Database* db_;
  const EventContent* texts_;
  const Options options_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;                  // Guarded by mu_.
  bool inbox_woken_ = false;               // Guarded by mu_.
  std::set<const Partner*> outbox_woken_;  // Guarded by mu_.
  std::vector<uint64_t> subscriptions_;    // EventNotifier handles.
  FolderWatch inbox_watch_{[this] { WakeInbox(); }};
  Inboxes inboxes_;  // Loop thread only.
  std::thread thread_;
  absl::Time next_sweep_ = absl::InfinitePast();  // Loop thread only.
  // Each partner's outbox cursor, once read: through which its files are
  // written, and what drop_cursors holds. Loop thread only: the file drop
  // is the only writer of drop_cursors.
  struct Cursor {
    int64_t written = 0;
    int64_t stored = 0;
  };
  std::map<std::string, Cursor> cursors_;
  std::chrono::steady_clock::time_point cursors_saved_;  // Loop thread only.

  // Held while an outbox file is written or a doomed one deleted.
  absl::Mutex files_mu_;
  // Events (partner, cursor) whose files were doomed: never written again.
  std::set<std::pair<std::string, uint64_t>> doomed_ ABSL_GUARDED_BY(files_mu_);
};

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_FILE_DROP_H_
