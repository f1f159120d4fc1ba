#include "adapters/file_drop/file_drop.h"

#include <algorithm>
#include <chrono>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "adapters/file_drop/file_names.h"
#include "adapters/file_drop/folder_cleanup.h"
#include "adapters/file_drop/person_files.h"
#include "adapters/file_drop/thrown.h"
#include "hub/common/log_text.h"
#include "hub/common/private_file.h"
#include "hub/common/staged_files.h"
#include "hub/common/status_macros.h"
#include "hub/exchange/render_page.h"
#include "hub/outbox/outbox_page.h"
#include "spdlog/spdlog.h"

namespace rosa {
namespace {

namespace fs = std::filesystem;
namespace v1 = rosa::hub::v1;

const SystemClock kSystemClock;

}  // namespace

FileDrop::FileDrop(const PartnerRegistry* registry, IngestDesk* ingest,
                   OutboundRenderer* renderer, store::Database* db,
                   const EventContent* texts, Options options)
    : registry_(registry),
      ingest_(ingest),
      renderer_(renderer),
      db_(db),
      texts_(texts),
      options_(std::move(options)),
      inboxes_(ingest, {.root = options_.root,
                        .max_payload_bytes = options_.max_payload_bytes,
                        .clock = options_.clock != nullptr ? options_.clock
                                                           : &kSystemClock}) {}

FileDrop::~FileDrop() { Stop(); }

fs::path FileDrop::Folder(const Partner& partner, const char* name) const {
  return Folder(partner.id, name);
}

fs::path FileDrop::Folder(const std::string& partner_id,
                          const char* name) const {
  return options_.root / partner_id / name;
}

absl::Time FileDrop::Now() const {
  return (options_.clock != nullptr ? options_.clock : &kSystemClock)->Now();
}

absl::Status FileDrop::Start() {
  for (const Partner* p : registry_->All()) {
    if (!p->enabled || !p->file_drop) continue;
    for (const char* name : {"inbox", "processed", "rejected", "outbox"}) {
      if (absl::Status s = EnsurePrivateDirectory(Folder(*p, name)); !s.ok()) {
        return s;
      }
    }
    // Nobody writes yet: a temporary file is what a crash left behind.
    RemoveTemporaryFiles(Folder(*p, "outbox"));
  }
  // Files doomed or expired while the hub was down go before anything else.
  Sweep();
  if (options_.exchange_files != nullptr) {
    options_.exchange_files->SetRemover(this);
  }
  std::vector<fs::path> inboxes;
  for (const Partner* p : registry_->All()) {
    if (!p->enabled || !p->file_drop) continue;
    inboxes.push_back(Folder(*p, "inbox"));
    if (options_.notifier != nullptr) {
      subscriptions_.push_back(
          options_.notifier->Subscribe(p->id, [this, p] { WakeOutbox(p); }));
    }
  }
  if (absl::Status s = inbox_watch_.Start(inboxes); !s.ok()) {
    spdlog::warn("{}; inboxes are polled only", std::string(s.message()));
  }
  thread_ = std::thread([this] { Loop(); });
  return absl::OkStatus();
}

bool FileDrop::Stopping() {
  std::lock_guard<std::mutex> lock(mu_);
  return stopping_;
}

void FileDrop::WakeInbox() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    inbox_woken_ = true;
  }
  cv_.notify_all();
}

void FileDrop::WakeOutbox(const Partner* partner) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    outbox_woken_.insert(partner);
  }
  cv_.notify_all();
}

