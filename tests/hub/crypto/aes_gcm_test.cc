// Tests for AES-256-GCM: the McGrew-Viega / NIST GCM known answers for
// 256-bit keys (test cases 13-16), fresh nonces, and that every tampering,
// truncation, wrong key or wrong associated data is refused with the one
// generic error.
//
// Thread-safety: tests share no state.
#include "hub/crypto/aes_gcm.h"

#include <set>
#include <string>
#include <string_view>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa::crypto {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Hex(std::string_view hex) {
  return absl::HexStringToBytes(std::string(hex));
}

struct GcmVector {
  const char* name;
  const char* key;
  const char* nonce;
  const char* aad;
  const char* plaintext;
  const char* ciphertext;
  const char* tag;
};

// "The Galois/Counter Mode of Operation (GCM)", McGrew & Viega, Appendix B
// (the test vectors accompanying NIST SP 800-38D), test cases 13-16.
constexpr char kKey15[] =
    "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
constexpr char kZeroKey[] =
    "0000000000000000000000000000000000000000000000000000000000000000";
const GcmVector kVectors[] = {
    {"TC13 (empty)", kZeroKey, "000000000000000000000000", "", "", "",
     "530f8afbc74536b9a963b4f1c4cb738b"},
    {"TC14 (one zero block)", kZeroKey, "000000000000000000000000", "",
     "00000000000000000000000000000000", "cea7403d4d606b6e074ec5d3baf39d18",
     "d0d1c8a799996bf0265b98b5d48ab919"},
    {"TC15 (64 bytes, no AAD)", kKey15, "cafebabefacedbaddecaf888", "",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
     "b094dac5d93471bdec1a502270e3cc6c"},
    {"TC16 (60 bytes, 20 bytes AAD)", kKey15, "cafebabefacedbaddecaf888",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
};

TEST(AesGcmTest, KnownAnswersSeal) {
  for (const GcmVector& v : kVectors) {
    SCOPED_TRACE(v.name);
    absl::StatusOr<std::string> sealed =
        SealWithNonce(Hex(v.key), Hex(v.nonce), Hex(v.plaintext), Hex(v.aad));
    ASSERT_TRUE(sealed.ok()) << sealed.status();
    EXPECT_EQ(absl::BytesToHexString(*sealed),
              std::string(v.nonce) + v.ciphertext + v.tag);
  }
}

TEST(AesGcmTest, KnownAnswersOpen) {
  for (const GcmVector& v : kVectors) {
    SCOPED_TRACE(v.name);
    const std::string sealed = Hex(v.nonce) + Hex(v.ciphertext) + Hex(v.tag);
    absl::StatusOr<std::string> opened = Open(Hex(v.key), sealed, Hex(v.aad));
    ASSERT_TRUE(opened.ok()) << opened.status();
    EXPECT_EQ(*opened, Hex(v.plaintext));
  }
}

TEST(AesGcmTest, KnownAnswerWithWrongAssociatedDataFails) {
  const GcmVector& v = kVectors[3];
  const std::string sealed = Hex(v.nonce) + Hex(v.ciphertext) + Hex(v.tag);
  EXPECT_FALSE(Open(Hex(v.key), sealed, "").ok());
  std::string aad = Hex(v.aad);
  aad.back() ^= 1;
  EXPECT_FALSE(Open(Hex(v.key), sealed, aad).ok());
  EXPECT_FALSE(Open(Hex(v.key), sealed, Hex(v.aad) + "x").ok());
}

class AesGcmRandomTest : public ::testing::Test {
 protected:
  const std::string key_ = std::string(32, '\x42');
  const std::string ad_ = "rosa-hub/test|person-1";
  const std::string plaintext_ = "Kari Nordmann, 01.02.1990";
};

TEST_F(AesGcmRandomTest, RoundTrip) {
  absl::StatusOr<std::string> sealed = Seal(key_, plaintext_, ad_);
  ASSERT_TRUE(sealed.ok()) << sealed.status();
  EXPECT_EQ(sealed->size(), kAesGcmOverhead + plaintext_.size());
  EXPECT_THAT(*sealed, Not(HasSubstr(plaintext_)));
  absl::StatusOr<std::string> opened = Open(key_, *sealed, ad_);
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(*opened, plaintext_);

  absl::StatusOr<std::string> empty = Seal(key_, "", "");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->size(), kAesGcmOverhead);
  EXPECT_EQ(Open(key_, *empty, "").value_or("not empty"), "");
}

