#include "adapters/file_drop/inboxes.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <future>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "adapters/file_drop/file_names.h"
#include "adapters/file_drop/folder_cleanup.h"
#include "adapters/file_drop/inbox_file.h"
#include "adapters/file_drop/thrown.h"
#include "hub/common/log_text.h"
#include "hub/common/private_file.h"
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

bool Inboxes::Round(const Partner& partner,
                    const std::function<bool()>& stopping) {
  if (IsPaused(partner)) return false;
  if (!EnsureFolders(partner)) return false;
  const fs::path inbox = Folder(partner, "inbox");
  std::deque<std::string>& queue = queued_[partner.id];
  if (queue.empty()) {
    absl::StatusOr<std::vector<std::string>> names = EntryNames(inbox);
    if (!names.ok()) return false;
    std::sort(names->begin(), names->end());
    ForgetGone(partner, *names);
    for (std::string& name : *names) {
      if (!IsIncompleteFile(name)) queue.push_back(std::move(name));
    }
  }
  const auto until = std::chrono::steady_clock::now() + kTimePerRound;
  for (int taken = 0; !queue.empty() && taken < kFilesPerRound &&
                      std::chrono::steady_clock::now() < until;) {
    if (stopping()) return false;
    const std::string name = std::move(queue.front());
    queue.pop_front();
    const fs::path file = inbox / name;
    struct stat st {};
    // Gone meanwhile, or a subfolder (left alone). Symlinks, FIFOs and
    // devices are refused by ProcessFile (never followed or opened).
    if (::lstat(file.c_str(), &st) != 0 || S_ISDIR(st.st_mode)) continue;
    const FileKey key{partner.id, name};
    if (IsSetAside(key, st)) continue;
    ++taken;
    if (IsPaused(partner)) return false;  // Its files wait in the queue.
    try {
      if (!ProcessFile(partner, file).ok()) PutAside(key, st);  // Logged.
    } catch (...) {
      // Not out of the thread, and not again at once.
      spdlog::error("file drop: {}: {} set aside: {} while it was processed",
                    partner.id, EscapeForLog(name), DescribeThrown());
      PutAside(key, st);
    }
  }
  return !queue.empty();
}

bool Inboxes::EnsureFolders(const Partner& partner) {
  absl::Status made = EnsureDirectory(Folder(partner, "inbox"));
  for (const char* name : {"processed", "rejected"}) {
    if (made.ok()) made = EnsurePrivateDirectory(Folder(partner, name));
  }
  if (made.ok()) {
    folders_missing_.erase(partner.id);
    return true;
  }
  if (folders_missing_.insert(partner.id).second) {
    spdlog::error("file drop: {}: its inbox waits: {}", partner.id,
                  std::string(made.message()));
  }
  return false;
}

bool Inboxes::IsPaused(const Partner& partner) {
  auto it = paused_until_.find(partner.id);
  if (it == paused_until_.end()) return false;
  if (options_.clock->Now() < it->second) return true;
  paused_until_.erase(it);
  return false;
}

void Inboxes::PutAside(const FileKey& key, const struct stat& st) {
  spdlog::warn("file drop: {}: {} left in the inbox, not taken again for {}",
               key.first, EscapeForLog(key.second),
               absl::FormatDuration(kSetAsideFor));
  set_aside_[key] = SetAside{.device = st.st_dev,
                             .inode = st.st_ino,
                             .size = st.st_size,
                             .until = options_.clock->Now() + kSetAsideFor};
}

bool Inboxes::IsSetAside(const FileKey& key, const struct stat& st) {
  auto it = set_aside_.find(key);
  if (it == set_aside_.end()) return false;
  const SetAside& aside = it->second;
  if (aside.device == st.st_dev && aside.inode == st.st_ino &&
      aside.size == st.st_size && options_.clock->Now() < aside.until) {
    return true;
  }
  set_aside_.erase(it);
  return false;
}

void Inboxes::ForgetGone(const Partner& partner,
                         const std::vector<std::string>& names) {
  const std::set<std::string> present(names.begin(), names.end());
  for (auto it = set_aside_.lower_bound({partner.id, ""});
       it != set_aside_.end() && it->first.first == partner.id;) {
    it = present.contains(it->first.second) ? std::next(it)
                                            : set_aside_.erase(it);
  }
}

absl::Status Inboxes::ProcessFile(const Partner& partner,
                                  const fs::path& file) {
  const std::string name = file.filename().string();
  const FileAwayFolders away = {.processed = Folder(partner, "processed"),
                                .rejected = Folder(partner, "rejected")};
  auto bytes = ReadInboxFile(file, options_.max_payload_bytes, ::geteuid());
  if (absl::IsNotFound(bytes.status())) {
    return absl::OkStatus();  // Gone: nothing to do.
  }
  if (absl::IsUnavailable(bytes.status())) {
    spdlog::warn("file drop: {}: {} left in the inbox: {}", partner.id,
                 EscapeForLog(name), std::string(bytes.status().message()));
    return absl::OkStatus();
  }
  if (!bytes.ok()) {
    return FileAway(partner, file, away, bytes.status(), options_.clock->Now());
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
  if (absl::IsResourceExhausted(outcome)) {
    paused_until_[partner.id] = options_.clock->Now() + kOverBudgetPause;
    spdlog::info("file drop: {}: over its budget; its inbox waits {}",
                 partner.id, absl::FormatDuration(kOverBudgetPause));
  }
  return FileAway(partner, file, away, outcome, options_.clock->Now());
}

}  // namespace rosa
