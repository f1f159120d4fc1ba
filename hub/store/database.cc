#include "hub/store/database.h"

#include "hub/store/schema.h"

namespace rosa::store {

absl::StatusOr<std::unique_ptr<Database>> Database::Open(Options options) {
  auto conn =
      Connection::Open(options.path, Connection::Mode::kReadWrite, options.vfs);
  if (!conn.ok()) return conn.status();
  if (absl::Status s = ApplySchema(**conn); !s.ok()) return s;
  std::unique_ptr<Database> db(new Database);
  db->request_hasher_ = options.request_hasher != nullptr
                            ? std::move(options.request_hasher)
                            : RequestHasher::Ephemeral();
  db->writer_ = std::make_unique<GroupCommitWriter>(
      std::move(*conn), GroupCommitWriter::Options{
                            .max_batch = options.max_batch,
                            .on_failure = std::move(options.on_write_failure),
                            .on_commit = std::move(options.on_commit),
                            .steady = nullptr,
                            .before_commit = std::move(options.before_commit)});
  // A scrub an erasure asked for may have been cut short by a crash; the
  // log is scrubbed at every start (cheap when it is already empty).
  db->writer_->ScrubWal();
  auto readers =
      ReadPool::Open(options.path, options.reader_threads, options.vfs);
  if (!readers.ok()) return readers.status();
  db->readers_ = std::move(*readers);
  return db;
}

}  // namespace rosa::store
