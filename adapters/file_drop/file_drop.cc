#include "adapters/file_drop/file_drop.h"

#include <algorithm>
#include <future>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "adapters/file_drop/file_names.h"
#include "hub/exchange/render_page.h"
#include "hub/common/error_details.h"
#include "hub/common/private_file.h"
#include "hub/server/outbox_page.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
namespace v1 = rosa::hub::v1;

// Transient failures leave the file in the inbox for the next round.
bool IsTransient(const absl::Status& s) {
  return s.code() == absl::StatusCode::kUnavailable ||
         s.code() == absl::StatusCode::kDeadlineExceeded ||
         s.code() == absl::StatusCode::kInternal ||
         s.code() == absl::StatusCode::kDataLoss ||
         s.code() == absl::StatusCode::kAborted;
}

// `dir/name`, or `dir/name-2`, `-3`... if taken.
fs::path FreeName(const fs::path& dir, const std::string& name) {
  fs::path candidate = dir / name;
  for (int i = 2; fs::exists(candidate); ++i) {
    candidate = dir / absl::StrCat(name, "-", i);
  }
  return candidate;
}

std::string ErrorReport(const std::string& file, const absl::Status& status) {
  std::string out = absl::StrCat(
      "rosa-hub refused ", file, ": nothing in it was applied.\n",
      "code: ", absl::StatusCodeToString(status.code()), "\n\n");
  v1::IngestResponse details;
  auto payload = status.GetPayload(kErrorDetailsPayloadUrl);
  if (payload.has_value() && details.ParseFromString(std::string(*payload))) {
    for (const v1::RecordOutcome& r : details.records()) {
      if (r.result() != v1::RecordOutcome::RESULT_REJECTED) continue;
      absl::StrAppend(&out, r.record(), r.field().empty() ? "" : ": ",
                      r.field(), ": ", r.reason(), "\n");
    }
    for (const v1::RecordOutcome& w : details.warnings()) {
      absl::StrAppend(&out, "warning: ", w.record(), ": ", w.field(), ": ",
                      w.reason(), "\n");
    }
  } else {
    absl::StrAppend(&out, status.message(), "\n");
  }
  return out;
}

absl::Status MoveFile(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec) {
    return absl::InternalError(absl::StrCat("file drop: cannot move ",
                                            from.filename().string(), ": ",
                                            ec.message()));
  }
  return absl::OkStatus();
}

}  // namespace

FileDrop::FileDrop(const PartnerRegistry* registry, IngestDesk* ingest,
                   OutboundRenderer* renderer, store::Database* db,
                   const SealedTexts* texts, Options options)
    : registry_(registry),
      ingest_(ingest),
      renderer_(renderer),
      db_(db),
      texts_(texts),
      options_(std::move(options)) {}

FileDrop::~FileDrop() { Stop(); }

fs::path FileDrop::Folder(const Partner& partner, const char* name) const {
  return options_.root / partner.id / name;
}

absl::Status FileDrop::Start() {
  for (const Partner* p : registry_->All()) {
    if (!p->enabled || !p->file_drop) continue;
    for (const char* name : {"inbox", "processed", "rejected", "outbox"}) {
      if (absl::Status s = EnsurePrivateDirectory(Folder(*p, name)); !s.ok()) {
        return s;
      }
    }
  }
  thread_ = std::thread([this] { Loop(); });
  return absl::OkStatus();
}

void FileDrop::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void FileDrop::Loop() {
  while (true) {
    for (const Partner* p : registry_->All()) {
      if (!p->enabled || !p->file_drop) continue;
      ProcessInbox(*p);
      FlushOutbox(*p);
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (cv_.wait_for(lock, absl::ToChronoMilliseconds(options_.poll_interval),
                     [this] { return stopping_; })) {
      return;
    }
  }
}

void FileDrop::ProcessInbox(const Partner& partner) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(Folder(partner, "inbox"), ec)) {
    if (!entry.is_regular_file(ec)) continue;
    if (IsIncompleteFile(entry.path().filename().string())) continue;
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopping_) return;
    }
    ProcessFile(partner, file);
  }
}

