// The open server streams of one service, so that shutdown can end them all
// (clients reconnect with their last cursor) and refuse new ones, and so
// that a revocation or registry change can end those open now.
// Thread-safety: all methods may be called from any thread.
#ifndef ROSA_HUB_SERVER_STREAM_SET_H_
#define ROSA_HUB_SERVER_STREAM_SET_H_

#include <mutex>
#include <set>

#include <grpcpp/grpcpp.h>

namespace rosa {

class ClosableStream {
 public:
  virtual ~ClosableStream() = default;
  // Ends the stream with `status` (after any write in flight).
  virtual void Close(const grpc::Status& status) = 0;
};

class StreamSet {
 public:
  // False (and the stream is closed) once CloseAll has run.
  bool Add(ClosableStream* stream);
  void Forget(ClosableStream* stream);
  // Ends every open stream with UNAVAILABLE and refuses new ones.
  void CloseAll();
  // Ends every stream open now with UNAVAILABLE; new ones are taken. Their
  // clients reconnect and go through the certificate and registry checks
  // again.
  void EndOpen();

 private:
  std::mutex mu_;
  std::set<ClosableStream*> streams_;  // Guarded by mu_.
  bool closing_ = false;               // Guarded by mu_.
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_STREAM_SET_H_
