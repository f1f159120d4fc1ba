// Checkpoint text, Ed25519 signing through OpenSSL 3 EVP, and the signing
// key file. Every OpenSSL object lives in a std::unique_ptr; OpenSSL
// failures become INTERNAL statuses naming the operation, never key bytes.
//
// The key files are written and read through hub/common/private_file.h.
//
// Thread-safety: see checkpoint.h. The module has no shared state.
#include "hub/audit/checkpoint.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "hub/audit/merkle.h"
#include "hub/common/openssl_util.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"

namespace rosa::audit {
namespace {

constexpr size_t kSignatureSize = 64;
constexpr size_t kMaxKeyFileSize = 64 << 10;

using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;

absl::Status CheckEd25519(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "ED25519") == 1) return absl::OkStatus();
  return absl::InvalidArgumentError("the key is not an Ed25519 key");
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
  ASSIGN_OR_RETURN(const std::string_view data, BioData(bio.get()));
  return std::string(data);
}

// Reads `pem` with kRead (PEM_read_bio_PrivateKey or PEM_read_bio_PUBKEY);
// INVALID_ARGUMENT if it is not such a PEM Ed25519 key.
template <auto kRead>
absl::StatusOr<KeyPtr> ParseEd25519Pem(std::string_view pem) {
  if (pem.size() > kMaxKeyFileSize) {
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

absl::StatusOr<std::string> SignMessage(EVP_PKEY* private_key,
                                        std::string_view message) {
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
          &length, reinterpret_cast<const unsigned char*>(message.data()),
          message.size()) != 1 ||
      length != kSignatureSize) {
    return OpenSslError("EVP_DigestSign");
  }
  return signature;
}

absl::Status VerifyMessage(EVP_PKEY* public_key, std::string_view message,
                           std::string_view signature) {
  RETURN_IF_ERROR(CheckEd25519(public_key));
  if (signature.size() != kSignatureSize) {
    return absl::FailedPreconditionError(absl::StrCat(
        "signature is ", signature.size(), " bytes, not ", kSignatureSize));
  }
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr,
                                   public_key) != 1) {
    return OpenSslError("EVP_DigestVerifyInit");
  }
  const int result = EVP_DigestVerify(
      ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
      signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
      message.size());
  ERR_clear_error();  // A bad signature may queue an error; it is reported.
  if (result == 1) return absl::OkStatus();
  return absl::FailedPreconditionError("signature does not verify");
}

absl::StatusOr<std::string> SignCheckpoint(EVP_PKEY* private_key,
                                           const Checkpoint& checkpoint) {
  ASSIGN_OR_RETURN(const std::string body, CheckpointBody(checkpoint));
  return SignMessage(private_key, body);
}

absl::Status VerifyCheckpoint(EVP_PKEY* public_key,
                              const Checkpoint& checkpoint,
                              std::string_view signature) {
  ASSIGN_OR_RETURN(const std::string body, CheckpointBody(checkpoint));
  const absl::Status verified = VerifyMessage(public_key, body, signature);
  if (!absl::IsFailedPrecondition(verified)) return verified;
  return absl::FailedPreconditionError(
      absl::StrCat("checkpoint ", verified.message(), " (origin ",
                   checkpoint.origin, ", size ", checkpoint.size, ")"));
}

absl::StatusOr<KeyPtr> LoadOrCreateSigningKey(
    const std::filesystem::path& path) {
  KeyPtr key;
  // The owner and mode checks of every private key (private_file.h).
  absl::StatusOr<std::string> pem = ReadPrivateFile(path);
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
    const absl::Status written =
        WriteFileAtomically(path, new_pem, {.mode = 0600});
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
  absl::StatusOr<std::string> existing =
      ReadSmallFile(pub_path, kMaxKeyFileSize);
  if (absl::IsNotFound(existing.status())) {
    RETURN_IF_ERROR(WriteFileAtomically(pub_path, pub_pem, {.mode = 0644}));
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
  ASSIGN_OR_RETURN(const std::string_view data, BioData(bio.get()));
  return std::string(data);
}

absl::StatusOr<KeyPtr> ParsePublicKeyPem(std::string_view pem) {
  return ParseEd25519Pem<PEM_read_bio_PUBKEY>(pem);
}

}  // namespace rosa::audit