void FileDrop::ProcessFile(const Partner& partner, const fs::path& file) {
  const std::string name = file.filename().string();
  absl::Status outcome;
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  v1::IngestRequest request;
  if (ec) {
    return;  // Gone or unreadable now; look again next round.
  } else if (size > options_.max_payload_bytes) {
    outcome = absl::InvalidArgumentError(
        absl::StrCat("payload: ", size, " bytes, more than the limit of ",
                     options_.max_payload_bytes));
  } else {
    auto bytes = ReadSmallFile(file, options_.max_payload_bytes);
    if (!bytes.ok()) return;
    request.set_payload(*std::move(bytes));
    auto content_type = absl::StatusOr<std::string>(
        absl::UnavailableError("plugin not loaded"));
    if (auto plugin = ingest_->PluginFor(partner); plugin != nullptr) {
      content_type = ContentTypeForFile(name, plugin->manifest());
    }
    if (!content_type.ok()) {
      outcome = content_type.status();
    } else {
      request.set_content_type(*content_type);
      std::promise<absl::Status> applied;
      ingest_->Ingest(partner, request,
                      absl::Now() + absl::Seconds(60),
                      [&applied](absl::StatusOr<v1::IngestResponse> r) {
                        applied.set_value(r.status());
                      });
      outcome = applied.get_future().get();
    }
  }
  if (outcome.ok()) {
    if (MoveFile(file, FreeName(Folder(partner, "processed"), name)).ok()) {
      spdlog::info("file drop: {}: {} applied", partner.id, name);
    }
    return;
  }
  if (IsTransient(outcome)) {
    spdlog::warn("file drop: {}: {} left in the inbox: {}", partner.id, name,
                 absl::StatusCodeToString(outcome.code()));
    return;
  }
  const fs::path target = FreeName(Folder(partner, "rejected"), name);
  // The reasons first: a rejected file never sits without its explanation.
  if (!WriteFileAtomically(fs::path(target.string() + ".error.txt"),
                           ErrorReport(name, outcome))
           .ok() ||
      !MoveFile(file, target).ok()) {
    spdlog::error("file drop: {}: cannot file away rejected {}", partner.id,
                  name);
    return;
  }
  spdlog::info("file drop: {}: {} rejected ({})", partner.id, name,
               absl::StatusCodeToString(outcome.code()));
}

void FileDrop::FlushOutbox(const Partner& partner) {
  absl::StatusOr<int64_t> cursor = static_cast<int64_t>(0);
  if (absl::Status s = db_->readers().RunAndWait(
          [&](store::Connection& conn) -> absl::Status {
            ASSIGN_OR_RETURN(auto stmt, conn.Prepare(
                "SELECT cursor FROM drop_cursors WHERE partner_id = ?1"));
            stmt->Bind(1, partner.id);
            ASSIGN_OR_RETURN(bool row, stmt->Step());
            cursor = row ? stmt->ColumnInt(0) : 0;
            return absl::OkStatus();
          });
      !s.ok()) {
    return;
  }
  for (int page_count = 0; page_count < 10; ++page_count) {
    std::promise<absl::StatusOr<OutboxPage<v1::EncodedEvent>>> rendered;
    ReadOutboxPage(
        &db_->readers(), texts_, partner.id, static_cast<uint64_t>(*cursor),
        /*from_now=*/false,
        [this, &partner,
         &rendered](absl::StatusOr<OutboxPage<v1::Event>> page) {
          if (!page.ok()) {
            rendered.set_value(page.status());
            return;
          }
          RenderPage(renderer_, partner, *std::move(page),
                     [&rendered](absl::StatusOr<OutboxPage<v1::EncodedEvent>> r) {
                       rendered.set_value(std::move(r));
                     });
        });
    auto page = rendered.get_future().get();
    if (!page.ok()) {
      if (page.status().code() != absl::StatusCode::kOutOfRange) return;
      // Older events were pruned before this folder got them: say so, and
      // go on from the newest.
      spdlog::error("file drop: {}: outbox events after {} were pruned "
                    "before delivery; the partner must re-read current state",
                    partner.id, *cursor);
      std::promise<absl::StatusOr<OutboxPage<v1::Event>>> newest;
      ReadOutboxPage(&db_->readers(), texts_, partner.id, 0, /*from_now=*/true,
                     [&newest](absl::StatusOr<OutboxPage<v1::Event>> p) {
                       newest.set_value(std::move(p));
                     });
      auto last = newest.get_future().get();
      if (!last.ok()) return;
      page = OutboxPage<v1::EncodedEvent>{{}, last->through, false};
    }
    for (const v1::EncodedEvent& e : page->items) {
      const std::string file_name =
          absl::StrFormat("%012d-%s%s", e.cursor(),
                          e.name().empty() ? "event" : e.name(),
                          ExtensionFor(e.content_type()));
      if (!WriteFileAtomically(Folder(partner, "outbox") / file_name,
                               e.payload())
               .ok()) {
        spdlog::error("file drop: {}: cannot write outbox file {}",
                      partner.id, file_name);
        return;
      }
    }
    if (page->through == static_cast<uint64_t>(*cursor)) return;
    const int64_t through = static_cast<int64_t>(page->through);
    absl::Status saved = db_->writer().SubmitAndWait(
        [&](store::WriteTxn& txn) -> absl::Status {
          ASSIGN_OR_RETURN(auto stmt, txn.conn().Prepare(
              "INSERT INTO drop_cursors(partner_id, cursor) VALUES (?1, ?2) "
              "ON CONFLICT(partner_id) DO UPDATE SET cursor = excluded.cursor"));
          stmt->Bind(1, partner.id).Bind(2, through);
          return stmt->Run();
        });
    if (!saved.ok()) return;
    cursor = through;
    if (!page->more) return;
  }
}

}  // namespace rosa
