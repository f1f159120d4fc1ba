#include "common/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace rosa {

std::string Sha256(std::string_view data) {
  std::string digest(32, '\0');
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(),
                 reinterpret_cast<unsigned char*>(digest.data()), &len,
                 EVP_sha256(), nullptr) != 1 ||
      len != digest.size()) {
    // Only an OpenSSL that cannot hash at all gets here; going on would
    // make idempotency and audit checks meaningless.
    std::abort();
  }
  return digest;
}

namespace {

std::string ToHex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : bytes) {
    hex.push_back(kHex[c >> 4]);
    hex.push_back(kHex[c & 15]);
  }
  return hex;
}

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

}  // namespace

std::string Sha256Hex(std::string_view data) { return ToHex(Sha256(data)); }

struct Sha256Stream::Context {
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx{EVP_MD_CTX_new()};
};

Sha256Stream::Sha256Stream() : context_(std::make_unique<Context>()) {
  // As in Sha256: an OpenSSL that cannot hash must not pass for one.
  if (context_->ctx == nullptr ||
      EVP_DigestInit_ex(context_->ctx.get(), EVP_sha256(), nullptr) != 1) {
    std::abort();
  }
}

Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::Update(std::string_view piece) {
  if (EVP_DigestUpdate(context_->ctx.get(), piece.data(), piece.size()) != 1) {
    std::abort();
  }
}

std::string Sha256Stream::FinishHex() {
  std::string raw(32, '\0');
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(context_->ctx.get(),
                         reinterpret_cast<unsigned char*>(raw.data()),
                         &len) != 1 ||
      len != raw.size()) {
    std::abort();
  }
  return ToHex(raw);
}

absl::StatusOr<FileDigest> Sha256File(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      return absl::NotFoundError(absl::StrCat("no file ", path.string()));
    }
    return absl::PermissionDeniedError(
        absl::StrCat("cannot read ", path.string()));
  }
  Sha256Stream sha256;
  FileDigest digest;
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    sha256.Update(std::string_view(buffer.data(), static_cast<size_t>(n)));
    digest.size += static_cast<uint64_t>(n);
  }
  if (in.bad()) {
    return absl::DataLossError(absl::StrCat("error reading ", path.string()));
  }
  digest.sha256_hex = sha256.FinishHex();
  return digest;
}

}  // namespace rosa
