#include "hub/plugin_host/fork_server_wire.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>


namespace rosa {
namespace {

// Paths and numbers: far less than this.
constexpr size_t kMaxMessage = 16 << 10;
constexpr size_t kMaxFds = 2;

bool KnownKind(char c) {
  switch (static_cast<ForkServerKind>(c)) {
    case ForkServerKind::kSpawn:
    case ForkServerKind::kSpawned:
    case ForkServerKind::kRefused:
    case ForkServerKind::kExited:
      return true;
  }
  return false;
}

}  // namespace

absl::Status SendForkServerMessage(int fd, const ForkServerMessage& message) {
  std::string data(1, static_cast<char>(message.kind));
  for (size_t i = 0; i < message.fields.size(); ++i) {
    if (i > 0) data.push_back('\0');
    data += message.fields[i];
  }
  if (data.size() > kMaxMessage || message.fds.size() > kMaxFds) {
    return absl::InvalidArgumentError("plugin fork server: message too large");
  }
  struct iovec iov = {data.data(), data.size()};
  struct msghdr msg = {};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(struct cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)];
  if (!message.fds.empty()) {
    const size_t bytes = sizeof(int) * message.fds.size();
    msg.msg_control = control;
    msg.msg_controllen = CMSG_SPACE(bytes);
    struct cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(bytes);
    std::memcpy(CMSG_DATA(c), message.fds.data(), bytes);
  }
  while (true) {
    const ssize_t n = sendmsg(fd, &msg, MSG_NOSIGNAL);
    if (n == static_cast<ssize_t>(data.size())) return absl::OkStatus();
    if (n < 0 && errno == EINTR) continue;
    return absl::UnavailableError("plugin fork server: control socket closed");
  }
}

absl::StatusOr<ForkServerMessage> ReceiveForkServerMessage(int fd, bool wait) {
  char data[kMaxMessage + 1];
  struct iovec iov = {data, sizeof(data)};
  struct msghdr msg = {};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(struct cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxFds)];
  msg.msg_control = control;
  msg.msg_controllen = sizeof(control);
  ssize_t n;
  do {
    n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC | (wait ? 0 : MSG_DONTWAIT));
  } while (n < 0 && errno == EINTR);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
    return absl::ResourceExhaustedError("plugin fork server: no message");
  }
  if (n <= 0) {
    return absl::UnavailableError("plugin fork server: control socket closed");
  }
  ForkServerMessage message;
  for (struct cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr;
       c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    const size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (size_t i = 0; i < count; ++i) {
      int received;
      std::memcpy(&received, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
      message.fds.push_back(received);
    }
  }
  if ((msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0 || !KnownKind(data[0])) {
    for (int d : message.fds) close(d);
    return absl::DataLossError("plugin fork server: malformed message");
  }
  message.kind = static_cast<ForkServerKind>(data[0]);
  if (n > 1) {
    std::string_view rest(data + 1, static_cast<size_t>(n) - 1);
    while (true) {
      const size_t end = rest.find('\0');
      message.fields.emplace_back(rest.substr(0, end));
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }
  return message;
}

}  // namespace rosa