TEST_F(AesGcmRandomTest, FreshNonceEveryCall) {
  std::set<std::string> nonces;
  std::set<std::string> ciphertexts;
  for (int i = 0; i < 1000; ++i) {
    absl::StatusOr<std::string> sealed = Seal(key_, plaintext_, ad_);
    ASSERT_TRUE(sealed.ok()) << sealed.status();
    nonces.insert(sealed->substr(0, kAesGcmNonceSize));
    ciphertexts.insert(sealed->substr(kAesGcmNonceSize));
  }
  EXPECT_EQ(nonces.size(), 1000u);
  EXPECT_EQ(ciphertexts.size(), 1000u);
}

TEST_F(AesGcmRandomTest, EveryFlippedBitFails) {
  absl::StatusOr<std::string> sealed = Seal(key_, plaintext_, ad_);
  ASSERT_TRUE(sealed.ok());
  ASSERT_TRUE(Open(key_, *sealed, ad_).ok());
  int refused = 0;
  for (size_t i = 0; i < sealed->size(); ++i) {  // nonce, ciphertext, tag
    for (int bit = 0; bit < 8; ++bit) {
      std::string tampered = *sealed;
      tampered[i] = static_cast<char>(tampered[i] ^ (1 << bit));
      absl::StatusOr<std::string> opened = Open(key_, tampered, ad_);
      EXPECT_FALSE(opened.ok()) << "byte " << i << " bit " << bit;
      EXPECT_EQ(opened.status(), OpenFailedError());
      refused += opened.ok() ? 0 : 1;
    }
  }
  EXPECT_EQ(refused, static_cast<int>(8 * sealed->size()));
}

TEST_F(AesGcmRandomTest, TruncatedOrExtendedFails) {
  absl::StatusOr<std::string> sealed = Seal(key_, plaintext_, ad_);
  ASSERT_TRUE(sealed.ok());
  for (size_t cut = 1; cut <= 4; ++cut) {
    EXPECT_EQ(Open(key_, sealed->substr(0, sealed->size() - cut), ad_).status(),
              OpenFailedError())
        << "cut " << cut;
  }
  // The same message with only the first 12 bytes of its tag: a 96-bit tag
  // is valid GCM, but this format takes 16-byte tags only.
  const std::string tag12 = sealed->substr(0, sealed->size() - 4);
  EXPECT_EQ(Open(key_, tag12, ad_).status(), OpenFailedError());
  EXPECT_EQ(Open(key_, *sealed + '\0', ad_).status(), OpenFailedError());
  // Shorter than nonce + tag: refused outright.
  for (size_t size : {size_t{0}, size_t{12}, kAesGcmOverhead - 1}) {
    EXPECT_EQ(Open(key_, sealed->substr(0, size), ad_).status(),
              OpenFailedError());
  }
}

TEST_F(AesGcmRandomTest, TwelveByteTagOfEmptyMessageIsRefused) {
  // nonce(12) || tag(12) of an empty plaintext, which OpenSSL would accept
  // if the tag length were taken from the input.
  absl::StatusOr<std::string> sealed = Seal(key_, "", ad_);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(Open(key_, sealed->substr(0, 24), ad_).status(), OpenFailedError());
}

TEST_F(AesGcmRandomTest, WrongKeyOrAssociatedDataFails) {
  absl::StatusOr<std::string> sealed = Seal(key_, plaintext_, ad_);
  ASSERT_TRUE(sealed.ok());
  std::string other_key = key_;
  other_key[31] ^= 1;
  EXPECT_EQ(Open(other_key, *sealed, ad_).status(), OpenFailedError());
  EXPECT_EQ(Open(key_, *sealed, "").status(), OpenFailedError());
  EXPECT_EQ(Open(key_, *sealed, ad_ + "2").status(), OpenFailedError());
  EXPECT_EQ(Open(key_.substr(0, 16), *sealed, ad_).status(), OpenFailedError());
}

TEST_F(AesGcmRandomTest, ErrorsRevealNothing) {
  absl::StatusOr<std::string> sealed = Seal(key_, plaintext_, ad_);
  ASSERT_TRUE(sealed.ok());
  const absl::Status status = Open(key_, *sealed, "wrong").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  const std::string message(status.message());
  EXPECT_THAT(message, Not(HasSubstr("Kari")));
  EXPECT_THAT(message, Not(HasSubstr("person-1")));
  EXPECT_THAT(message, Not(HasSubstr("BBBB")));  // key_ is 0x42 bytes
  EXPECT_THAT(message, Not(HasSubstr("4242")));
}

TEST_F(AesGcmRandomTest, BadSizesAreRefused) {
  EXPECT_EQ(Seal(key_.substr(0, 16), plaintext_, ad_).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Seal("", plaintext_, ad_).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SealWithNonce(key_, std::string(8, '\0'), plaintext_, ad_)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SealWithNonce(key_, std::string(16, '\0'), plaintext_, ad_)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace rosa::crypto
