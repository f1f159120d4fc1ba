// Live updates for the console's pages as server-sent events: a stream
// tells the browser "change" whenever the user's partner's outbox grows
// (the same EventNotifier wake-up the gRPC Watch streams use), and the
// page script (static/console.js) then reloads the page's live parts
// from the server. The stream carries no data, only the wake-up; what is
// reloaded goes through the desks and the partner's view like any page.
//
// A stream ends when its session ends (checked every ping, 15 s, without
// restarting the session's idle time), when the browser leaves, or at
// Stop. At most `max_streams` are open at once (each holds a server
// thread); more are refused.
//
// Thread-safety: every method is thread-safe.
#ifndef ROSA_ADAPTERS_CONSOLE_LIVE_EVENTS_H_
#define ROSA_ADAPTERS_CONSOLE_LIVE_EVENTS_H_

#include <functional>
#include <memory>
#include <set>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "hub/outbox/event_notifier.h"

namespace httplib {
struct Response;
}

namespace rosa::console {

struct LiveStream;

class LiveEvents {
 public:
  // REQUIRES: `notifier` outlives this.
  LiveEvents(EventNotifier* notifier, int max_streams);
  ~LiveEvents() { Stop(); }

  // Makes `response` a text/event-stream for `partner`'s changes while
  // `alive()` holds. False (nothing set) when max_streams are open.
  bool Serve(httplib::Response& response, const std::string& partner,
             std::function<bool()> alive);
  // Ends every stream at its next wake-up and refuses new ones.
  void Stop();
  int open_streams() const;

 private:
  EventNotifier* notifier_;
  const int max_streams_;
  mutable absl::Mutex mu_;
  int open_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  // The open streams, so that Stop can wake each.
  std::set<std::shared_ptr<LiveStream>> streams_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_LIVE_EVENTS_H_
