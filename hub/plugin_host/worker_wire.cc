#include "hub/plugin_host/worker_wire.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

#include "absl/strings/str_cat.h"
#include "hub/common/hub_clock.h"

namespace rosa {
namespace {

constexpr size_t kHeader = 12;

// Waits until `fd` is ready for `events` or `deadline` passes. With an
// infinite deadline it does not wait at all: the descriptor blocks.
absl::Status WaitFor(int fd, short events, absl::Time deadline) {
  if (deadline == absl::InfiniteFuture()) return absl::OkStatus();
  while (true) {
    const absl::Duration left = deadline - SteadyClock().Now();
    if (left <= absl::ZeroDuration()) {
      return absl::DeadlineExceededError("plugin worker: no answer in time");
    }
    struct pollfd p = {fd, events, 0};
    const int ms = static_cast<int>(
        absl::ToInt64Milliseconds(left + absl::Microseconds(999)));
    const int n = poll(&p, 1, ms);
    if (n > 0) return absl::OkStatus();
    if (n < 0 && errno != EINTR) {
      return absl::ErrnoToStatus(errno, "plugin worker: poll");
    }
  }
}

bool Retry(ssize_t n) {
  return n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK);
}

absl::Status SendAll(int fd, const char* data, size_t size,
                     absl::Time deadline) {
  while (size > 0) {
    if (absl::Status s = WaitFor(fd, POLLOUT, deadline); !s.ok()) return s;
    const ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
    if (Retry(n)) continue;
    if (n <= 0) return absl::UnavailableError("plugin worker: socket closed");
    data += n;
    size -= static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

absl::Status ReceiveAll(int fd, char* data, size_t size, absl::Time deadline) {
  while (size > 0) {
    if (absl::Status s = WaitFor(fd, POLLIN, deadline); !s.ok()) return s;
    const ssize_t n = recv(fd, data, size, 0);
    if (Retry(n)) continue;
    if (n <= 0) return absl::UnavailableError("plugin worker: socket closed");
    data += n;
    size -= static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

}  // namespace

Frame FailureFrame(const absl::Status& status) {
  Frame frame;
  frame.kind = FrameKind::kFailure;
  frame.code = static_cast<uint8_t>(status.code());
  frame.body = std::string(status.message());
  return frame;
}

absl::Status FrameStatus(const Frame& frame) {
  const auto code = static_cast<absl::StatusCode>(frame.code);
  if (frame.code == 0 || frame.code > 16)
    return absl::InternalError(frame.body);
  return absl::Status(code, frame.body);
}

absl::Status WriteFrame(int fd, const Frame& frame, absl::Time deadline) {
  if (frame.body.size() > kMaxFrameBody) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "plugin worker: a frame of ", frame.body.size(), " bytes is too big"));
  }
  const auto size = static_cast<uint32_t>(frame.body.size());
  std::string out;
  out.reserve(kHeader + frame.body.size());
  out.push_back(static_cast<char>(size >> 24));
  out.push_back(static_cast<char>(size >> 16));
  out.push_back(static_cast<char>(size >> 8));
  out.push_back(static_cast<char>(size));
  out.push_back(static_cast<char>(frame.kind));
  out.push_back(static_cast<char>(frame.code));
  out.push_back(static_cast<char>(frame.flags));
  out.push_back('\0');
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>(frame.id >> shift));
  }
  out += frame.body;
  return SendAll(fd, out.data(), out.size(), deadline);
}

size_t AnswerCap(size_t request_size) {
  if (request_size >= kMaxAnswerBody / kAnswerPerRequestByte) {
    return kMaxAnswerBody;
  }
  return std::min(kMaxAnswerBody,
                  kAnswerAllowance + kAnswerPerRequestByte * request_size);
}

absl::StatusOr<Frame> ReadFrame(int fd, absl::Time deadline, size_t max_body) {
  unsigned char header[kHeader];
  if (absl::Status s =
          ReceiveAll(fd, reinterpret_cast<char*>(header), kHeader, deadline);
      !s.ok()) {
    return s;
  }
  const size_t size = (size_t{header[0]} << 24) | (size_t{header[1]} << 16) |
                      (size_t{header[2]} << 8) | size_t{header[3]};
  const uint8_t kind = header[4];
  if (kind < static_cast<uint8_t>(FrameKind::kDecode) ||
      kind > static_cast<uint8_t>(FrameKind::kFailure) || header[7] != 0 ||
      size > kMaxFrameBody) {
    return absl::DataLossError("plugin worker: not a frame header");
  }
  if (size > max_body) {
    return absl::ResourceExhaustedError(
        absl::StrCat("plugin worker: a frame of ", size,
                     " bytes, over the cap of ", max_body));
  }
  Frame frame;
  frame.kind = static_cast<FrameKind>(kind);
  frame.code = header[5];
  frame.flags = header[6];
  frame.id = (uint32_t{header[8]} << 24) | (uint32_t{header[9]} << 16) |
             (uint32_t{header[10]} << 8) | uint32_t{header[11]};
  frame.body.resize(size);
  if (absl::Status s = ReceiveAll(fd, frame.body.data(), size, deadline);
      !s.ok()) {
    return s;
  }
  return frame;
}

}  // namespace rosa
