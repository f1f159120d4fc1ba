// Tests for envelope encryption: data keys wrapped under the KEK and bound
// to their person, fields bound to person, field and key version, and KEK
// rotation by rewrapping followed by retirement of the old KEK.
//
// Thread-safety: each test uses its own temporary directory.
#include "hub/crypto/envelope.h"

#include <memory>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hub/crypto/aes_gcm.h"
#include "tests/testutil/temp_dir.h"

namespace rosa::crypto {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPerson[] = "3f2b8c1e-7d4a-4f0e-9b6a-2c1d5e8f9a01";
constexpr char kOtherPerson[] = "a6e0d7c2-1b3f-4e8a-8c5d-7f9e0a2b4c63";
constexpr char kName[] = "Åse Ødegård";

class EnvelopeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<KekStore>> store =
        KekStore::OpenOrCreate(KekStore::DefaultPath(dir_.path()));
    ASSERT_TRUE(store.ok()) << store.status();
    kek_store_ = *std::move(store);
    absl::StatusOr<DataKey> key = DataKey::Generate();
    ASSERT_TRUE(key.ok());
    data_key_ = std::make_unique<DataKey>(*std::move(key));
  }

  testutil::TempDir dir_;
  std::unique_ptr<KekStore> kek_store_;
  std::unique_ptr<DataKey> data_key_;
};

TEST_F(EnvelopeTest, DataKeysAreRandom) {
  absl::StatusOr<DataKey> other = DataKey::Generate();
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->bytes().size(), 32u);
  EXPECT_FALSE(other->Equals(*data_key_));
  EXPECT_FALSE(DataKey::FromBytes("short").ok());
}

TEST_F(EnvelopeTest, WrapUnwrapRoundTrip) {
  absl::StatusOr<WrappedKey> wrapped =
      WrapDataKey(*kek_store_, kPerson, *data_key_);
  ASSERT_TRUE(wrapped.ok()) << wrapped.status();
  EXPECT_EQ(wrapped->kek_version, kek_store_->active_version());
  EXPECT_EQ(wrapped->sealed.size(), 32 + kAesGcmOverhead);
  EXPECT_THAT(wrapped->sealed, Not(HasSubstr(std::string(data_key_->bytes()))));
  absl::StatusOr<DataKey> unwrapped =
      UnwrapDataKey(*kek_store_, kPerson, *wrapped);
  ASSERT_TRUE(unwrapped.ok()) << unwrapped.status();
  EXPECT_TRUE(unwrapped->Equals(*data_key_));
}

TEST_F(EnvelopeTest, WrappedKeyIsBoundToPersonAndVersion) {
  absl::StatusOr<WrappedKey> wrapped =
      WrapDataKey(*kek_store_, kPerson, *data_key_);
  ASSERT_TRUE(wrapped.ok());
  EXPECT_EQ(UnwrapDataKey(*kek_store_, kOtherPerson, *wrapped).status(),
            OpenFailedError());
  // The same bytes claimed to be under another (live) KEK version.
  ASSERT_TRUE(kek_store_->Rotate().ok());
  WrappedKey relabelled = *wrapped;
  relabelled.kek_version = 2;
  EXPECT_FALSE(UnwrapDataKey(*kek_store_, kPerson, relabelled).ok());
  WrappedKey unknown = *wrapped;
  unknown.kek_version = 99;
  EXPECT_EQ(UnwrapDataKey(*kek_store_, kPerson, unknown).status().code(),
            absl::StatusCode::kNotFound);
  WrappedKey tampered = *wrapped;
  tampered.sealed[20] ^= 4;
  EXPECT_EQ(UnwrapDataKey(*kek_store_, kPerson, tampered).status(),
            OpenFailedError());
  EXPECT_TRUE(UnwrapDataKey(*kek_store_, kPerson, *wrapped).ok());
}

TEST_F(EnvelopeTest, FieldRoundTrip) {
  absl::StatusOr<std::string> sealed =
      EncryptField(*data_key_, kPerson, "full_name", 1, kName);
  ASSERT_TRUE(sealed.ok()) << sealed.status();
  EXPECT_THAT(*sealed, Not(HasSubstr("Ødegård")));
  EXPECT_EQ(
      DecryptField(*data_key_, kPerson, "full_name", 1, *sealed).value_or(""),
      kName);
  absl::StatusOr<std::string> empty =
      EncryptField(*data_key_, kPerson, "phone", 1, "");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(DecryptField(*data_key_, kPerson, "phone", 1, *empty)
                .value_or("not empty"),
            "");
}

