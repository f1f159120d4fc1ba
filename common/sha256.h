// SHA-256 (OpenSSL EVP) over bytes or a file. Thread-safe: pure functions.
#ifndef ROSA_COMMON_SHA256_H_
#define ROSA_COMMON_SHA256_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace rosa {

// The 32-byte digest of `data`.
std::string Sha256(std::string_view data);

// The digest of `data` in lower-case hex (64 characters).
std::string Sha256Hex(std::string_view data);

// SHA-256 over bytes given in pieces: Update any number of times, then
// FinishHex once. Not thread-safe: one owner.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  void Update(std::string_view piece);
  // The lower-case hex digest of every piece so far.
  std::string FinishHex();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

// The lower-case hex digest of the file at `path`, read in pieces (for
// files too large to hold in memory, such as a database copy), and its
// size. NOT_FOUND if missing; errors name the path, never the contents.
struct FileDigest {
  uint64_t size = 0;
  std::string sha256_hex;
};
absl::StatusOr<FileDigest> Sha256File(const std::filesystem::path& path);

}  // namespace rosa

#endif  // ROSA_COMMON_SHA256_H_
