// One streaming call over a partner's outbox: a server write reactor that
// reads pages from a PageSource and writes their items in order, then waits
// for the EventNotifier to say new events committed. EventService.Watch
// streams the events themselves; PartnerGateway.Subscribe streams them as
// the partner's plugin encodes them. The reactor never blocks: reads run on
// the page source's threads, writes are gRPC's.
//
// States, all under mu_: items fetched but not yet written wait in pending_;
// at most one read (fetching_) and one write (writing_) are in flight. A
// wake-up while a read is in flight sets dirty_, so the stream reads again.
// The reactor deletes itself once gRPC has called OnDone and no read is in
// flight.
//
// Thread-safety: every method may be called from any thread.
#ifndef ROSA_HUB_SERVER_OUTBOX_STREAM_H_
#define ROSA_HUB_SERVER_OUTBOX_STREAM_H_

#include <grpcpp/grpcpp.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/outbox/event_notifier.h"
#include "hub/outbox/outbox_page.h"
#include "hub/server/grpc_status.h"
#include "hub/server/stream_set.h"

namespace rosa {

template <typename Item>
class OutboxStream final : public grpc::ServerWriteReactor<Item>,
                           public ClosableStream {
 public:
  OutboxStream(StreamSet* streams, EventNotifier* notifier, std::string partner,
               uint64_t after_cursor, bool from_now,
               OutboxPageSource<Item> source, std::string method)
      : streams_(streams),
        notifier_(notifier),
        partner_(std::move(partner)),
        source_(std::move(source)),
        method_(std::move(method)),
        from_now_(from_now),
        fetched_through_(after_cursor) {}

  // Registers with `streams`, subscribes and starts the first read. Call
  // once, right after creation.
  void Start() {
    // Closed when refused (shutdown, or no stream slot left for the
    // partner); OnDone then deletes it.
    if (!streams_->Add(this, partner_)) return;
    // Subscribe before the first read, so an event committed in between
    // still wakes the stream.
    subscription_ = notifier_->Subscribe(partner_, [this] { Wake(); });
    std::lock_guard<std::mutex> lock(mu_);
    // The partner says it has processed everything through its cursor.
    if (!from_now_) notifier_->deliveries().Mark(partner_, fetched_through_);
    MaybeFetchLocked();
  }

  void Close(const grpc::Status& status) override {
    std::lock_guard<std::mutex> lock(mu_);
    FinishLocked(status);
  }

  void OnWriteDone(bool ok) override {
    std::lock_guard<std::mutex> lock(mu_);
    writing_ = false;
    if (finish_after_write_.has_value()) {
      this->Finish(*finish_after_write_);
      return;
    }
    if (!ok) {
      // The client is gone; gRPC will cancel the call.
      FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE, "write failed"));
      return;
    }
    MaybeWriteLocked();
    MarkReadLocked();
    MaybeFetchLocked();
  }

  void OnCancel() override {
    std::lock_guard<std::mutex> lock(mu_);
    FinishLocked(grpc::Status::CANCELLED);
  }

  void OnDone() override {
    if (subscription_ != 0) notifier_->Unsubscribe(subscription_);
    streams_->Forget(this);
    std::unique_lock<std::mutex> lock(mu_);
    done_ = true;
    MaybeDelete(lock);
  }

 private:
  void Wake() {
    std::lock_guard<std::mutex> lock(mu_);
    dirty_ = true;
    MaybeFetchLocked();
  }

  // REQUIRES: mu_ held.
  void MaybeFetchLocked() {
    if (fetching_ || finished_ || !dirty_ || !pending_.empty()) return;
    fetching_ = true;
    dirty_ = false;
    source_(fetched_through_, std::exchange(from_now_, false),
            [this](absl::StatusOr<OutboxPage<Item>> page) {
              OnFetched(std::move(page));
            });
  }

  void OnFetched(absl::StatusOr<OutboxPage<Item>> page) {
    std::unique_lock<std::mutex> lock(mu_);
    fetching_ = false;
    if (!page.ok()) {
      FinishLocked(ToGrpcStatus(page.status(), method_));
    } else if (!finished_) {
      fetched_through_ = std::max(fetched_through_, page->through);
      if (page->more) dirty_ = true;
      for (Item& item : page->items) pending_.push_back(std::move(item));
      MaybeWriteLocked();
      MarkReadLocked();
      MaybeFetchLocked();
    }
    MaybeDelete(lock);
  }

  // REQUIRES: mu_ held.
  void MaybeWriteLocked() {
    if (writing_ || finished_ || pending_.empty()) return;
    in_flight_ = std::move(pending_.front());
    pending_.pop_front();
    writing_ = true;
    this->StartWrite(&in_flight_);
  }

  // Everything fetched has been written (or encoded to nothing): the
  // partner has read through fetched_through_ (metrics, DeliveryMarks).
  // REQUIRES: mu_ held.
  void MarkReadLocked() {
    if (writing_ || !pending_.empty()) return;
    notifier_->deliveries().Mark(partner_, fetched_through_);
  }

  // REQUIRES: mu_ held.
  void FinishLocked(const grpc::Status& status) {
    if (finished_) return;
    finished_ = true;
    pending_.clear();
    if (writing_) {
      finish_after_write_ = status;
    } else {
      this->Finish(status);
    }
  }

  // Deletes this stream if gRPC is done with it and no read is in flight.
  // `lock` is released first.
  void MaybeDelete(std::unique_lock<std::mutex>& lock) {
    const bool can_delete = done_ && !fetching_;
    lock.unlock();
    if (can_delete) delete this;
  }

  StreamSet* const streams_;
  EventNotifier* const notifier_;
  const std::string partner_;
  const OutboxPageSource<Item> source_;
  const std::string method_;
  uint64_t subscription_ = 0;

  std::mutex mu_;
  bool from_now_;
  uint64_t fetched_through_;  // Newest outbox cursor read.
  std::deque<Item> pending_;
  Item in_flight_;
  bool fetching_ = false;
  bool writing_ = false;
  bool dirty_ = true;      // The outbox may hold events not yet read.
  bool finished_ = false;  // Finish called, or about to be.
  bool done_ = false;      // gRPC called OnDone.
  std::optional<grpc::Status> finish_after_write_;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_OUTBOX_STREAM_H_
