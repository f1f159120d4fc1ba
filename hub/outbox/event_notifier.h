// Tells live Watch streams that a partner's outbox has grown. It carries no
// event data: a woken stream re-reads its outbox from its own cursor, so a
// lost or repeated wake-up can never lose or repeat an event.
//
// Notify is called by the store's single writer after every commit, so it
// only marks the partner and returns: O(log partners), never a listener
// call. A dispatcher thread of the notifier's own then calls the partner's
// listeners, without holding the notifier's lock, so waking thousands of
// idle streams never holds up a commit. Notifications of one partner that
// arrive while its listeners have not yet run are coalesced into one call
// of each listener; every listener subscribed when Notify is called runs at
// least once after it.
//
// Thread-safety: all methods may be called from any thread. Listeners run
// on the dispatcher thread, one at a time, and must not block; they may call
// Subscribe and Notify, but not Unsubscribe.
#ifndef ROSA_HUB_OUTBOX_EVENT_NOTIFIER_H_
#define ROSA_HUB_OUTBOX_EVENT_NOTIFIER_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "hub/outbox/delivery_marks.h"

namespace rosa {

class EventNotifier {
 public:
  using Listener = std::function<void()>;

  // Starts the dispatcher thread.
  EventNotifier();
  // Stops the dispatcher after the listener it is running, if any; pending
  // notifications are dropped (their streams are gone too).
  ~EventNotifier();
  EventNotifier(const EventNotifier&) = delete;
  EventNotifier& operator=(const EventNotifier&) = delete;

  // Returns a handle for Unsubscribe.
  uint64_t Subscribe(const std::string& partner, Listener listener);
  // When it returns, the listener is not running and will not run again.
  // REQUIRES: not called from inside a listener.
  void Unsubscribe(uint64_t handle);
  // Marks `partner` for the dispatcher, which calls each of its listeners.
  // Never calls a listener itself and never waits for one.
  void Notify(const std::string& partner);
  // Waits until every notification made before the call has been
  // dispatched (for tests and orderly shutdown).
  // REQUIRES: not called from inside a listener.
  void WaitIdle();

  // How far each partner's streams have read (for the metrics); the
  // streams the notifier wakes record it here.
  DeliveryMarks& deliveries() { return deliveries_; }

 private:
  struct Entry {
    std::shared_ptr<const Listener> listener;
    // Its place in by_partner_.
    std::multimap<std::string, uint64_t>::iterator where;
  };

  void DispatchLoop();
  // Calls the listeners of `partner` one by one, each outside mu_.
  // REQUIRES: mu_ held (through `lock`); it is released around each call.
  void DispatchLocked(const std::string& partner,
                      std::unique_lock<std::mutex>& lock)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  DeliveryMarks deliveries_;
  std::mutex mu_;
  // Wakes the dispatcher (work or stop) and the waiters of Unsubscribe and
  // WaitIdle (a listener finished, a round finished).
  std::condition_variable cv_;
  uint64_t next_handle_ ABSL_GUARDED_BY(mu_) = 1;
  // handle -> listener. A listener being called is kept alive by its
  // shared_ptr even if it is unsubscribed meanwhile.
  std::map<uint64_t, Entry> entries_ ABSL_GUARDED_BY(mu_);
  // partner -> handles of its listeners.
  std::multimap<std::string, uint64_t> by_partner_ ABSL_GUARDED_BY(mu_);
  // Partners notified and not yet dispatched.
  std::set<std::string> dirty_ ABSL_GUARDED_BY(mu_);
  // The listener the dispatcher is calling now; 0 if none.
  uint64_t running_ ABSL_GUARDED_BY(mu_) = 0;
  // Counts notifications and finished dispatch rounds, for WaitIdle.
  uint64_t notified_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t dispatched_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread dispatcher_;
};

}  // namespace rosa

#endif  // ROSA_HUB_OUTBOX_EVENT_NOTIFIER_H_
