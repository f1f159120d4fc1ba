#include "hub/backup/backup_manifest.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/sha256.h"
#include "hub/audit/checkpoint.h"
#include "hub/audit/stored_log_verifier.h"
#include "hub/common/status_macros.h"
#include "hub/store/database_file.h"
#include "nlohmann/json.hpp"

namespace rosa::backup {
namespace {

constexpr char kFormat[] = "rosa-hub backup 2";
// Written before the manifest was signed as a whole.
constexpr char kUnsignedFormat[] = "rosa-hub backup 1";
// The first line of the signed bytes: names what they are, and keeps them
// from ever reading as a checkpoint body (hub/audit/checkpoint.h).
constexpr char kBodyContext[] = "rosa-hub backup manifest\n";
constexpr size_t kSignatureSize = 64;

bool IsHexDigest(std::string_view text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

absl::Status CheckBackupPath(const std::string& path) {
  if (path == store::kDatabaseFileName) return absl::OkStatus();
  const std::string pki = "pki/";
  if (path.compare(0, pki.size(), pki) == 0) {
    const std::string name = path.substr(pki.size());
    const std::string key = ".key";
    const bool private_key =
        name.size() >= key.size() &&
        name.compare(name.size() - key.size(), key.size(), key) == 0;
    // No dot files: that excludes ".", ".." and temporary files.
    const bool plain = !name.empty() && name.find('/') == std::string::npos &&
                       name.front() != '.';
    if (plain && !private_key) return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("backup file ", path,
                   ": not the database or a pki/ certificate or list"));
}

namespace {

// Everything but the signature, in the order that is signed.
absl::StatusOr<nlohmann::ordered_json> ManifestObject(
    const BackupManifest& manifest) {
  ASSIGN_OR_RETURN(const std::string checkpoint,
                   audit::CheckpointToJson(manifest.audit_checkpoint));
  nlohmann::ordered_json json;
  json["format"] = manifest.unsigned_legacy ? kUnsignedFormat : kFormat;
  json["created"] = absl::FormatTime(absl::RFC3339_sec, manifest.created,
                                     absl::UTCTimeZone());
  json["schema_version"] = manifest.schema_version;
  json["files"] = nlohmann::ordered_json::array();
  for (const BackupFile& file : manifest.files) {
    json["files"].push_back({{"path", file.path},
                             {"size", file.size},
                             {"sha256", file.sha256_hex}});
  }
  json["audit_checkpoint"] = nlohmann::ordered_json::parse(checkpoint);
  return json;
}

}  // namespace

bool HoldsPemPrivateKey(std::string_view content) {
  constexpr std::string_view kBegin = "-----BEGIN ";
  constexpr std::string_view kDashes = "-----";
  for (size_t at = content.find(kBegin); at != std::string_view::npos;
       at = content.find(kBegin, at + kBegin.size())) {
    const size_t label = at + kBegin.size();
    const size_t end = content.find(kDashes, label);
    if (end == std::string_view::npos) return false;
    const std::string name =
        absl::AsciiStrToUpper(std::string(content.substr(label, end - label)));
    if (name.find('\n') == std::string::npos &&
        name.find("PRIVATE KEY") != std::string::npos) {
      return true;
    }
  }
  return false;
}

absl::StatusOr<std::string> ManifestToJson(const BackupManifest& manifest) {
  ASSIGN_OR_RETURN(nlohmann::ordered_json json, ManifestObject(manifest));
  if (!manifest.unsigned_legacy) {
    json["signature"] = absl::Base64Escape(manifest.signature);
  }
  return json.dump(1) + "\n";
}

absl::StatusOr<std::string> ManifestBody(const BackupManifest& manifest) {
  ASSIGN_OR_RETURN(const nlohmann::ordered_json json, ManifestObject(manifest));
  return absl::StrCat(kBodyContext, json.dump());
}

absl::Status SignManifest(EVP_PKEY* signing_key, BackupManifest& manifest) {
  manifest.unsigned_legacy = false;
  ASSIGN_OR_RETURN(const std::string body, ManifestBody(manifest));
  ASSIGN_OR_RETURN(manifest.signature, audit::SignMessage(signing_key, body));
  return absl::OkStatus();
}

absl::Status VerifyManifestSignature(EVP_PKEY* hub_key,
                                     const BackupManifest& manifest) {
  if (manifest.unsigned_legacy) {
    return absl::DataLossError(
        absl::StrCat("the backup manifest is of format \"", kUnsignedFormat,
                     "\" and not signed"));
  }
  ASSIGN_OR_RETURN(const std::string body, ManifestBody(manifest));
  const absl::Status verified =
      audit::VerifyMessage(hub_key, body, manifest.signature);
  if (absl::IsFailedPrecondition(verified)) {
    return absl::DataLossError(
        "the backup manifest's signature does not verify with the hub's "
        "audit key: the manifest was altered, or the backup is of another "
        "hub");
  }
  return verified;
}

absl::StatusOr<BackupManifest> ManifestFromJson(std::string_view text) {
  const auto invalid = [](const std::string& what) {
    return absl::InvalidArgumentError(absl::StrCat("backup manifest: ", what));
  };
  const nlohmann::json json =
      nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return invalid("not a JSON object");
  BackupManifest manifest;
  const auto format_field = json.find("format");
  const std::string format =
      format_field != json.end() && format_field->is_string()
          ? format_field->get<std::string>()
          : "";
  if (format == kUnsignedFormat) {
    if (json.contains("signature")) {
      return invalid(
          absl::StrCat("format \"", kUnsignedFormat, "\" has no signature"));
    }
    manifest.unsigned_legacy = true;
  } else if (format == kFormat) {
    const auto signature = json.find("signature");
    if (signature == json.end() || !signature->is_string() ||
        !absl::Base64Unescape(signature->get<std::string>(),
                              &manifest.signature) ||
        manifest.signature.size() != kSignatureSize) {
      return invalid(absl::StrCat("signature is not the base64 of ",
                                  kSignatureSize, " bytes"));
    }
  } else {
    return invalid(absl::StrCat("format is neither \"", kFormat, "\" nor \"",
                                kUnsignedFormat, "\""));
  }
  std::string error;
  const auto created = json.find("created");
  if (created == json.end() || !created->is_string() ||
      !absl::ParseTime(absl::RFC3339_full, created->get<std::string>(),
                       &manifest.created, &error)) {
    return invalid("created is not an RFC 3339 time");
  }
  const auto schema = json.find("schema_version");
  if (schema == json.end() || !schema->is_number_integer()) {
    return invalid("schema_version is not an integer");
  }
  manifest.schema_version = schema->get<int>();
  const auto files = json.find("files");
  if (files == json.end() || !files->is_array() || files->empty()) {
    return invalid("files is not a non-empty array");
  }
  bool has_database = false;
  for (const nlohmann::json& file : *files) {
    if (!file.is_object() || !file.contains("path") ||
        !file["path"].is_string() || !file.contains("size") ||
        !file["size"].is_number_unsigned() || !file.contains("sha256") ||
        !file["sha256"].is_string()) {
      return invalid("a file entry lacks path, size or sha256");
    }
    BackupFile entry{file["path"].get<std::string>(),
                     file["size"].get<uint64_t>(),
                     file["sha256"].get<std::string>()};
    RETURN_IF_ERROR(CheckBackupPath(entry.path));
    if (!IsHexDigest(entry.sha256_hex)) {
      return invalid(absl::StrCat("file ", entry.path,
                                  ": sha256 is not 64 lower-case hex digits"));
    }
    has_database = has_database || entry.path == store::kDatabaseFileName;
    manifest.files.push_back(std::move(entry));
  }
  if (!has_database) return invalid("the database is not listed");
  const auto checkpoint = json.find("audit_checkpoint");
  if (checkpoint == json.end() || !checkpoint->is_object()) {
    return invalid("audit_checkpoint is missing");
  }
  ASSIGN_OR_RETURN(manifest.audit_checkpoint,
                   audit::CheckpointFromJson(checkpoint->dump()));
  return manifest;
}

absl::StatusOr<BackupFile> DescribeFile(const std::filesystem::path& dir,
                                        const std::string& path) {
  ASSIGN_OR_RETURN(const FileDigest digest, Sha256File(dir / path));
  return BackupFile{path, digest.size, digest.sha256_hex};
}

}  // namespace rosa::backup
