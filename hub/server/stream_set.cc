#include "hub/server/stream_set.h"

namespace rosa {

bool StreamSet::Add(ClosableStream* stream) {
  std::lock_guard<std::mutex> lock(mu_);
  if (closing_) {
    stream->Close(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                               "the hub is shutting down"));
    return false;
  }
  streams_.insert(stream);
  return true;
}

void StreamSet::Forget(ClosableStream* stream) {
  std::lock_guard<std::mutex> lock(mu_);
  streams_.erase(stream);
}

void StreamSet::CloseAll() {
  std::lock_guard<std::mutex> lock(mu_);
  closing_ = true;
  for (ClosableStream* stream : streams_) {
    stream->Close(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                               "the hub is shutting down; reconnect with "
                               "your last cursor"));
  }
}

void StreamSet::EndOpen() {
  std::lock_guard<std::mutex> lock(mu_);
  for (ClosableStream* stream : streams_) {
    stream->Close(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                               "partner access changed; reconnect with your "
                               "last cursor"));
  }
}

}  // namespace rosa
