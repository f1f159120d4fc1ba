// Shared by the Merkle tree tests: the RFC 6962 test data published by
// certificate-transparency-go / trillian / transparency-dev/merkle
// (testonly/constants.go), and an MTH written independently of the library.
#ifndef ROSA_TESTS_HUB_AUDIT_MERKLE_TEST_UTIL_H_
#define ROSA_TESTS_HUB_AUDIT_MERKLE_TEST_UTIL_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/sha256.h"
#include "hub/audit/merkle.h"

namespace rosa::audit::test_util {

inline std::string Unhex(const std::string& hex) {
  return absl::HexStringToBytes(hex);
}
inline std::string Hex(const std::string& bytes) {
  return absl::BytesToHexString(bytes);
}

inline const std::vector<std::string>& CtEntries() {
  static const auto* entries =
      new std::vector<std::string>{Unhex(""),
                                   Unhex("00"),
                                   Unhex("10"),
                                   Unhex("2021"),
                                   Unhex("3031"),
                                   Unhex("40414243"),
                                   Unhex("5051525354555657"),
                                   Unhex("606162636465666768696a6b6c6d6e6f")};
  return *entries;
}

// Roots of the first n CT entries, n = 0..8.
inline constexpr const char* kCtRoots[] = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

// MTH straight from RFC 6962 over raw entries, sharing no code with the
// library beyond SHA-256: the split point is found by doubling.
inline std::string NaiveMth(const std::vector<std::string>& d, size_t begin,
                            size_t end) {
  const size_t n = end - begin;
  if (n == 0) return Sha256("");
  if (n == 1) return Sha256(std::string(1, '\0') + d[begin]);
  size_t k = 1;
  while (k * 2 < n) k *= 2;
  return Sha256(std::string(1, '\1') + NaiveMth(d, begin, begin + k) +
                NaiveMth(d, begin + k, end));
}

inline std::vector<std::string> LeafHashes(
    const std::vector<std::string>& entries) {
  std::vector<std::string> hashes;
  for (const std::string& e : entries) hashes.push_back(LeafHash(e));
  return hashes;
}

// 65 entries of varied lengths, including an empty one.
inline std::vector<std::string> GeneratedEntries() {
  std::vector<std::string> entries;
  for (int i = 0; i < 65; ++i) {
    entries.push_back(std::string(static_cast<size_t>(i % 7), 'x') +
                      absl::StrCat("entry-", i));
  }
  entries[3].clear();
  return entries;
}

}  // namespace rosa::audit::test_util

#endif  // ROSA_TESTS_HUB_AUDIT_MERKLE_TEST_UTIL_H_
