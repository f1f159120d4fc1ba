// ThreadSanitizer build only (ROSA_SANITIZE=thread): tells TSan about
// absl::Mutex. Debian's abseil is not built with TSan, so its Mutex (which
// sleeps on futexes, not pthread mutexes) is invisible to TSan, and every
// member an absl::Mutex guards would show as a data race. The linker's
// --wrap (set beside this file in CMakeLists.txt for every executable of
// the TSan build) sends this repository's calls to the Mutex through the
// wrappers below, which add the happens-before edges the Mutex gives:
// release before an unlock, acquire after a lock, both around a wait. Calls
// from inside other prebuilt libraries are not wrapped; those libraries'
// memory accesses are not instrumented either.
//
// Thread-safety: as absl::Mutex.
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

extern "C" {
void __tsan_acquire(void* addr);
void __tsan_release(void* addr);
}

namespace rosa_tsan {

using absl::Condition;
using absl::CondVar;
using absl::Duration;
using absl::Mutex;

// Names as Debian's libabsl_synchronization.so.20220623 exports them.
#define ROSA_MUTEX(name) "_ZN4absl7debian35Mutex" name
#define ROSA_CONDVAR(name) "_ZN4absl7debian37CondVar" name

void RealLock(Mutex*) __asm__("__real_" ROSA_MUTEX("4LockEv"));
void RealUnlock(Mutex*) __asm__("__real_" ROSA_MUTEX("6UnlockEv"));
void RealReaderLock(Mutex*) __asm__("__real_" ROSA_MUTEX("10ReaderLockEv"));
void RealReaderUnlock(Mutex*) __asm__("__real_" ROSA_MUTEX("12ReaderUnlockEv"));
bool RealTryLock(Mutex*) __asm__("__real_" ROSA_MUTEX("7TryLockEv"));
void RealLockWhen(Mutex*, const Condition&) __asm__(
    "__real_" ROSA_MUTEX("8LockWhenERKNS0_9ConditionE"));
void RealAwait(Mutex*, const Condition&) __asm__(
    "__real_" ROSA_MUTEX("5AwaitERKNS0_9ConditionE"));
void RealWait(CondVar*,
              Mutex*) __asm__("__real_" ROSA_CONDVAR("4WaitEPNS0_5MutexE"));
bool RealWaitWithTimeout(CondVar*, Mutex*, Duration) __asm__(
    "__real_" ROSA_CONDVAR("15WaitWithTimeoutEPNS0_5MutexENS0_8DurationE"));

void WrapLock(Mutex* mu) __asm__("__wrap_" ROSA_MUTEX("4LockEv"));
void WrapUnlock(Mutex* mu) __asm__("__wrap_" ROSA_MUTEX("6UnlockEv"));
void WrapReaderLock(Mutex* mu) __asm__("__wrap_" ROSA_MUTEX("10ReaderLockEv"));
void WrapReaderUnlock(Mutex* mu) __asm__(
    "__wrap_" ROSA_MUTEX("12ReaderUnlockEv"));
bool WrapTryLock(Mutex* mu) __asm__("__wrap_" ROSA_MUTEX("7TryLockEv"));
void WrapLockWhen(Mutex* mu, const Condition& c) __asm__(
    "__wrap_" ROSA_MUTEX("8LockWhenERKNS0_9ConditionE"));
void WrapAwait(Mutex* mu, const Condition& c) __asm__(
    "__wrap_" ROSA_MUTEX("5AwaitERKNS0_9ConditionE"));
void WrapWait(CondVar* cv,
              Mutex* mu) __asm__("__wrap_" ROSA_CONDVAR("4WaitEPNS0_5MutexE"));
bool WrapWaitWithTimeout(CondVar* cv, Mutex* mu, Duration d) __asm__(
    "__wrap_" ROSA_CONDVAR("15WaitWithTimeoutEPNS0_5MutexENS0_8DurationE"));

// Defined under the asm names above, where the linker looks for them.
__attribute__((used)) void WrapLock(Mutex* mu) {
  RealLock(mu);
  __tsan_acquire(mu);
}
__attribute__((used)) void WrapUnlock(Mutex* mu) {
  __tsan_release(mu);
  RealUnlock(mu);
}
__attribute__((used)) void WrapReaderLock(Mutex* mu) {
  RealReaderLock(mu);
  __tsan_acquire(mu);
}
__attribute__((used)) void WrapReaderUnlock(Mutex* mu) {
  __tsan_release(mu);
  RealReaderUnlock(mu);
}
__attribute__((used)) bool WrapTryLock(Mutex* mu) {
  const bool locked = RealTryLock(mu);
  if (locked) __tsan_acquire(mu);
  return locked;
}
__attribute__((used)) void WrapLockWhen(Mutex* mu, const Condition& c) {
  RealLockWhen(mu, c);
  __tsan_acquire(mu);
}
__attribute__((used)) void WrapAwait(Mutex* mu, const Condition& c) {
  __tsan_release(mu);
  RealAwait(mu, c);
  __tsan_acquire(mu);
}
__attribute__((used)) void WrapWait(CondVar* cv, Mutex* mu) {
  __tsan_release(mu);
  RealWait(cv, mu);
  __tsan_acquire(mu);
}
__attribute__((used)) bool WrapWaitWithTimeout(CondVar* cv, Mutex* mu,
                                               Duration d) {
  __tsan_release(mu);
  const bool timed_out = RealWaitWithTimeout(cv, mu, d);
  __tsan_acquire(mu);
  return timed_out;
}

}  // namespace rosa_tsan
