#include "adapters/console/live_events.h"

#include <httplib.h>

#include <memory>
#include <utility>

namespace rosa::console {

// What one stream shares with its notifier listener and with Stop.
struct LiveStream {
  absl::Mutex mu;
  bool changed ABSL_GUARDED_BY(mu) = false;
  bool stopping ABSL_GUARDED_BY(mu) = false;
  uint64_t handle = 0;
};

namespace {

constexpr absl::Duration kPing = absl::Seconds(15);

// The wait condition of a stream; runs with stream->mu held.
bool Woken(LiveStream* stream) ABSL_NO_THREAD_SAFETY_ANALYSIS {
  return stream->changed || stream->stopping;
}

}  // namespace

LiveEvents::LiveEvents(EventNotifier* notifier, int max_streams)
    : notifier_(notifier), max_streams_(max_streams) {}

int LiveEvents::open_streams() const {
  absl::MutexLock lock(&mu_);
  return open_;
}

void LiveEvents::Stop() {
  absl::MutexLock lock(&mu_);
  stopping_ = true;
  for (const std::shared_ptr<LiveStream>& stream : streams_) {
    absl::MutexLock stream_lock(&stream->mu);
    stream->stopping = true;
  }
}

bool LiveEvents::Serve(httplib::Response& response, const std::string& partner,
                       std::function<bool()> alive) {
  auto stream = std::make_shared<LiveStream>();
  {
    absl::MutexLock lock(&mu_);
    if (stopping_ || open_ >= max_streams_) return false;
    ++open_;
    streams_.insert(stream);
  }
  stream->handle = notifier_->Subscribe(partner, [stream] {
    absl::MutexLock lock(&stream->mu);
    stream->changed = true;
  });
  auto first = std::make_shared<bool>(true);
  response.set_header("X-Accel-Buffering", "no");
  response.set_chunked_content_provider(
      "text/event-stream",
      [this, stream, first, alive = std::move(alive)](size_t,
                                                      httplib::DataSink& sink) {
        if (*first) {
          *first = false;
          static constexpr char kHello[] = "retry: 5000\n\n";
          return sink.write(kHello, sizeof(kHello) - 1);
        }
        bool changed = false;
        {
          // Wait for a change, a ping or Stop, whichever comes first.
          absl::MutexLock lock(&stream->mu);
          stream->mu.AwaitWithTimeout(absl::Condition(&Woken, stream.get()),
                                      kPing);
          changed = stream->changed;
          stream->changed = false;
          if (stream->stopping) {
            sink.done();
            return true;
          }
        }
        if (!alive()) {
          sink.done();
          return true;
        }
        static constexpr char kChange[] = "event: change\ndata: 1\n\n";
        static constexpr char kPingLine[] = ": ping\n\n";
        return changed ? sink.write(kChange, sizeof(kChange) - 1)
                       : sink.write(kPingLine, sizeof(kPingLine) - 1);
      },
      [this, stream](bool) {
        notifier_->Unsubscribe(stream->handle);
        absl::MutexLock lock(&mu_);
        --open_;
        streams_.erase(stream);
      });
  return true;
}

}  // namespace rosa::console
