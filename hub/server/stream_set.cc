#include "hub/server/stream_set.h"

#include "hub/server/grpc_status.h"

namespace rosa {

bool StreamSet::Add(ClosableStream* stream, const std::string& partner) {
  std::lock_guard<std::mutex> lock(mu_);
  if (closing_) {
    stream->Close(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                               "the hub is shutting down"));
    return false;
  }
  if (gate_ != nullptr) {
    if (absl::Status slot = gate_->OpenStream(partner); !slot.ok()) {
      stream->Close(ToGrpcStatus(slot, "stream"));
      return false;
    }
  }
  streams_.emplace(stream, partner);
  return true;
}

void StreamSet::Forget(ClosableStream* stream) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = streams_.find(stream);
  if (it == streams_.end()) return;
  if (gate_ != nullptr) gate_->CloseStream(it->second);
  streams_.erase(it);
}

void StreamSet::CloseAll() {
  std::lock_guard<std::mutex> lock(mu_);
  closing_ = true;
  for (const auto& [stream, partner] : streams_) {
    stream->Close(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                               "the hub is shutting down; reconnect with "
                               "your last cursor"));
  }
}

void StreamSet::EndOpen() {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [stream, partner] : streams_) {
    stream->Close(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                               "partner access changed; reconnect with your "
                               "last cursor"));
  }
}

}  // namespace rosa
