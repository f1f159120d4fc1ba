// WatchStream: a reader thread over a server-streaming call.
#include "tests/integration/watch_stream.h"

#include <algorithm>
#include <utility>

#include "absl/time/clock.h"

namespace rosa::integration {

using hub::v1::Event;
using hub::v1::WatchRequest;

WatchRequest WatchFrom(uint64_t cursor) {
  WatchRequest request;
  request.set_after_cursor(cursor);
  return request;
}

WatchRequest WatchFromNow() {
  WatchRequest request;
  request.set_from_now(true);
  return request;
}

WatchStream::WatchStream(std::shared_ptr<grpc::Channel> channel,
                         WatchRequest request, absl::Duration deadline)
    : channel_(std::move(channel)),
      stub_(hub::v1::EventService::NewStub(channel_)) {
  if (deadline != absl::InfiniteDuration()) {
    context_.set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  }
  reader_ = std::thread([this, request = std::move(request)] { Run(request); });
}

WatchStream::~WatchStream() {
  context_.TryCancel();
  if (reader_.joinable()) reader_.join();
}

void WatchStream::Run(WatchRequest request) {
  std::unique_ptr<grpc::ClientReader<Event>> reader =
      stub_->Watch(&context_, request);
  Event event;
  while (reader->Read(&event)) {
    std::lock_guard<std::mutex> lock(mu_);
    events_.push_back(std::move(event));
    event.Clear();
    changed_.notify_all();
  }
  grpc::Status status = reader->Finish();
  std::lock_guard<std::mutex> lock(mu_);
  end_ = std::move(status);
  changed_.notify_all();
}

bool WatchStream::WaitForEvents(size_t n, absl::Duration timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait_until(lock, absl::ToChronoTime(absl::Now() + timeout),
                      [&] { return events_.size() >= n || end_.has_value(); });
  return events_.size() >= n;
}

std::optional<grpc::Status> WatchStream::WaitForEnd(absl::Duration timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait_until(lock, absl::ToChronoTime(absl::Now() + timeout),
                      [&] { return end_.has_value(); });
  return end_;
}

void WatchStream::Cancel() {
  context_.TryCancel();
  if (reader_.joinable()) reader_.join();
}

std::vector<Event> WatchStream::events() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_;
}

size_t WatchStream::event_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_.size();
}

uint64_t WatchStream::last_cursor() const {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t last = 0;
  for (const Event& e : events_) last = std::max(last, e.cursor());
  return last;
}

bool WatchStream::ended() const {
  std::lock_guard<std::mutex> lock(mu_);
  return end_.has_value();
}

std::vector<uint64_t> Cursors(const std::vector<Event>& events) {
  std::vector<uint64_t> cursors;
  cursors.reserve(events.size());
  for (const Event& e : events) cursors.push_back(e.cursor());
  return cursors;
}

}  // namespace rosa::integration
