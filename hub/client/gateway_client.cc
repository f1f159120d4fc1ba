#include "hub/client/gateway_client.h"

#include <chrono>
#include <memory>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "rosa/hub/v1/gateway_service.grpc.pb.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;

absl::Status FromGrpc(const grpc::Status& s) {
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                      s.error_message());
}

std::string ResultName(v1::RecordOutcome::Result result) {
  switch (result) {
    case v1::RecordOutcome::RESULT_APPLIED:
      return "APPLIED";
    case v1::RecordOutcome::RESULT_UNCHANGED:
      return "UNCHANGED (applied before)";
    case v1::RecordOutcome::RESULT_REJECTED:
      return "REJECTED";
    case v1::RecordOutcome::RESULT_NOT_APPLIED:
      return "NOT APPLIED (another record was rejected)";
    default:
      return "UNKNOWN";
  }
}

}  // namespace

IngestResult IngestPayload(const std::shared_ptr<grpc::Channel>& channel,
                           const std::string& content_type,
                           const std::string& payload, absl::Duration timeout) {
  auto stub = v1::PartnerGateway::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       absl::ToChronoMilliseconds(timeout));
  v1::IngestRequest request;
  request.set_content_type(content_type);
  request.set_payload(payload);
  IngestResult result;
  const grpc::Status s = stub->Ingest(&context, request, &result.response);
  result.status = FromGrpc(s);
  if (!s.ok()) {
    // A refused payload: every record's outcome is in the details.
    result.response.Clear();
    if (!s.error_details().empty() &&
        !result.response.ParseFromString(s.error_details())) {
      result.response.Clear();
    }
  }
  return result;
}

std::string OutcomeLine(const v1::RecordOutcome& outcome) {
  std::string line =
      absl::StrCat(outcome.record(), ": ", ResultName(outcome.result()));
  if (!outcome.object_id().empty())
    absl::StrAppend(&line, " ", outcome.object_id());
  if (!outcome.field().empty()) absl::StrAppend(&line, ": ", outcome.field());
  if (!outcome.reason().empty()) absl::StrAppend(&line, ": ", outcome.reason());
  return line;
}

absl::Status SubscribeEncoded(
    const std::shared_ptr<grpc::Channel>& channel, uint64_t after_cursor,
    absl::Duration duration,
    const std::function<bool(const v1::EncodedEvent&)>& on_event) {
  auto stub = v1::PartnerGateway::NewStub(channel);
  grpc::ClientContext context;
  if (duration > absl::ZeroDuration()) {
    context.set_deadline(std::chrono::system_clock::now() +
                         absl::ToChronoMilliseconds(duration));
  }
  v1::SubscribeRequest request;
  request.set_after_cursor(after_cursor);
  auto reader = stub->Subscribe(&context, request);
  v1::EncodedEvent event;
  while (reader->Read(&event)) {
    if (!on_event(event)) {
      context.TryCancel();
      reader->Finish();
      return absl::OkStatus();
    }
  }
  const grpc::Status s = reader->Finish();
  // The time asked for has passed: a normal end.
  if (s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED &&
      duration > absl::ZeroDuration()) {
    return absl::OkStatus();
  }
  return FromGrpc(s);
}

}  // namespace rosa
