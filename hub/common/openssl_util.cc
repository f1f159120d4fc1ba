// OpenSSL error reporting and memory-BIO access.
#include "hub/common/openssl_util.h"

#include <openssl/bio.h>
#include <openssl/err.h>

#include "absl/strings/str_cat.h"

namespace rosa {

absl::Status OpenSslError(absl::string_view operation) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return absl::InternalError(absl::StrCat(operation, " failed"));
  char buf[256];
  ERR_error_string_n(code, buf, sizeof(buf));
  return absl::InternalError(absl::StrCat(operation, " failed: ", buf));
}

absl::StatusOr<std::string_view> BioData(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  if (size < 0 || data == nullptr) return OpenSslError("BIO_get_mem_data");
  return std::string_view(data, static_cast<size_t>(size));
}

}  // namespace rosa
