#include "hub/users/session_book.h"

#include "hub/users/secret_token.h"

namespace rosa::users {

SessionBook::SessionBook(const Clock* clock, Options options)
    : clock_(clock), options_(options) {}

Session SessionBook::Open(std::string_view partner, std::string_view user) {
  const absl::Time now = clock_->Now();
  Session session{.id = RandomToken(32),
                  .partner = std::string(partner),
                  .user = std::string(user),
                  .csrf = RandomToken(32),
                  .opened = now,
                  .last_seen = now};
  absl::MutexLock lock(&mu_);
  DropExpiredLocked(now);
  while (sessions_.size() >= options_.max_sessions && !sessions_.empty()) {
    auto oldest = sessions_.begin();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
      if (it->second.last_seen < oldest->second.last_seen) oldest = it;
    }
    sessions_.erase(oldest);
  }
  sessions_[session.id] = session;
  return session;
}

std::optional<Session> SessionBook::Touch(std::string_view id) {
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (Expired(it->second, now)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

std::optional<Session> SessionBook::Peek(std::string_view id) const {
  const absl::Time now = clock_->Now();
  absl::MutexLock lock(&mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end() || Expired(it->second, now)) return std::nullopt;
  return it->second;
}

void SessionBook::Close(std::string_view id) {
  absl::MutexLock lock(&mu_);
  auto it = sessions_.find(id);
  if (it != sessions_.end()) sessions_.erase(it);
}

void SessionBook::CloseUser(std::string_view partner, std::string_view user) {
  absl::MutexLock lock(&mu_);
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (it->second.partner == partner && it->second.user == user) {
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
}

size_t SessionBook::size() const {
  absl::MutexLock lock(&mu_);
  return sessions_.size();
}

bool SessionBook::CsrfMatches(const Session& session, std::string_view token) {
  return !token.empty() && SameSecret(session.csrf, token);
}

bool SessionBook::Expired(const Session& session, absl::Time now) const {
  return now - session.last_seen >= options_.idle ||
         now - session.opened >= options_.max_age;
}

void SessionBook::DropExpiredLocked(absl::Time now) {
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    if (Expired(it->second, now)) {
      it = sessions_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace rosa::users
