// Revocation files with POSIX and OpenSSL 3 calls. Errors name the file and
// line, never key material.
//
// Thread-safety: see revocation.h. The module has no shared state.
#include "hub/pki/revocation.h"

#include <fcntl.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/file.h>
#include <unistd.h>

#include <memory>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "hub/common/openssl_util.h"
#include "hub/common/private_file.h"
#include "hub/common/status_macros.h"

namespace rosa::pki {
namespace {

namespace fs = std::filesystem;

using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_free>>;

constexpr size_t kMaxListSize = 16 << 20;
constexpr size_t kMaxSerialDigits = 64;
constexpr char kRevokedHeader[] =
    "# rosa-hub revoked partner certificates: <serial> <partner-id> "
    "<revoked at>\n"
    "# A running hub rereads this file within a second of a change.\n";
constexpr char kIssuedHeader[] =
    "# rosa-hub partner certificates issued: <serial> <partner-id>\n";

// Holds an exclusive flock on the PKI directory while it lives.
class DirectoryLock {
 public:
  static absl::StatusOr<DirectoryLock> Acquire(const fs::path& dir) {
    const int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return absl::ErrnoToStatus(errno, "open " + dir.string());
    if (flock(fd, LOCK_EX) != 0) {
      const int error = errno;
      close(fd);
      return absl::ErrnoToStatus(error, "lock " + dir.string());
    }
    return DirectoryLock(fd);
  }
  DirectoryLock(DirectoryLock&& other) noexcept
      : fd_(std::exchange(other.fd_, -1)) {}
  DirectoryLock& operator=(DirectoryLock&&) = delete;
  ~DirectoryLock() {
    if (fd_ >= 0) close(fd_);  // Releases the lock.
  }

 private:
  explicit DirectoryLock(int fd) : fd_(fd) {}
  int fd_;
};

// The text of `path`, or "" if it does not exist.
absl::StatusOr<std::string> ReadListFile(const fs::path& path) {
  absl::StatusOr<std::string> text = ReadSmallFile(path, kMaxListSize);
  if (absl::IsNotFound(text.status())) return std::string();
  return text;
}

// The fields of every line that is not a comment, with its line number.
struct Line {
  int number;
  std::vector<std::string_view> fields;
};
std::vector<Line> Lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(text.data(), text.size()), '\n')) {
    ++number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    Line& out = lines.emplace_back(Line{number, {}});
    for (absl::string_view field :
         absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty())) {
      out.fields.emplace_back(field.data(), field.size());
    }
  }
  return lines;
}

// Each (serial, partner id) of issued.txt, oldest first.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> ReadIssued(
    const PkiPaths& paths) {
  ASSIGN_OR_RETURN(const std::string text, ReadListFile(paths.issued()));
  std::vector<std::pair<std::string, std::string>> issued;
  for (const Line& line : Lines(text)) {
    std::string serial = NormalizeSerial(line.fields[0]);
    if (serial.empty() || line.fields.size() < 2) {
      return absl::InvalidArgumentError(
          absl::StrCat(paths.issued().string(), " line ", line.number,
                       ": expected <serial> <partner-id>"));
    }
    issued.emplace_back(std::move(serial), std::string(line.fields[1]));
  }
  return issued;
}

std::string PartnerOf(
    const std::vector<std::pair<std::string, std::string>>& issued,
    const std::string& serial) {
  for (const auto& [s, partner] : issued) {
    if (s == serial) return partner;
  }
  return "";
}

}  // namespace

std::string NormalizeSerial(std::string_view text) {
  if (absl::StartsWithIgnoreCase(absl::string_view(text.data(), text.size()),
                                 "0x")) {
    text.remove_prefix(2);
  }
  std::string digits;
  for (char c : text) {
    if (c == ':') continue;
    if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return "";
    if (digits.empty() && c == '0') continue;
    digits.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  if (digits.size() > kMaxSerialDigits) return "";
  if (digits.empty()) {
    // All zeros is the serial 0; nothing at all is not a serial.
    return text.find('0') == std::string_view::npos ? "" : "0";
  }
  return digits;
}

absl::StatusOr<std::string> CertificateSerial(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)
                   : nullptr);
  if (!cert) return OpenSslError("reading a certificate");
  BignumPtr bn(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert.get()), nullptr));
  if (!bn) return OpenSslError("reading the serial number");
  char* hex = BN_bn2hex(bn.get());
  if (hex == nullptr) return OpenSslError("BN_bn2hex");
  std::string serial = NormalizeSerial(hex);
  OPENSSL_free(hex);
  if (serial.empty()) {
    return absl::InvalidArgumentError("certificate has a negative serial");
  }
  return serial;
}

