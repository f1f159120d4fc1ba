#include "hub/server/grpc_status.h"

#include <optional>
#include <string>

#include "absl/strings/cord.h"
#include "hub/common/error_details.h"
#include "hub/common/log_text.h"
#include "spdlog/spdlog.h"

namespace rosa {

grpc::Status ToGrpcStatus(const absl::Status& status, std::string_view method) {
  if (status.ok()) return grpc::Status::OK;
  const auto code = static_cast<grpc::StatusCode>(status.code());
  switch (status.code()) {
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kUnknown:
      // Escaped: the message may carry words of a plugin's (through the
      // plugin host), which is not trusted with the log.
      spdlog::error("{}: {}: {}", method,
                    absl::StatusCodeToString(status.code()),
                    EscapeForLog(std::string(status.message())));
      return grpc::Status(code, "internal error; the request was not applied");
    default: {
      auto details = status.GetPayload(kErrorDetailsPayloadUrl);
      return grpc::Status(code, std::string(status.message()),
                          details.has_value() ? std::string(*details) : "");
    }
  }
}

absl::Time FromGrpcDeadline(std::chrono::system_clock::time_point deadline) {
  if (deadline == std::chrono::system_clock::time_point::max()) {
    return absl::InfiniteFuture();
  }
  return absl::FromChrono(deadline);
}

}  // namespace rosa
