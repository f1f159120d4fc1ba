// One Watch call: a server write reactor over a partner's outbox.
//
// States, all under mu_: events fetched but not yet written wait in
// pending_; at most one read (fetching_) and one write (writing_) are in
// flight. A wake-up while a read is in flight sets dirty_, so the stream
// reads again. The reactor deletes itself once gRPC has called OnDone and no
// read is in flight.
// Thread-safety: every method may be called from any thread.
#ifndef ROSA_HUB_SERVER_WATCH_STREAM_H_
#define ROSA_HUB_SERVER_WATCH_STREAM_H_

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "absl/status/statusor.h"
#include "hub/outbox/event_notifier.h"
#include "hub/store/read_pool.h"
#include "rosa/hub/v1/event.pb.h"

namespace rosa {

class EventService;

class WatchStream final : public grpc::ServerWriteReactor<rosa::hub::v1::Event> {
 public:
  WatchStream(EventService* service, store::ReadPool* readers,
              EventNotifier* notifier, std::string partner,
              uint64_t after_cursor, bool from_now);

  // Subscribes and starts the first read. Call once, right after creation.
  void Start();
  // Ends the stream with `status` (after any write in flight).
  void Close(const grpc::Status& status);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  static constexpr int kPageSize = 100;

  // REQUIRES: mu_ held.
  void MaybeFetchLocked();
  void MaybeWriteLocked();
  void FinishLocked(const grpc::Status& status);
  // `base` is the cursor the read started after.
  void OnFetched(uint64_t base,
                 absl::StatusOr<std::vector<rosa::hub::v1::Event>> events);
  void Wake();
  // Deletes this stream if gRPC is done with it and no read is in flight.
  // Called without mu_ held; `lock` is released first.
  void MaybeDelete(std::unique_lock<std::mutex>& lock);

  EventService* const service_;
  store::ReadPool* const readers_;
  EventNotifier* const notifier_;
  const std::string partner_;
  bool from_now_;
  uint64_t subscription_ = 0;

  std::mutex mu_;
  uint64_t fetched_through_;  // Cursor of the newest event read.
  std::deque<rosa::hub::v1::Event> pending_;
  rosa::hub::v1::Event in_flight_;
  bool fetching_ = false;
  bool writing_ = false;
  bool dirty_ = true;     // The outbox may hold events not yet read.
  bool finished_ = false; // Finish called, or about to be.
  bool done_ = false;     // gRPC called OnDone.
  std::optional<grpc::Status> finish_after_write_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_WATCH_STREAM_H_
