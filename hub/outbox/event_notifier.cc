#include "hub/outbox/event_notifier.h"

namespace rosa {

uint64_t EventNotifier::Subscribe(const std::string& partner,
                                  Listener listener) {
  std::lock_guard<std::mutex> lock(mu_);
  const uint64_t handle = next_handle_++;
  listeners_.emplace(partner, std::make_pair(handle, std::move(listener)));
  return handle;
}

void EventNotifier::Unsubscribe(uint64_t handle) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto it = listeners_.begin(); it != listeners_.end(); ++it) {
    if (it->second.first == handle) {
      listeners_.erase(it);
      return;
    }
  }
}

void EventNotifier::Notify(const std::string& partner) {
  // Listeners run under the lock so that Unsubscribe can promise that a
  // listener never runs after it returns; listeners only flag and schedule.
  std::lock_guard<std::mutex> lock(mu_);
  auto [begin, end] = listeners_.equal_range(partner);
  for (auto it = begin; it != end; ++it) it->second.second();
}

}  // namespace rosa
