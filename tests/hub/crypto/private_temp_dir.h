// A fresh directory with mode 0700 per test (mkdtemp), removed with its
// contents when the test ends. Header-only helper for the crypto tests.
#ifndef ROSA_TESTS_HUB_CRYPTO_PRIVATE_TEMP_DIR_H_
#define ROSA_TESTS_HUB_CRYPTO_PRIVATE_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "gtest/gtest.h"

namespace rosa::crypto::test_util {

class PrivateTempDir {
 public:
  PrivateTempDir() {
    std::string pattern =
        (std::filesystem::path(::testing::TempDir()) / "rosa-crypto.XXXXXX")
            .string();
    if (mkdtemp(pattern.data()) == nullptr) {
      ADD_FAILURE() << "mkdtemp failed";
    }
    path_ = pattern;
  }
  ~PrivateTempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  PrivateTempDir(const PrivateTempDir&) = delete;
  PrivateTempDir& operator=(const PrivateTempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace rosa::crypto::test_util

#endif  // ROSA_TESTS_HUB_CRYPTO_PRIVATE_TEMP_DIR_H_
