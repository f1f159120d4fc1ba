// WatchStream runs EventService.Watch in a background thread and collects
// the events, so that a test can wait for "n events" or "the stream ended"
// with a deadline instead of blocking in Read.
//
// Example:
//   WatchStream stream(rosa.channel(), WatchFrom(0));
//   ASSERT_TRUE(stream.WaitForEvents(5, absl::Seconds(10)));
//   std::vector<Event> events = stream.events();
//
// Thread-safe.
#ifndef ROSA_TESTS_INTEGRATION_WATCH_STREAM_H_
#define ROSA_TESTS_INTEGRATION_WATCH_STREAM_H_

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"
#include "rosa/hub/v1/event_service.grpc.pb.h"

namespace rosa::integration {

// Watch(after_cursor = cursor).
hub::v1::WatchRequest WatchFrom(uint64_t cursor);
// Watch(from_now = true).
hub::v1::WatchRequest WatchFromNow();

class WatchStream {
 public:
  // Starts the call; `deadline` bounds the whole stream.
  WatchStream(std::shared_ptr<grpc::Channel> channel,
              hub::v1::WatchRequest request,
              absl::Duration deadline = absl::InfiniteDuration());
  WatchStream(const WatchStream&) = delete;
  WatchStream& operator=(const WatchStream&) = delete;
  // Cancels the call and joins the reader thread.
  ~WatchStream();

  // Waits until at least `n` events have arrived. False if the stream ended
  // or `timeout` passed first.
  bool WaitForEvents(size_t n, absl::Duration timeout);
  // Waits until the stream ends; its status, or nullopt after `timeout`.
  std::optional<grpc::Status> WaitForEnd(absl::Duration timeout);
  // Cancels the call (like a client disconnecting) and waits for the reader
  // thread to see the end.
  void Cancel();

  // The events received so far, in arrival order.
  std::vector<hub::v1::Event> events() const;
  size_t event_count() const;
  // The highest cursor received, 0 if none.
  uint64_t last_cursor() const;
  bool ended() const;

 private:
  void Run(hub::v1::WatchRequest request);

  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<hub::v1::EventService::Stub> stub_;
  grpc::ClientContext context_;

  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::vector<hub::v1::Event> events_;  // Guarded by mu_.
  std::optional<grpc::Status> end_;     // Guarded by mu_.

  std::thread reader_;  // Last: starts after everything above exists.
};

// The cursors of `events`, in order.
std::vector<uint64_t> Cursors(const std::vector<hub::v1::Event>& events);

}  // namespace rosa::integration

#endif  // ROSA_TESTS_INTEGRATION_WATCH_STREAM_H_