TEST_F(EnvelopeTest, MovedFieldCiphertextFails) {
  absl::StatusOr<std::string> sealed =
      EncryptField(*data_key_, kPerson, "duf_number", 3, "201912345678");
  ASSERT_TRUE(sealed.ok());
  // The same data key throughout, so only the binding can refuse.
  EXPECT_EQ(
      DecryptField(*data_key_, kOtherPerson, "duf_number", 3, *sealed).status(),
      OpenFailedError());
  EXPECT_EQ(DecryptField(*data_key_, kPerson, "phone", 3, *sealed).status(),
            OpenFailedError());
  for (uint32_t version : {0u, 2u, 4u, 33u}) {
    EXPECT_EQ(DecryptField(*data_key_, kPerson, "duf_number", version, *sealed)
                  .status(),
              OpenFailedError())
        << version;
  }
  absl::StatusOr<DataKey> other_key = DataKey::Generate();
  ASSERT_TRUE(other_key.ok());
  EXPECT_EQ(
      DecryptField(*other_key, kPerson, "duf_number", 3, *sealed).status(),
      OpenFailedError());
  EXPECT_TRUE(DecryptField(*data_key_, kPerson, "duf_number", 3, *sealed).ok());
}

TEST_F(EnvelopeTest, AmbiguousComponentsAreRefused) {
  for (const char* person : {"", "a|b"}) {
    EXPECT_EQ(EncryptField(*data_key_, person, "f", 1, "x").status().code(),
              absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(WrapDataKey(*kek_store_, person, *data_key_).status().code(),
              absl::StatusCode::kInvalidArgument);
  }
  for (const char* field : {"", "name|1"}) {
    EXPECT_EQ(EncryptField(*data_key_, kPerson, field, 1, "x").status().code(),
              absl::StatusCode::kInvalidArgument);
  }
}

TEST_F(EnvelopeTest, RotationRewrapAndRetire) {
  absl::StatusOr<WrappedKey> old_wrapped =
      WrapDataKey(*kek_store_, kPerson, *data_key_);
  ASSERT_TRUE(old_wrapped.ok());
  ASSERT_EQ(old_wrapped->kek_version, 1u);
  absl::StatusOr<std::string> field =
      EncryptField(*data_key_, kPerson, "address", 1, "Storgata 1, 0155 Oslo");
  ASSERT_TRUE(field.ok());

  absl::StatusOr<uint32_t> v2 = kek_store_->Rotate();
  ASSERT_TRUE(v2.ok());
  absl::StatusOr<WrappedKey> rewrapped =
      RewrapDataKey(*kek_store_, kPerson, *old_wrapped);
  ASSERT_TRUE(rewrapped.ok()) << rewrapped.status();
  EXPECT_EQ(rewrapped->kek_version, *v2);
  EXPECT_NE(rewrapped->sealed, old_wrapped->sealed);
  // Both open until the old KEK is retired.
  EXPECT_TRUE(UnwrapDataKey(*kek_store_, kPerson, *old_wrapped).ok());

  ASSERT_TRUE(kek_store_->Retire(1).ok());
  absl::StatusOr<std::unique_ptr<KekStore>> reloaded =
      KekStore::Open(kek_store_->path());
  ASSERT_TRUE(reloaded.ok()) << reloaded.status();
  for (const KekStore* store : {kek_store_.get(), reloaded->get()}) {
    EXPECT_FALSE(UnwrapDataKey(*store, kPerson, *old_wrapped).ok());
    absl::StatusOr<DataKey> key = UnwrapDataKey(*store, kPerson, *rewrapped);
    ASSERT_TRUE(key.ok()) << key.status();
    EXPECT_TRUE(key->Equals(*data_key_));
    // Fields need no re-encryption: the data key did not change.
    EXPECT_EQ(DecryptField(*key, kPerson, "address", 1, *field).value_or(""),
              "Storgata 1, 0155 Oslo");
  }
}

}  // namespace
}  // namespace rosa::crypto
