// The open server streams of one service, so that shutdown can end them all
// (clients reconnect with their last cursor) and refuse new ones, and so
// that a revocation or registry change can end those open now. Each stream
// also holds one of its partner's stream slots at the PartnerGate while it
// is in the set.
// Thread-safety: all methods may be called from any thread.
#ifndef ROSA_HUB_SERVER_STREAM_SET_H_
#define ROSA_HUB_SERVER_STREAM_SET_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <mutex>
#include <string>

#include "absl/base/thread_annotations.h"
#include "hub/server/partner_gate.h"

namespace rosa {

class ClosableStream {
 public:
  virtual ~ClosableStream() = default;
  // Ends the stream with `status` (after any write in flight).
  virtual void Close(const grpc::Status& status) = 0;
};

class StreamSet {
 public:
  // `gate` counts each partner's open streams; nullptr counts nothing.
  // REQUIRES: `gate` outlives the set.
  explicit StreamSet(PartnerGate* gate = nullptr) : gate_(gate) {}

  // Adds the stream of `partner`. False (and the stream is closed) once
  // CloseAll has run (UNAVAILABLE) or when the partner has no stream slot
  // left (RESOURCE_EXHAUSTED).
  bool Add(ClosableStream* stream, const std::string& partner);
  // Removes the stream and gives its slot back. Harmless for a stream that
  // was refused.
  void Forget(ClosableStream* stream);
  // Ends every open stream with UNAVAILABLE and refuses new ones.
  void CloseAll();
  // Ends every stream open now with UNAVAILABLE; new ones are taken. Their
  // clients reconnect and go through the certificate and registry checks
  // again.
  void EndOpen();

 private:
  PartnerGate* const gate_;
  std::mutex mu_;
  // Open stream -> its partner.
  std::map<ClosableStream*, std::string> streams_ ABSL_GUARDED_BY(mu_);
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_STREAM_SET_H_
