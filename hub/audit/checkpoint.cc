// Checkpoint text, Ed25519 signing through OpenSSL 3 EVP, and the signing
// key file. Every OpenSSL object lives in a std::unique_ptr; OpenSSL
// failures become INTERNAL statuses naming the operation, never key bytes.
//
// Thread-safety: see checkpoint.h; the temporary-file counter is atomic.
#include "hub/audit/checkpoint.h"

#include <fcntl.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "hub/audit/merkle.h"
#include "hub/common/status_macros.h"

namespace rosa::audit {
namespace {

constexpr size_t kSignatureSize = 64;
constexpr off_t kMaxKeyFileSize = 64 << 10;

template <auto kFree>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    kFree(p);
  }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;

// INTERNAL, naming `operation` and the first queued OpenSSL error (which
// describes the failure, not the data); clears the thread's error queue.
absl::Status OpenSslError(const std::string& operation) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return absl::InternalError(operation + " failed");
  char buf[256];
  ERR_error_string_n(code, buf, sizeof(buf));
  return absl::InternalError(absl::StrCat(operation, " failed: ", buf));
}

absl::Status ErrnoError(int error, const std::string& operation,
                        const std::filesystem::path& path) {
  return absl::ErrnoToStatus(error,
                             absl::StrCat(operation, " ", path.string()));
}

absl::Status CheckEd25519(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "ED25519") == 1) return absl::OkStatus();
  return absl::InvalidArgumentError("the key is not an Ed25519 key");
}

// Reads a small file whole; NOT_FOUND if it does not exist. On failure the
// partial contents are wiped, as they may be a private key.
absl::StatusOr<std::string> ReadSmallFile(const std::filesystem::path& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError(errno, "open", path);
  absl::Status status;
  std::string contents;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    status = ErrnoError(errno, "stat", path);
  } else if (st.st_size > kMaxKeyFileSize) {
    status = absl::FailedPreconditionError(
        absl::StrCat(path.string(), " is larger than ", kMaxKeyFileSize));
  } else {
    contents.resize(static_cast<size_t>(st.st_size));
  }
  size_t done = 0;
  while (status.ok() && done < contents.size()) {
    const ssize_t n = read(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) status = ErrnoError(errno, "read", path);
    if (n == 0) status = absl::AbortedError(path.string() + " shrank");
    if (n > 0) done += static_cast<size_t>(n);
  }
  close(fd);
  if (status.ok()) return contents;
  OPENSSL_cleanse(contents.data(), contents.size());
  return status;
}

// Writes `data` to `path` with `mode` through a new temporary file in the
// same directory (created 0600, O_EXCL), fsync and rename.
absl::Status WriteFileAtomically(const std::filesystem::path& path,
                                 std::string_view data, mode_t mode) {
  static std::atomic<unsigned> counter{0};
  std::filesystem::path tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    tmp = path;
    tmp += absl::StrCat(".tmp.", getpid(), ".", counter.fetch_add(1));
    fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
              0600);
    if (fd < 0 && errno != EEXIST) return ErrnoError(errno, "create", tmp);
  }
  if (fd < 0) return ErrnoError(EEXIST, "create temporary file for", path);
  absl::Status status;
  size_t written = 0;
  while (status.ok() && written < data.size()) {
    const ssize_t n = write(fd, data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) status = ErrnoError(errno, "write", tmp);
    if (n > 0) written += static_cast<size_t>(n);
  }
  // fchmod, so that the mode does not depend on the umask.
  if (status.ok() && fchmod(fd, mode) != 0) {
    status = ErrnoError(errno, "chmod", tmp);
  }
  if (status.ok() && fsync(fd) != 0) status = ErrnoError(errno, "fsync", tmp);
  if (close(fd) != 0 && status.ok()) status = ErrnoError(errno, "close", tmp);
  if (status.ok() && rename(tmp.c_str(), path.c_str()) != 0) {
    status = ErrnoError(errno, "rename to", path);
  }
  if (!status.ok()) {
    unlink(tmp.c_str());
    return status;
  }
  // Make the rename durable; a failure here is not worth an error.
  const std::filesystem::path dir =
      path.has_parent_path() ? path.parent_path() : ".";
  const int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
  return absl::OkStatus();
}

absl::StatusOr<KeyPtr> GenerateEd25519Key() {
  KeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!key) return OpenSslError("EVP_PKEY_Q_keygen(ED25519)");
  return key;
}

absl::StatusOr<std::string> PrivateKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_secmem()));  // Wiped when freed.
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0,
                                       nullptr, nullptr) != 1) {
    return OpenSslError("PEM_write_bio_PrivateKey");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  if (size < 0 || data == nullptr) return OpenSslError("BIO_get_mem_data");
  return std::string(data, static_cast<size_t>(size));
}

// Reads `pem` with kRead (PEM_read_bio_PrivateKey or PEM_read_bio_PUBKEY);
// INVALID_ARGUMENT if it is not such a PEM Ed25519 key.
template <auto kRead>
absl::StatusOr<KeyPtr> ParseEd25519Pem(std::string_view pem) {
  if (pem.size() > static_cast<size_t>(kMaxKeyFileSize)) {
    return absl::InvalidArgumentError("PEM key is too large");
  }
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return OpenSslError("BIO_new_mem_buf");
  KeyPtr key(kRead(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (!key) return absl::InvalidArgumentError("not a PEM key of this kind");
  RETURN_IF_ERROR(CheckEd25519(key.get()));
  return key;
}

}  // namespace

void EvpPkeyDeleter::operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }

