#include "tests/reliability/tamper_checkpoint.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "hub/audit/checkpoint.h"
#include "hub/audit/merkle.h"
#include "hub/audit/stored_log_verifier.h"
#include "hub/common/status_macros.h"

namespace rosa::reliability {
namespace {

namespace v1 = rosa::hub::v1;

CheckpointCase FromProto(std::string label, v1::SignedCheckpoint cp) {
  CheckpointCase c;
  c.label = std::move(label);
  c.json = audit::CheckpointToJson(cp).value_or("");
  c.checkpoint = std::move(cp);
  return c;
}

// `cp` with `checkpoint` as its body and fields, signed by `key` (or with
// `signature` when key is null), naming `pem`.
v1::SignedCheckpoint Make(const audit::Checkpoint& checkpoint,
                          std::string signature, std::string pem) {
  v1::SignedCheckpoint cp;
  cp.set_origin(checkpoint.origin);
  cp.set_tree_size(checkpoint.size);
  cp.set_root_hash(checkpoint.root_hash);
  cp.set_body(audit::CheckpointBody(checkpoint).value_or(""));
  cp.set_signature(std::move(signature));
  cp.set_public_key_pem(std::move(pem));
  return cp;
}

}  // namespace

std::vector<CheckpointCase> JsonByteChanges(
    const std::string& json, const v1::SignedCheckpoint& original,
    std::mt19937_64& rng, uint64_t* unchanged) {
  std::vector<CheckpointCase> out;
  for (size_t pos = 0; pos < json.size(); ++pos) {
    const auto x = static_cast<uint8_t>(1 + rng() % 255);
    CheckpointCase c;
    c.label = absl::StrCat("file byte ", pos, " ^ ", static_cast<int>(x));
    c.json = json;
    c.json[pos] = static_cast<char>(c.json[pos] ^ x);
    absl::StatusOr<v1::SignedCheckpoint> parsed =
        audit::CheckpointFromJson(c.json);
    if (!parsed.ok()) {
      c.unparsable = true;
    } else if (google::protobuf::util::MessageDifferencer::Equals(*parsed,
                                                                  original)) {
      ++*unchanged;
      continue;
    } else {
      c.checkpoint = *std::move(parsed);
      c.pem_only = c.checkpoint.public_key_pem() != original.public_key_pem();
      v1::SignedCheckpoint same_pem = c.checkpoint;
      same_pem.set_public_key_pem(original.public_key_pem());
      c.pem_only =
          c.pem_only && google::protobuf::util::MessageDifferencer::Equals(
                            same_pem, original);
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<CheckpointCase> FieldChanges(const v1::SignedCheckpoint& original,
                                         std::mt19937_64& rng) {
  std::vector<CheckpointCase> out;
  for (size_t i = 0; i < original.signature().size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      v1::SignedCheckpoint cp = original;
      (*cp.mutable_signature())[i] ^= static_cast<char>(1 << bit);
      out.push_back(FromProto(absl::StrCat("signature byte ", i, " bit ", bit),
                              std::move(cp)));
    }
  }
  for (size_t i = 0; i < original.body().size(); ++i) {
    v1::SignedCheckpoint cp = original;
    // Stays ASCII (the body is a proto string: UTF-8 only).
    (*cp.mutable_body())[i] ^= static_cast<char>(1 + rng() % 127);
    out.push_back(FromProto(absl::StrCat("body byte ", i), std::move(cp)));
  }
  for (size_t i = 0; i < original.root_hash().size(); ++i) {
    v1::SignedCheckpoint cp = original;
    (*cp.mutable_root_hash())[i] ^= static_cast<char>(1 + rng() % 255);
    out.push_back(FromProto(absl::StrCat("root byte ", i), std::move(cp)));
  }
  const uint64_t n = original.tree_size();
  for (uint64_t size : {n - 1, n + 1, uint64_t{1}, ~uint64_t{0}}) {
    v1::SignedCheckpoint cp = original;
    cp.set_tree_size(size);
    out.push_back(FromProto(absl::StrCat("tree_size ", size), std::move(cp)));
  }
  v1::SignedCheckpoint cp = original;
  cp.set_origin("another log");
  out.push_back(FromProto("origin", std::move(cp)));
  cp = original;
  cp.clear_signature();
  out.push_back(FromProto("no signature", std::move(cp)));
  cp = original;
  cp.set_signature(std::string(64, '\0'));
  out.push_back(FromProto("zero signature", std::move(cp)));
  return out;
}

absl::StatusOr<std::vector<CheckpointCase>> Forgeries(
    const v1::SignedCheckpoint& original,
    const std::vector<std::string>& entries,
    const std::filesystem::path& attacker_key_path) {
  ASSIGN_OR_RETURN(audit::KeyPtr attacker,
                   audit::LoadOrCreateSigningKey(attacker_key_path));
  ASSIGN_OR_RETURN(const std::string attacker_pem,
                   audit::PublicKeyPem(attacker.get()));
  ASSIGN_OR_RETURN(const audit::Checkpoint full, audit::CheckpointOf(original));
  // The checkpoint of the log without its last entry (what an attacker who
  // dropped it would need).
  std::vector<std::string> leaves;
  for (size_t i = 0; i + 1 < entries.size(); ++i) {
    leaves.push_back(audit::LeafHash(entries[i]));
  }
  audit::Checkpoint shorter = full;
  shorter.size = leaves.size();
  shorter.root_hash = audit::RootHash(leaves);

  std::vector<CheckpointCase> out;
  for (const auto& [name, checkpoint] :
       {std::pair<std::string, audit::Checkpoint>{"same body", full},
        {"shorter log", shorter}}) {
    ASSIGN_OR_RETURN(std::string sig,
                     audit::SignCheckpoint(attacker.get(), checkpoint));
    for (const auto& [who, pem] :
         {std::pair<std::string, std::string>{"attacker's key", attacker_pem},
          {"hub's key", original.public_key_pem()},
          {"no key", ""}}) {
      out.push_back(FromProto(
          absl::StrCat(name, " signed by the attacker, naming the ", who),
          Make(checkpoint, sig, pem)));
    }
  }
  // The hub's genuine signature moved onto another body.
  out.push_back(FromProto(
      "hub signature on the shorter log's body",
      Make(shorter, original.signature(), original.public_key_pem())));
  v1::SignedCheckpoint fields_only =
      Make(shorter, original.signature(), original.public_key_pem());
  fields_only.clear_body();
  out.push_back(FromProto("hub signature, no body, shorter log's fields",
                          std::move(fields_only)));
  return out;
}

}  // namespace rosa::reliability