absl::StatusOr<SerialSet> ParseRevocations(std::string_view text) {
  SerialSet serials;
  for (const Line& line : Lines(text)) {
    std::string serial = NormalizeSerial(line.fields[0]);
    if (serial.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "revocation list line ", line.number, ": not a serial number"));
    }
    serials.insert(std::move(serial));
  }
  return serials;
}

absl::StatusOr<SerialSet> ReadRevocations(const fs::path& path) {
  ASSIGN_OR_RETURN(const std::string text, ReadListFile(path));
  absl::StatusOr<SerialSet> serials = ParseRevocations(text);
  if (!serials.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path.string(), ": ", serials.status().message()));
  }
  return serials;
}

absl::Status RecordIssued(const PkiPaths& paths, std::string_view serial,
                          std::string_view partner_id) {
  ASSIGN_OR_RETURN(DirectoryLock lock, DirectoryLock::Acquire(paths.dir));
  ASSIGN_OR_RETURN(std::string text, ReadListFile(paths.issued()));
  if (text.empty()) text = kIssuedHeader;
  absl::StrAppend(&text, std::string(serial), " ", std::string(partner_id),
                  "\n");
  return WriteFileAtomically(paths.issued(), text, {.mode = 0644});
}

absl::StatusOr<std::vector<Revoked>> Revoke(const PkiPaths& paths,
                                            const RevokeRequest& request) {
  ASSIGN_OR_RETURN(DirectoryLock lock, DirectoryLock::Acquire(paths.dir));
  ASSIGN_OR_RETURN(const auto issued, ReadIssued(paths));
  std::vector<Revoked> wanted;
  if (!request.partner_id.empty()) {
    std::string current;
    absl::StatusOr<std::string> pem =
        ReadFile(paths.partner_cert(request.partner_id));
    if (pem.ok()) {
      ASSIGN_OR_RETURN(current, CertificateSerial(*pem));
    } else if (!absl::IsNotFound(pem.status())) {
      return pem.status();
    }
    for (const auto& [serial, partner] : issued) {
      if (partner == request.partner_id && serial != current) {
        wanted.push_back({serial, partner});
      }
    }
    if (wanted.empty()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "partner ", request.partner_id,
          " has no certificate in issued.txt besides its current one",
          current.empty() ? "" : absl::StrCat(" (serial ", current, ")"),
          "; issue it a new one first (pki issue), then revoke, or revoke "
          "one certificate with --serial or --cert"));
    }
  } else {
    std::string serial;
    if (!request.serial.empty()) {
      serial = NormalizeSerial(request.serial);
      if (serial.empty()) {
        return absl::InvalidArgumentError(
            "--serial: hex digits expected, as openssl x509 -serial prints");
      }
    } else {
      ASSIGN_OR_RETURN(const std::string pem, ReadFile(request.cert_file));
      ASSIGN_OR_RETURN(serial, CertificateSerial(pem));
    }
    wanted.push_back({serial, PartnerOf(issued, serial)});
  }

  ASSIGN_OR_RETURN(std::string text, ReadListFile(paths.revoked()));
  ASSIGN_OR_RETURN(const SerialSet known, ReadRevocations(paths.revoked()));
  if (text.empty()) text = kRevokedHeader;
  if (text.back() != '\n') text.push_back('\n');
  const std::string now =
      absl::FormatTime(absl::RFC3339_sec, absl::Now(), absl::UTCTimeZone());
  for (Revoked& r : wanted) {
    r.already = known.contains(r.serial);
    if (r.already) continue;
    absl::StrAppend(&text, r.serial, " ",
                    r.partner_id.empty() ? "-" : r.partner_id, " ", now, "\n");
  }
  RETURN_IF_ERROR(WriteFileAtomically(paths.revoked(), text, {.mode = 0644}));
  return wanted;
}

}  // namespace rosa::pki
