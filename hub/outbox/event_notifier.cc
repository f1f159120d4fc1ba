#include "hub/outbox/event_notifier.h"

#include <utility>
#include <vector>

namespace rosa {

EventNotifier::EventNotifier() {
  dispatcher_ = std::thread([this] { DispatchLoop(); });
}

EventNotifier::~EventNotifier() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  dispatcher_.join();
}

uint64_t EventNotifier::Subscribe(const std::string& partner,
                                  Listener listener) {
  std::lock_guard<std::mutex> lock(mu_);
  const uint64_t handle = next_handle_++;
  entries_.emplace(
      handle,
      Entry{.listener = std::make_shared<const Listener>(std::move(listener)),
            .where = by_partner_.emplace(partner, handle)});
  return handle;
}

void EventNotifier::Unsubscribe(uint64_t handle) {
  std::unique_lock<std::mutex> lock(mu_);
  auto it = entries_.find(handle);
  if (it != entries_.end()) {
    by_partner_.erase(it->second.where);
    entries_.erase(it);
  }
  // The dispatcher checks entries_ before every call, so the listener will
  // not start again; wait for a call already under way.
  if (std::this_thread::get_id() == dispatcher_.get_id()) return;
  cv_.wait(lock, [&] { return running_ != handle; });
}

void EventNotifier::Notify(const std::string& partner) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++notified_;
    if (!dirty_.insert(partner).second) return;  // Already pending.
  }
  cv_.notify_all();
}

void EventNotifier::WaitIdle() {
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t target = notified_;
  cv_.wait(lock, [&] { return dispatched_ >= target || stopping_; });
}

void EventNotifier::DispatchLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [this] { return stopping_ || !dirty_.empty(); });
    if (stopping_) return;
    std::set<std::string> round;
    round.swap(dirty_);
    const uint64_t covered = notified_;
    for (const std::string& partner : round) {
      DispatchLocked(partner, lock);
      if (stopping_) return;
    }
    dispatched_ = covered;
    cv_.notify_all();
  }
}

void EventNotifier::DispatchLocked(const std::string& partner,
                                   std::unique_lock<std::mutex>& lock) {
  std::vector<uint64_t> handles;
  auto [begin, end] = by_partner_.equal_range(partner);
  for (auto it = begin; it != end; ++it) handles.push_back(it->second);
  for (const uint64_t handle : handles) {
    auto it = entries_.find(handle);
    if (it == entries_.end()) continue;  // Unsubscribed meanwhile.
    std::shared_ptr<const Listener> listener = it->second.listener;
    running_ = handle;
    lock.unlock();
    (*listener)();
    lock.lock();
    running_ = 0;
    cv_.notify_all();
  }
}

}  // namespace rosa
