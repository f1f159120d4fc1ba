#include "adapters/file_drop/inboxes.h"

#include <unistd.h>

#include <algorithm>
#include <future>
#include <string>
#include <utility>
#include <vector>

#include "adapters/file_drop/file_names.h"
#include "adapters/file_drop/inbox_file.h"
#include "hub/common/log_text.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
namespace v1 = rosa::hub::v1;

}  // namespace

Inboxes::Inboxes(IngestDesk* ingest, Options options)
    : ingest_(ingest), options_(std::move(options)) {}

fs::path Inboxes::Folder(const Partner& partner, const char* name) const {
  return options_.root / partner.id / name;
}

void Inboxes::Round(const Partner& partner,
                    const std::function<bool()>& stopping) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry :
       fs::directory_iterator(Folder(partner, "inbox"), ec)) {
    // Subfolders are left alone; symlinks, FIFOs and devices are refused
    // by ProcessFile (never followed or opened).
    if (entry.symlink_status(ec).type() == fs::file_type::directory) continue;
    if (IsIncompleteFile(entry.path().filename().string())) continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    if (stopping()) return;
    ProcessFile(partner, file);
  }
}

void Inboxes::ProcessFile(const Partner& partner, const fs::path& file) {
  const std::string name = file.filename().string();
  const FileAwayFolders away = {.processed = Folder(partner, "processed"),
                                .rejected = Folder(partner, "rejected")};
  auto bytes = ReadInboxFile(file, options_.max_payload_bytes, ::geteuid());
  if (absl::IsNotFound(bytes.status())) return;  // Gone: nothing to do.
  if (absl::IsUnavailable(bytes.status())) {
    spdlog::warn("file drop: {}: {} left in the inbox: {}", partner.id,
                 EscapeForLog(name), std::string(bytes.status().message()));
    return;
  }
  if (!bytes.ok()) {
    FileAway(partner, file, away, bytes.status(), options_.clock->Now());
    return;
  }
  v1::IngestRequest request;
  request.set_payload(*std::move(bytes));
  auto content_type =
      absl::StatusOr<std::string>(absl::UnavailableError("plugin not loaded"));
  if (auto plugin = ingest_->PluginFor(partner); plugin != nullptr) {
    content_type = ContentTypeForFile(name, plugin->manifest());
  }
  absl::Status outcome = content_type.status();
  if (content_type.ok()) {
    request.set_content_type(*content_type);
    std::promise<absl::Status> applied;
    ingest_->Ingest(partner, request, absl::Now() + absl::Seconds(60),
                    [&applied](absl::StatusOr<v1::IngestResponse> r) {
                      applied.set_value(r.status());
                    });
    outcome = applied.get_future().get();
  }
  FileAway(partner, file, away, outcome, options_.clock->Now());
}

}  // namespace rosa
