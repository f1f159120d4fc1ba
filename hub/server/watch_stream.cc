#include "hub/server/watch_stream.h"

#include <utility>

#include "hub/outbox/outbox.h"
#include "hub/server/event_service.h"
#include "hub/server/grpc_status.h"

namespace rosa {

namespace v1 = rosa::hub::v1;

WatchStream::WatchStream(EventService* service, store::ReadPool* readers,
                         EventNotifier* notifier, std::string partner,
                         uint64_t after_cursor, bool from_now)
    : service_(service),
      readers_(readers),
      notifier_(notifier),
      partner_(std::move(partner)),
      from_now_(from_now),
      fetched_through_(after_cursor) {}

void WatchStream::Start() {
  // Subscribe before the first read, so an event committed in between
  // still wakes the stream.
  subscription_ = notifier_->Subscribe(partner_, [this] { Wake(); });
  std::lock_guard<std::mutex> lock(mu_);
  MaybeFetchLocked();
}

void WatchStream::Wake() {
  std::lock_guard<std::mutex> lock(mu_);
  dirty_ = true;
  MaybeFetchLocked();
}

void WatchStream::MaybeFetchLocked() {
  if (fetching_ || finished_ || !dirty_ || !pending_.empty()) return;
  fetching_ = true;
  dirty_ = false;
  const uint64_t after = fetched_through_;
  const bool from_now = std::exchange(from_now_, false);
  readers_->Submit([this, after, from_now](store::Connection& conn) {
    uint64_t base = after;
    if (from_now) {
      auto last = Outbox::LastCursor(conn, partner_);
      if (!last.ok()) {
        OnFetched(base, last.status());
        return;
      }
      base = *last;
    }
    OnFetched(base, Outbox::Read(conn, partner_, base, kPageSize));
  });
}

void WatchStream::OnFetched(uint64_t base,
                            absl::StatusOr<std::vector<v1::Event>> events) {
  std::unique_lock<std::mutex> lock(mu_);
  fetching_ = false;
  if (!events.ok()) {
    FinishLocked(ToGrpcStatus(events.status(), "Watch"));
  } else if (!finished_) {
    fetched_through_ = base;
    if (events->size() == static_cast<size_t>(kPageSize)) dirty_ = true;
    for (v1::Event& e : *events) {
      fetched_through_ = e.cursor();
      pending_.push_back(std::move(e));
    }
    MaybeWriteLocked();
    MaybeFetchLocked();
  }
  MaybeDelete(lock);
}

void WatchStream::MaybeWriteLocked() {
  if (writing_ || finished_ || pending_.empty()) return;
  in_flight_ = std::move(pending_.front());
  pending_.pop_front();
  writing_ = true;
  StartWrite(&in_flight_);
}

void WatchStream::OnWriteDone(bool ok) {
  std::lock_guard<std::mutex> lock(mu_);
  writing_ = false;
  if (finish_after_write_.has_value()) {
    Finish(*finish_after_write_);
    return;
  }
  if (!ok) {
    // The client is gone; gRPC will cancel the call.
    FinishLocked(grpc::Status(grpc::StatusCode::UNAVAILABLE, "write failed"));
    return;
  }
  MaybeWriteLocked();
  MaybeFetchLocked();
}

void WatchStream::FinishLocked(const grpc::Status& status) {
  if (finished_) return;
  finished_ = true;
  pending_.clear();
  if (writing_) {
    finish_after_write_ = status;
  } else {
    Finish(status);
  }
}

void WatchStream::Close(const grpc::Status& status) {
  std::lock_guard<std::mutex> lock(mu_);
  FinishLocked(status);
}

void WatchStream::OnCancel() {
  std::lock_guard<std::mutex> lock(mu_);
  FinishLocked(grpc::Status::CANCELLED);
}

void WatchStream::OnDone() {
  notifier_->Unsubscribe(subscription_);
  service_->Forget(this);
  std::unique_lock<std::mutex> lock(mu_);
  done_ = true;
  MaybeDelete(lock);
}

void WatchStream::MaybeDelete(std::unique_lock<std::mutex>& lock) {
  const bool can_delete = done_ && !fetching_;
  lock.unlock();
  if (can_delete) delete this;
}

}  // namespace rosa
