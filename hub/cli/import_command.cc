#include "hub/cli/import_command.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/util/json_util.h"
#include "hub/client/partner_channel.h"
#include "plugins/rosa_native/content_type.h"
#include "rosa/hub/v1/gateway_service.grpc.pb.h"

namespace rosa {
namespace {

namespace v1 = rosa::hub::v1;
namespace pv1 = rosa::plugin::v1;
namespace rosa_native = rosa::plugin::rosa_native;

constexpr absl::Duration kCallTimeout = absl::Seconds(60);

// Deterministic bytes, so that the same file always makes the same
// payload (and so the same idempotency keys).
std::string Serialize(const pv1::CommandBatch& batch) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream raw(&bytes);
    google::protobuf::io::CodedOutputStream out(&raw);
    out.SetSerializationDeterministic(true);
    batch.SerializeToCodedStream(&out);
  }
  return bytes;
}

}  // namespace

absl::StatusOr<pv1::CommandBatch> ParseImportLines(const std::string& text) {
  pv1::CommandBatch batch;
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  int number = 0;
  for (const std::string& line : lines) {
    ++number;
    pv1::HubCommand command;
    if (!google::protobuf::util::JsonStringToMessage(line, &command).ok() ||
        command.command_case() == pv1::HubCommand::COMMAND_NOT_SET) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", number, ": not a rosa.plugin.v1.HubCommand in JSON"));
    }
    *batch.add_commands() = std::move(command);
  }
  if (batch.commands_size() == 0) {
    return absl::InvalidArgumentError("the file holds no line");
  }
  return batch;
}

int RunImport(const ImportOptions& options) {
  std::ifstream in(options.file, std::ios::binary);
  if (!in) {
    std::cerr << "rosa-hub: cannot read " << options.file.string() << "\n";
    return 1;
  }
  const std::string text(std::istreambuf_iterator<char>(in), {});
  auto batch = ParseImportLines(text);
  if (!batch.ok()) {
    std::cerr << "rosa-hub: " << batch.status().message() << "\n";
    return 1;
  }
  auto channel =
      MakePartnerChannel(options.target, options.pki_dir, options.partner);
  if (!channel.ok()) {
    std::cerr << "rosa-hub: " << channel.status().message() << "\n";
    return 1;
  }
  auto gateway = v1::PartnerGateway::NewStub(*channel);
  v1::IngestRequest request;
  request.set_content_type(std::string(rosa_native::kCommandBatchType));
  request.set_payload(Serialize(*batch));
  v1::IngestResponse response;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
  const grpc::Status status = gateway->Ingest(&context, request, &response);
  if (!status.ok()) {
    std::cerr << "rosa-hub: import refused, nothing applied: "
              << status.error_message() << "\n";
    return 1;
  }
  int applied = 0, unchanged = 0;
  for (const v1::RecordOutcome& r : response.records()) {
    applied += r.result() == v1::RecordOutcome::RESULT_APPLIED;
    unchanged += r.result() == v1::RecordOutcome::RESULT_UNCHANGED;
  }
  std::cout << "imported " << batch->commands_size() << " lines: " << applied
            << " applied, " << unchanged << " already there\n";
  return 0;
}

}  // namespace rosa
