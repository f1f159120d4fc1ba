// Tells live Watch streams that a partner's outbox has grown. It carries no
// event data: a woken stream re-reads its outbox from its own cursor, so a
// lost or repeated wake-up can never lose or repeat an event.
// Thread-safety: all methods may be called from any thread. Listeners run on
// the notifying thread (the store's writer) and must not block.
#ifndef ROSA_HUB_OUTBOX_EVENT_NOTIFIER_H_
#define ROSA_HUB_OUTBOX_EVENT_NOTIFIER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace rosa {

class EventNotifier {
 public:
  using Listener = std::function<void()>;

  // Returns a handle for Unsubscribe.
  uint64_t Subscribe(const std::string& partner, Listener listener);
  // When it returns, the listener is not running and will not run again.
  // REQUIRES: not called from inside a listener.
  void Unsubscribe(uint64_t handle);
  // Calls every listener of `partner`.
  void Notify(const std::string& partner);

 private:
  std::mutex mu_;
  uint64_t next_handle_ = 1;  // Guarded by mu_.
  // Guarded by mu_.
  std::multimap<std::string, std::pair<uint64_t, Listener>> listeners_;
};

}  // namespace rosa

#endif  // ROSA_HUB_OUTBOX_EVENT_NOTIFIER_H_
