// The hub's durable store: one SQLite database file in the data directory,
// with its single group-commit writer, a pool of readers, and the keyed
// hash of requests for idempotency records.
// Thread-safety: safe to share; see GroupCommitWriter and ReadPool.
#ifndef ROSA_HUB_STORE_DATABASE_H_
#define ROSA_HUB_STORE_DATABASE_H_

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "hub/store/group_commit_writer.h"
#include "hub/store/idempotency.h"
#include "hub/store/read_pool.h"

namespace rosa::store {

class Database {
 public:
  struct Options {
    std::filesystem::path path;
    size_t reader_threads = 2;
    size_t max_batch = 256;
    std::function<void(const absl::Status&)> on_write_failure;
    // GroupCommitWriter::Options::on_commit (metrics).
    std::function<void(size_t batch_size, absl::Duration commit)> on_commit;
    // GroupCommitWriter::Options::before_commit: runs in every batch's
    // transaction just before its COMMIT (the hub writes its clock mark
    // there: hub/audit/store_clock_floor.h). Null: nothing runs.
    std::function<absl::Status(Connection&)> before_commit;
    // Hashes requests under the hub's request key (keys/request-hmac).
    // Null: a key of this process only (RequestHasher::Ephemeral), for
    // tests and tools that record no idempotent writes to keep.
    std::shared_ptr<const RequestHasher> request_hasher;
    // The registered SQLite VFS every connection uses; empty: SQLite's
    // default. Only tests set it (fault injection, power-loss simulation).
    std::string vfs;
  };

  // Opens (creating if needed) the database, applies the schema, and starts
  // the writer and readers.
  static absl::StatusOr<std::unique_ptr<Database>> Open(Options options);

  GroupCommitWriter& writer() { return *writer_; }
  ReadPool& readers() { return *readers_; }
  const RequestHasher& request_hasher() const { return *request_hasher_; }
  // request_hasher().Hash(request): the request_hash of an IdempotencyKey.
  std::string RequestHash(const google::protobuf::Message& request) const {
    return request_hasher_->Hash(request);
  }

 private:
  Database() = default;
  std::shared_ptr<const RequestHasher> request_hasher_;
  // Readers are declared last so they stop first.
  std::unique_ptr<GroupCommitWriter> writer_;
  std::unique_ptr<ReadPool> readers_;
};

}  // namespace rosa::store

#endif  // ROSA_HUB_STORE_DATABASE_H_
