#include "hub/crypto/hmac_key_file.h"

#include <openssl/crypto.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"

namespace rosa::crypto {
namespace {

// The key in `bytes`, which are wiped either way.
absl::StatusOr<SecretKey> TakeKey(std::string& bytes,
                                  const std::filesystem::path& path) {
  absl::StatusOr<SecretKey> key = SecretKey::FromBytes(bytes);
  OPENSSL_cleanse(bytes.data(), bytes.size());
  if (!key.ok()) {
    return absl::DataLossError(
        absl::StrCat(path.string(), ": not a 32-byte key"));
  }
  return key;
}

}  // namespace

std::filesystem::path RequestHmacKeyPath(
    const std::filesystem::path& data_dir) {
  return data_dir / "keys" / "request-hmac";
}

absl::StatusOr<SecretKey> LoadOrCreateHmacKey(
    const std::filesystem::path& path) {
  RETURN_IF_ERROR(EnsurePrivateDirectory(
      path.has_parent_path() ? path.parent_path() : "."));
  absl::StatusOr<std::string> bytes = ReadPrivateFile(path);
  if (absl::IsNotFound(bytes.status())) {
    ASSIGN_OR_RETURN(SecretKey key, SecretKey::Random());
    const absl::Status written =
        WriteFileAtomically(path, key.bytes(), {.no_replace = true});
    if (written.ok()) return key;
    // Another process created it first: use theirs.
    if (!absl::IsAlreadyExists(written)) return written;
    bytes = ReadPrivateFile(path);
  }
  if (!bytes.ok()) return bytes.status();
  return TakeKey(*bytes, path);
}

}  // namespace rosa::crypto
