// The web console's sessions, kept in the hub's memory only (a restart
// logs everyone out): a random id (the cookie), the user it belongs to and
// the session's CSRF token, which every form carries back. A session ends
// after `idle` without a request (15 minutes), `max_age` after its login
// (12 hours) however busy, at logout, or when its user is disabled. A page's
// own live updates (Peek, IsLive) do not count as requests: a screen left
// open is not a person at work.
// Thread-safety: every method is thread-safe.
#ifndef ROSA_HUB_USERS_SESSION_BOOK_H_
#define ROSA_HUB_USERS_SESSION_BOOK_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "hub/common/clock.h"

namespace rosa::users {

struct Session {
  std::string id;
  std::string partner;
  std::string user;
  std::string csrf;
  absl::Time opened;
  absl::Time last_seen;
};

class SessionBook {
 public:
  struct Options {
    absl::Duration idle = absl::Minutes(15);
    absl::Duration max_age = absl::Hours(12);
    // Most sessions at once; the oldest idle one goes first.
    size_t max_sessions = 10000;
  };
  // REQUIRES: `clock` outlives the book.
  SessionBook(const Clock* clock, Options options);
  explicit SessionBook(const Clock* clock) : SessionBook(clock, Options{}) {}

  // A new session for partner/user.
  Session Open(std::string_view partner, std::string_view user);
  // The live session with this id, its idle time restarted; nullopt for an
  // unknown or idle-expired id (which is then forgotten).
  std::optional<Session> Touch(std::string_view id);
  // The live session with this id without restarting its idle time (for a
  // page's live updates, which must not keep it alive); nullopt otherwise.
  std::optional<Session> Peek(std::string_view id) const;
  // Peek(id).has_value().
  bool IsLive(std::string_view id) const { return Peek(id).has_value(); }
  void Close(std::string_view id);
  // Ends every session of partner/user.
  void CloseUser(std::string_view partner, std::string_view user);
  size_t size() const;

  // True iff `token` is the session's CSRF token (constant time).
  static bool CsrfMatches(const Session& session, std::string_view token);

 private:
  bool Expired(const Session& session, absl::Time now) const;
  void DropExpiredLocked(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const Clock* clock_;
  const Options options_;
  mutable absl::Mutex mu_;
  std::map<std::string, Session, std::less<>> sessions_ ABSL_GUARDED_BY(mu_);
};

}  // namespace rosa::users

#endif  // ROSA_HUB_USERS_SESSION_BOOK_H_
