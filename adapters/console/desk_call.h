// Calls an asynchronous desk method (one that answers through a Done
// callback on a store thread) from a console request thread and waits for
// the answer, at most `timeout` (then DEADLINE_EXCEEDED; the late answer
// is dropped safely).
// Thread-safety: call from console request threads, never from a store
// thread.
#ifndef ROSA_ADAPTERS_CONSOLE_DESK_CALL_H_
#define ROSA_ADAPTERS_CONSOLE_DESK_CALL_H_

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rosa::console {

inline constexpr absl::Duration kDeskTimeout = absl::Seconds(20);

// `start` receives the Done callback and starts the call, for example
//   AwaitDesk<v1::Referral>([&](auto done) {
//     desks.referrals->Get(partner, request, std::move(done)); });
template <typename T, typename Start>
absl::StatusOr<T> AwaitDesk(Start&& start,
                            absl::Duration timeout = kDeskTimeout) {
  auto promise = std::make_shared<std::promise<absl::StatusOr<T>>>();
  std::future<absl::StatusOr<T>> answer = promise->get_future();
  std::function<void(absl::StatusOr<T>)> done =
      [promise](absl::StatusOr<T> result) {
        promise->set_value(std::move(result));
      };
  start(std::move(done));
  if (answer.wait_for(absl::ToChronoMilliseconds(timeout)) !=
      std::future_status::ready) {
    return absl::DeadlineExceededError("the hub did not answer in time");
  }
  return answer.get();
}

// The deadline to pass to a desk write started now.
inline absl::Time DeskDeadline() { return absl::Now() + kDeskTimeout; }

}  // namespace rosa::console

#endif  // ROSA_ADAPTERS_CONSOLE_DESK_CALL_H_
