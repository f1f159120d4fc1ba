// `rosa-hub import`: moves a documented JSON-lines export of ROSA's
// existing journals into the running hub, all or nothing.
//
//   rosa-hub import --file export.jsonl [--hub 127.0.0.1:50051]
//                   [--pki-dir var/pki] [--partner rosa]
//
// Each line is one rosa.plugin.v1.HubCommand in protobuf's JSON form:
//   {"recordJournalEntry": {"record": {"personId": "P-...", "occurredAt":
//     "2019-03-01T10:00:00Z", "assistanceStarted": {}}}}
//   {"recordInquiry": {"inquiry": {...}}}
// (no blank lines inside; idempotency keys may be left out). The lines are
// sent as ONE rosa-native CommandBatch through PartnerGateway.Ingest over
// mutual TLS as ROSA, so the hub applies every line or none, with the same
// validation and rights as the API, and the keys come from the file's
// bytes: importing the same file again changes nothing. At most 5 000
// lines and 1 MiB per file (split larger exports).
//
// Thread-safety: call once from main.
#ifndef ROSA_HUB_CLI_IMPORT_COMMAND_H_
#define ROSA_HUB_CLI_IMPORT_COMMAND_H_

#include <filesystem>
#include <string>

#include "absl/status/statusor.h"
#include "rosa/plugin/v1/plugin.pb.h"

namespace rosa {

struct ImportOptions {
  std::filesystem::path file;
  std::string target = "127.0.0.1:50051";
  std::filesystem::path pki_dir = "var/pki";
  std::string partner = "rosa";
};

// The file's lines as one batch; INVALID_ARGUMENT "line N: ..." naming the
// first line that is not a HubCommand (never its content).
absl::StatusOr<rosa::plugin::v1::CommandBatch> ParseImportLines(
    const std::string& text);

// The process exit code: 0 when the hub applied the whole file.
int RunImport(const ImportOptions& options);

}  // namespace rosa

#endif  // ROSA_HUB_CLI_IMPORT_COMMAND_H_