absl::StatusOr<std::string> CheckpointBody(const Checkpoint& checkpoint) {
  if (checkpoint.origin.empty() ||
      checkpoint.origin.find('\n') != std::string::npos) {
    return absl::InvalidArgumentError(
        "checkpoint origin is empty or has a newline");
  }
  if (checkpoint.root_hash.size() != kHashSize) {
    return absl::InvalidArgumentError(absl::StrCat("checkpoint root is ",
                                                   checkpoint.root_hash.size(),
                                                   " bytes, not ", kHashSize));
  }
  return absl::StrCat(checkpoint.origin, "\n", checkpoint.size, "\n",
                      absl::Base64Escape(checkpoint.root_hash), "\n");
}

absl::StatusOr<Checkpoint> ParseCheckpointBody(std::string_view body) {
  const std::vector<std::string> lines =
      absl::StrSplit(std::string(body), '\n');
  Checkpoint checkpoint;
  if (lines.size() == 4 && lines[3].empty()) {
    checkpoint.origin = lines[0];
    if (absl::SimpleAtoi(lines[1], &checkpoint.size) &&
        absl::Base64Unescape(lines[2], &checkpoint.root_hash)) {
      // Only the canonical spelling of each field is accepted.
      absl::StatusOr<std::string> canonical = CheckpointBody(checkpoint);
      if (canonical.ok() && *canonical == body) return checkpoint;
    }
  }
  return absl::InvalidArgumentError("not a canonical checkpoint body");
}

absl::StatusOr<std::string> SignCheckpoint(EVP_PKEY* private_key,
                                           const Checkpoint& checkpoint) {
  ASSIGN_OR_RETURN(const std::string body, CheckpointBody(checkpoint));
  RETURN_IF_ERROR(CheckEd25519(private_key));
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr,
                                 private_key) != 1) {
    return OpenSslError("EVP_DigestSignInit");
  }
  std::string signature(kSignatureSize, '\0');
  size_t length = signature.size();
  if (EVP_DigestSign(
          ctx.get(), reinterpret_cast<unsigned char*>(signature.data()),
          &length, reinterpret_cast<const unsigned char*>(body.data()),
          body.size()) != 1 ||
      length != kSignatureSize) {
    return OpenSslError("EVP_DigestSign");
  }
  return signature;
}

absl::Status VerifyCheckpoint(EVP_PKEY* public_key,
                              const Checkpoint& checkpoint,
                              std::string_view signature) {
  ASSIGN_OR_RETURN(const std::string body, CheckpointBody(checkpoint));
  RETURN_IF_ERROR(CheckEd25519(public_key));
  if (signature.size() != kSignatureSize) {
    return absl::FailedPreconditionError(
        absl::StrCat("checkpoint signature is ", signature.size(),
                     " bytes, not ", kSignatureSize));
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr,
                                   public_key) != 1) {
    return OpenSslError("EVP_DigestVerifyInit");
  }
  const int result = EVP_DigestVerify(
      ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
      signature.size(), reinterpret_cast<const unsigned char*>(body.data()),
      body.size());
  ERR_clear_error();  // A bad signature may queue an error; it is reported.
  if (result == 1) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("checkpoint signature does not verify (origin ",
                   checkpoint.origin, ", size ", checkpoint.size, ")"));
}

absl::StatusOr<KeyPtr> LoadOrCreateSigningKey(
    const std::filesystem::path& path) {
  KeyPtr key;
  absl::StatusOr<std::string> pem = ReadSmallFile(path);
  if (pem.ok()) {
    absl::StatusOr<KeyPtr> parsed =
        ParseEd25519Pem<PEM_read_bio_PrivateKey>(*pem);
    OPENSSL_cleanse(pem->data(), pem->size());
    if (!parsed.ok()) {
      return absl::FailedPreconditionError(absl::StrCat(
          path.string(),
          " is not an Ed25519 private key: ", parsed.status().message()));
    }
    key = *std::move(parsed);
  } else if (absl::IsNotFound(pem.status())) {
    ASSIGN_OR_RETURN(key, GenerateEd25519Key());
    ASSIGN_OR_RETURN(std::string new_pem, PrivateKeyPem(key.get()));
    const absl::Status written = WriteFileAtomically(path, new_pem, 0600);
    OPENSSL_cleanse(new_pem.data(), new_pem.size());
    RETURN_IF_ERROR(written);
  } else {
    return pem.status();
  }

  // The public key beside it: written if missing (also after a crash
  // between the two writes), checked if present.
  std::filesystem::path pub_path = path;
  pub_path += ".pub";
  ASSIGN_OR_RETURN(const std::string pub_pem, PublicKeyPem(key.get()));
  absl::StatusOr<std::string> existing = ReadSmallFile(pub_path);
  if (absl::IsNotFound(existing.status())) {
    RETURN_IF_ERROR(WriteFileAtomically(pub_path, pub_pem, 0644));
  } else if (!existing.ok()) {
    return existing.status();
  } else if (*existing != pub_pem) {
    return absl::FailedPreconditionError(absl::StrCat(
        pub_path.string(), " is not the public key of ", path.string()));
  }
  return key;
}

absl::StatusOr<std::string> PublicKeyPem(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) {
    return OpenSslError("PEM_write_bio_PUBKEY");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  if (size < 0 || data == nullptr) return OpenSslError("BIO_get_mem_data");
  return std::string(data, static_cast<size_t>(size));
}

absl::StatusOr<KeyPtr> ParsePublicKeyPem(std::string_view pem) {
  return ParseEd25519Pem<PEM_read_bio_PUBKEY>(pem);
}

}  // namespace rosa::audit
