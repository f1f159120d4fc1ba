// WrappedKeySql: a new data key wrapped under a key file's active KEK
// version, as an SQL blob literal, for tests that write a person's or an
// object's key row by hand (the key guard's, restore's). Header-only.
//
// Example:
//   Exec(absl::StrCat("INSERT INTO object_keys(object_id, kek_version,",
//                     " wrapped_key) VALUES ('R-2026-000001', 1, ",
//                     WrappedKeySql(keks, ObjectKeyOwner("R-2026-000001")),
//                     ")"));
//
// Thread-safety: as the key store's Wrap.
#ifndef ROSA_TESTS_TESTUTIL_WRAPPED_KEY_H_
#define ROSA_TESTS_TESTUTIL_WRAPPED_KEY_H_

#include <cstdint>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "hub/crypto/envelope.h"
#include "hub/crypto/key_file.h"

namespace rosa::testutil {

// `x'...'` of a fresh data key wrapped for `owner` (a person id, or
// ObjectKeyOwner(object id)); `version`, if given, gets the KEK version.
inline std::string WrappedKeySql(const crypto::KekStore& keks,
                                 const std::string& owner,
                                 uint32_t* version = nullptr) {
  auto key = crypto::DataKey::Generate();
  EXPECT_TRUE(key.ok()) << key.status();
  auto wrapped = crypto::WrapDataKey(keks, owner, *key);
  EXPECT_TRUE(wrapped.ok()) << wrapped.status();
  if (version != nullptr) *version = wrapped->kek_version;
  return absl::StrCat("x'", absl::BytesToHexString(wrapped->sealed), "'");
}

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_WRAPPED_KEY_H_
