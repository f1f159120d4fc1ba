// The framing between the hub and a plugin worker over their socketpair.
// A frame is a 12-byte header - body length (4 bytes, big-endian), kind,
// status code, flags, a zero byte, and the request id (4 bytes,
// big-endian) - followed by the body: a serialized
// plugin.proto message (DecodeRequest, EncodeRequest, their responses or the
// PluginManifest), or for a failure a short message that names the plugin
// and never quotes a payload.
//
// Conversation: the worker first sends kManifest (its plugin loaded and
// checked) or kFailure (why not), both with id 0, and exits on failure;
// then, for each kDecode or kEncode request, one kAnswer or kFailure
// carrying the request's id. The hub numbers its requests to a worker 1, 2,
// ... and takes only the answer with the id it sent: a worker that answers
// with another id, or says anything while it has no request, broke the
// protocol (worker_process.h), so that no answer is ever taken for another
// request's.
//
// Thread-safety: stateless functions; one thread at a time per descriptor.
#ifndef ROSA_HUB_PLUGIN_HOST_WORKER_WIRE_H_
#define ROSA_HUB_PLUGIN_HOST_WORKER_WIRE_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace rosa {

enum class FrameKind : uint8_t {
  kDecode = 1,    // hub -> worker: a serialized DecodeRequest.
  kEncode = 2,    // hub -> worker: a serialized EncodeRequest.
  kManifest = 3,  // worker -> hub, once: a serialized PluginManifest.
  kAnswer = 4,    // worker -> hub: the serialized response.
  kFailure = 5,   // worker -> hub: `code` and a message.
};

// Flag: the worker will exit after this frame and wants a successor.
inline constexpr uint8_t kFrameRetire = 1;

// Largest body either side accepts (the hub's payloads are far smaller).
inline constexpr size_t kMaxFrameBody = size_t{64} << 20;

// An answer is read only up to AnswerCap(size of the request's body): what
// a decoder needs for its commands (a few times the payload) and its
// errors and warnings (the SDK sends at most 101 of each, the core reads
// no more: a few dozen KiB), and what an encoder needs for a partner's
// document, far below kMaxAnswerBody. A worker that claims more is
// refused from the frame's header, before anything is allocated or
// parsed.
inline constexpr size_t kAnswerAllowance = size_t{1} << 20;
inline constexpr size_t kAnswerPerRequestByte = 4;
inline constexpr size_t kMaxAnswerBody = size_t{16} << 20;
size_t AnswerCap(size_t request_size);

struct Frame {
  FrameKind kind = FrameKind::kAnswer;
  uint8_t code = 0;  // absl::StatusCode of a kFailure.
  uint8_t flags = 0;
  uint32_t id = 0;  // The request's; an answer echoes it.
  std::string body;
};

// A kFailure frame carrying `status` (which must not be OK).
Frame FailureFrame(const absl::Status& status);
// The status a kFailure frame carries (never OK: an unknown code is
// INTERNAL). Only for a worker's load error, shown to operators: a failed
// call is FailedInsidePlugin (plugin_runner.h) whatever the frame says.
absl::Status FrameStatus(const Frame& frame);

// Writes `frame` to the socket `fd` (blocking or not). DEADLINE_EXCEEDED if
// `deadline` passes first: a reading of SteadyClock (hub/common/hub_clock.h)
// plus the time allowed, so that a wall-clock step neither cuts a call
// short nor stretches it (absl::InfiniteFuture() waits for ever);
// UNAVAILABLE if the peer is gone. Never raises SIGPIPE.
absl::Status WriteFrame(int fd, const Frame& frame, absl::Time deadline);

// Reads one frame. DEADLINE_EXCEEDED as above; UNAVAILABLE when the peer
// closed the socket (at a frame boundary or not); DATA_LOSS for a header
// that is not one (unknown kind, nonzero reserved byte, body over
// kMaxFrameBody); RESOURCE_EXHAUSTED for a body over `max_body`, read from
// the header alone (nothing of the body is read or allocated).
absl::StatusOr<Frame> ReadFrame(int fd, absl::Time deadline,
                                size_t max_body = kMaxFrameBody);

}  // namespace rosa

#endif  // ROSA_HUB_PLUGIN_HOST_WORKER_WIRE_H_