void FileDrop::Stop() {
  for (const uint64_t handle : subscriptions_) {
    options_.notifier->Unsubscribe(handle);
  }
  subscriptions_.clear();
  inbox_watch_.Stop();
  if (options_.exchange_files != nullptr) {
    options_.exchange_files->SetRemover(nullptr);
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void FileDrop::Loop() {
  using Steady = std::chrono::steady_clock;
  const auto poll = absl::ToChronoMilliseconds(options_.poll_interval);
  bool everything = true;  // Each poll_interval, and at start.
  Steady::time_point next_poll = Steady::now() + poll;
  while (true) {
    bool inbox = false;
    std::set<const Partner*> outboxes;
    {
      std::lock_guard<std::mutex> lock(mu_);
      inbox = std::exchange(inbox_woken_, false);
      outboxes = std::exchange(outbox_woken_, {});
    }
    try {
      Round(everything || inbox, everything, outboxes);
    } catch (...) {
      // Never out of the thread: the hub keeps serving, the next round
      // tries again.
      spdlog::error("file drop: a round stopped early: {}", DescribeThrown());
    }
    if (everything) next_poll = Steady::now() + poll;
    Steady::time_point wake_at = next_poll;
    if (UnsavedCursors()) {
      wake_at = std::min(wake_at, cursors_saved_ + kCursorSaveInterval);
    }
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_until(lock, wake_at, [this] {
      return stopping_ || inbox_woken_ || !outbox_woken_.empty();
    });
    if (stopping_) {
      lock.unlock();
      SaveCursors(/*force=*/true);
      return;
    }
    everything = Steady::now() >= next_poll;
  }
}

void FileDrop::Round(bool inboxes, bool outboxes,
                     const std::set<const Partner*>& woken) {
  if (Now() >= next_sweep_) Sweep();
  bool waiting = false;  // Inbox files beyond a partner's share.
  for (const Partner* p : registry_->All()) {
    if (!p->enabled || !p->file_drop) continue;
    if (inboxes && inboxes_.Round(*p, [this] { return Stopping(); })) {
      waiting = true;
    }
    if (outboxes || woken.contains(p)) FlushOutbox(*p);
  }
  // The next round goes on at once.
  if (waiting) WakeInbox();
  SaveCursors(/*force=*/false);
}

void FileDrop::FlushOutbox(const Partner& partner) {
  auto cached = cursors_.find(partner.id);
  if (cached == cursors_.end()) {
    absl::StatusOr<int64_t> stored = static_cast<int64_t>(0);
    if (absl::Status s = db_->readers().RunAndWait(
            [&](store::Connection& conn) -> absl::Status {
              ASSIGN_OR_RETURN(auto stmt,
                               conn.Prepare("SELECT cursor FROM drop_cursors "
                                            "WHERE partner_id = ?1"));
              stmt->Bind(1, partner.id);
              ASSIGN_OR_RETURN(bool row, stmt->Step());
              stored = row ? stmt->ColumnInt(0) : 0;
              return absl::OkStatus();
            });
        !s.ok()) {
      return;
    }
    cached = cursors_.emplace(partner.id, Cursor{*stored, *stored}).first;
  }
  int64_t* cursor = &cached->second.written;
  for (int page_count = 0; page_count < 10; ++page_count) {
    std::promise<absl::StatusOr<OutboxPage<v1::Event>>> read;
    ReadOutboxPage(&db_->readers(), texts_, partner.id,
                   static_cast<uint64_t>(*cursor), /*from_now=*/false,
                   [&read](absl::StatusOr<OutboxPage<v1::Event>> p) {
                     read.set_value(std::move(p));
                   });
    absl::StatusOr<OutboxPage<v1::Event>> events = read.get_future().get();
    absl::StatusOr<OutboxPage<v1::EncodedEvent>> page =
        absl::UnknownError("not rendered");
    if (events.ok()) {
      // Recorded before rendering: a person's file (person_files.h) never
      // exists without its record, and erasure after this point finds it.
      if (!RecordPersonFiles(partner, events->items)) return;
      std::promise<absl::StatusOr<OutboxPage<v1::EncodedEvent>>> rendered;
      RenderPage(renderer_, partner, *std::move(events),
                 [&rendered](absl::StatusOr<OutboxPage<v1::EncodedEvent>> r) {
                   rendered.set_value(std::move(r));
                 });
      page = rendered.get_future().get();
    } else if (events.status().code() == absl::StatusCode::kOutOfRange) {
      // Older events were pruned before this folder got them: say so, and
      // go on from the newest.
      spdlog::error(
          "file drop: {}: outbox events after {} were pruned "
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
    } else {
      return;
    }
    if (!page.ok()) return;
    if (absl::Status s = WriteOutboxPage(partner, page->items); !s.ok()) {
      spdlog::error("file drop: {}: cannot write outbox files: {}", partner.id,
                    absl::StatusCodeToString(s.code()));
      return;
    }
    if (page->through == static_cast<uint64_t>(*cursor)) return;
    *cursor = static_cast<int64_t>(page->through);
    if (!page->more) return;
  }
  // Ten pages written and more waiting: the next round goes on at once,
  // after the other partners have had theirs.
  WakeOutbox(&partner);
}

void FileDrop::SaveCursors(bool force) {
  const auto now = std::chrono::steady_clock::now();
  if (!force && now - cursors_saved_ < kCursorSaveInterval) return;
  std::vector<std::pair<std::string, int64_t>> unsaved;
  for (const auto& [partner_id, cursor] : cursors_) {
    if (cursor.written != cursor.stored) {
      unsaved.emplace_back(partner_id, cursor.written);
    }
  }
  if (unsaved.empty()) return;
  cursors_saved_ = now;
  absl::Status saved = db_->writer().SubmitAndWait([&](store::WriteTxn& txn)
                                                       -> absl::Status {
    ASSIGN_OR_RETURN(
        auto stmt,
        txn.conn().Prepare(
            "INSERT INTO drop_cursors(partner_id, cursor) VALUES (?1, ?2) "
            "ON CONFLICT(partner_id) DO UPDATE SET cursor = excluded.cursor"));
    for (const auto& [partner_id, cursor] : unsaved) {
      stmt->Reset();
      stmt->Bind(1, partner_id).Bind(2, cursor);
      RETURN_IF_ERROR(stmt->Run());
    }
    return absl::OkStatus();
  });
  if (!saved.ok()) return;  // Kept unsaved: the next round tries again.
  for (const auto& [partner_id, cursor] : unsaved) {
    cursors_[partner_id].stored = cursor;
  }
}

bool FileDrop::UnsavedCursors() const {
  return std::any_of(cursors_.begin(), cursors_.end(), [](const auto& entry) {
    return entry.second.written != entry.second.stored;
  });
}

bool FileDrop::RecordPersonFiles(const Partner& partner,
                                 const std::vector<v1::Event>& events) {
  if (options_.exchange_files == nullptr) return true;
  std::vector<ExchangeFile> files;
  for (const v1::Event& e : events) {
    std::optional<IdentitySubject> subject = PersonFileSubject(partner, e);
    if (!subject.has_value()) continue;
    files.push_back(ExchangeFile{.partner_id = partner.id,
                                 .cursor = e.cursor(),
                                 .person_id = subject->person_id,
                                 .object_id = subject->object_id,
                                 .written_at = Now()});
  }
  if (files.empty()) return true;
  std::vector<uint64_t> erased;
  absl::Status s = db_->writer().SubmitAndWait(
      [&files, &erased](store::WriteTxn& txn) -> absl::Status {
        erased.clear();
        for (const ExchangeFile& f : files) {
          ASSIGN_OR_RETURN(bool doomed, ExchangeFiles::Record(txn.conn(), f));
          if (doomed) erased.push_back(f.cursor);
        }
        return absl::OkStatus();
      });
  if (!s.ok()) {
    spdlog::error("file drop: {}: cannot record outbox files: {}", partner.id,
                  absl::StatusCodeToString(s.code()));
    return false;
  }
  // Their person was erased after the page was read: never written.
  absl::MutexLock lock(&files_mu_);
  for (uint64_t cursor : erased) doomed_.insert({partner.id, cursor});
  return true;
}

absl::Status FileDrop::WriteOutboxPage(
    const Partner& partner, const std::vector<v1::EncodedEvent>& events) {
  if (events.empty()) return absl::OkStatus();
  const fs::path outbox = Folder(partner, "outbox");
  // Made again if it went while the hub runs.
  RETURN_IF_ERROR(EnsurePrivateDirectory(outbox));
  StagedFiles page(outbox);
  std::vector<std::string> names;
  for (const v1::EncodedEvent& e : events) {
    names.push_back(
        OutboxFileName(e.cursor(), e.name(), ExtensionFor(e.content_type())));
    RETURN_IF_ERROR(page.Stage(names.back(), e.payload()));
  }
  const absl::Time now = Now();
  {
    // A file doomed meanwhile is never written (its staged copy goes with
    // `page`).
    absl::MutexLock lock(&files_mu_);
    for (size_t i = 0; i < events.size(); ++i) {
      if (doomed_.contains({partner.id, events[i].cursor()})) continue;
      RETURN_IF_ERROR(page.Publish(i));
      // The outbox retention counts from here (at worst it goes sooner).
      SetModified(outbox / names[i], now).IgnoreError();
    }
  }
  return page.SyncDirectory();
}

void FileDrop::RemoveExchangeFiles(const std::vector<ExchangeFile>& files) {
  try {
    RemoveExchangeFilesNow(files);
  } catch (...) {
    // Not into the store's writer thread; the records stay doomed and the
    // next sweep deletes the files.
    spdlog::error("file drop: cannot delete doomed outbox files: {}",
                  DescribeThrown());
  }
}

void FileDrop::RemoveExchangeFilesNow(const std::vector<ExchangeFile>& files) {
  int removed = 0;
  absl::MutexLock lock(&files_mu_);
  for (const ExchangeFile& f : files) {
    const Partner* partner = registry_->Find(f.partner_id);
    if (partner == nullptr || !partner->file_drop) continue;
    doomed_.insert({f.partner_id, f.cursor});
    auto n = RemoveOutboxFiles(Folder(f.partner_id, "outbox"), f.cursor);
    if (n.ok()) {
      removed += *n;
    } else {
      // The row stays doomed: the next sweep tries again.
      spdlog::error("{}", std::string(n.status().message()));
    }
  }
  if (removed > 0) {
    spdlog::info(
        "file drop: {} outbox file(s) of erased or withdrawn "
        "identity deleted",
        removed);
  }
}

void FileDrop::Sweep() {
  const absl::Time now = Now();
  next_sweep_ = now + options_.sweep_interval;
  try {
    SweepNow(now);
  } catch (...) {
    // Not out of Start or the thread: the next sweep tries again.
    spdlog::error("file drop: a sweep stopped early: {}", DescribeThrown());
  }
}

void FileDrop::SweepNow(absl::Time now) {
  SweepExchangeFiles();
  const absl::Time cutoff = now - options_.inbound_retention;
  const absl::Time outbox_cutoff = now - options_.outbox_retention;
  int removed = 0;
  for (const Partner* p : registry_->All()) {
    if (!p->file_drop) continue;
    removed += RemoveOlderThan(Folder(*p, "processed"), cutoff);
    removed += RemoveOlderThan(Folder(*p, "rejected"), cutoff);
    // Every file the partner has not taken; a record whose files went here
    // is forgotten by the next sweep, as a taken one.
    removed += RemoveOlderThan(Folder(*p, "outbox"), outbox_cutoff);
  }
  if (removed > 0) {
    spdlog::info(
        "file drop: {} file(s) past retention deleted from "
        "processed/, rejected/ and outbox/",
        removed);
  }
}

void FileDrop::SweepExchangeFiles() {
  if (options_.exchange_files == nullptr) return;
  absl::StatusOr<std::vector<ExchangeFile>> rows = std::vector<ExchangeFile>{};
  if (absl::Status s = db_->readers().RunAndWait(
          [&rows](store::Connection& conn) -> absl::Status {
            rows = ExchangeFiles::List(conn);
            return rows.status();
          });
      !s.ok()) {
    return;
  }
  const absl::Time expired = Now() - options_.outbox_retention;
  // Listed once per partner; a partner whose outbox cannot be listed has
  // nothing taken.
  std::map<std::string, absl::StatusOr<std::set<uint64_t>>> present;
  std::set<std::string> touched;
  std::vector<ExchangeFile> gone;
  int removed = 0;
  {
    absl::MutexLock lock(&files_mu_);
    for (const ExchangeFile& f : *rows) {
      const Partner* partner = registry_->Find(f.partner_id);
      const fs::path outbox = Folder(f.partner_id, "outbox");
      if (partner == nullptr || !partner->file_drop) {
        gone.push_back(f);  // Not a file-drop partner (any more): no folder.
        continue;
      }
      if (f.doomed || f.written_at <= expired) {
        auto n = RemoveOutboxFiles(outbox, f.cursor);
        if (!n.ok()) continue;  // Next sweep.
        removed += *n;
        touched.insert(f.partner_id);
        gone.push_back(f);
        continue;
      }
      auto listed = present.find(f.partner_id);
      if (listed == present.end()) {
        listed = present.emplace(f.partner_id, CursorsInOutbox(outbox)).first;
        if (!listed->second.ok()) {
          spdlog::error("{}; none of its recorded files is forgotten",
                        std::string(listed->second.status().message()));
        }
      }
      if (listed->second.ok() && !listed->second->contains(f.cursor)) {
        gone.push_back(f);  // The partner took the files.
      }
    }
  }
  // The deletions are durable before their records go. Not under files_mu_:
  // the writer thread takes it when erasure commits.
  for (const std::string& partner_id : touched) {
    if (!SyncDirectory(Folder(partner_id, "outbox")).ok()) return;
  }
  if (!gone.empty()) {
    absl::Status s = db_->writer().SubmitAndWait([&gone](store::WriteTxn& txn) {
      return ExchangeFiles::Forget(txn.conn(), gone);
    });
    if (s.ok()) {
      absl::MutexLock lock(&files_mu_);
      for (const ExchangeFile& f : gone) {
        doomed_.erase({f.partner_id, f.cursor});
      }
    }
  }
  if (removed > 0) {
    spdlog::info(
        "file drop: {} outbox file(s) deleted (erased, withdrawn or "
        "past retention)",
        removed);
  }
}

}  // namespace rosa
