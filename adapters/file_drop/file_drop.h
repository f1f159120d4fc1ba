// File drop: for partners that sync folders instead of calling the API.
// Each file-drop partner has, under the exchange root,
//   <id>/inbox/      files the partner puts in (written complete, then
//                    renamed into place; see file_names.h)
//   <id>/processed/  files applied
//   <id>/rejected/   files refused, each with <name>.error.txt naming the
//                    records, fields and reasons (never a value)
//   <id>/outbox/     the partner's events in its format, written
//                    atomically (temporary name, fsync, rename) and named
//                    by cursor, so a partner reads them in order
// Every folder is 0700 and every file 0600.
//
// Restart-safe: a file is moved out of inbox/ only after its commit is
// durable, and its commands' idempotency keys come from its bytes, so a
// file being processed at a crash is applied exactly once after restart.
// The outbox cursor is stored after the files are written: a crash between
// the two writes the same files again (at-least-once, same names).
//
// Thread-safety: one background thread does all the work; Start and Stop
// are called once each from one thread.
#ifndef ROSA_ADAPTERS_FILE_DROP_FILE_DROP_H_
#define ROSA_ADAPTERS_FILE_DROP_FILE_DROP_H_

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "hub/exchange/ingest_desk.h"
#include "hub/exchange/outbound_renderer.h"
#include "hub/outbox/outbox.h"
#include "hub/partner/partner_registry.h"
#include "hub/store/database.h"

namespace rosa {

class FileDrop {
 public:
  struct Options {
    std::filesystem::path root = "var/exchange";
    absl::Duration poll_interval = absl::Milliseconds(500);
    // Larger inbox files are rejected without being read.
    size_t max_payload_bytes = 1024 * 1024;
  };

  // REQUIRES: everything outlives the file drop.
  FileDrop(const PartnerRegistry* registry, IngestDesk* ingest,
           OutboundRenderer* renderer, store::Database* db,
           const SealedTexts* texts, Options options);
  ~FileDrop();

  // Makes the folders of every enabled file-drop partner and starts the
  // thread.
  absl::Status Start();
  // Finishes the file in hand, then stops.
  void Stop();

 private:
  void Loop();
  void ProcessInbox(const Partner& partner);
  void ProcessFile(const Partner& partner, const std::filesystem::path& file);
  void FlushOutbox(const Partner& partner);
  std::filesystem::path Folder(const Partner& partner, const char* name) const;

  const PartnerRegistry* registry_;
  IngestDesk* ingest_;
  OutboundRenderer* renderer_;
  store::Database* db_;
  const SealedTexts* texts_;
  const Options options_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // Guarded by mu_.
  std::thread thread_;
};

}  // namespace rosa

#endif  // ROSA_ADAPTERS_FILE_DROP_FILE_DROP_H_
