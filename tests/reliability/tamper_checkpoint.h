// Altered and forged checkpoints for the tampering campaign: every byte of
// the checkpoint file changed, fields of the SignedCheckpoint changed, and
// checkpoints signed with an attacker's key or carrying the hub's
// signature over another body.
//
// Thread-safety: pure functions.
#ifndef ROSA_TESTS_RELIABILITY_TAMPER_CHECKPOINT_H_
#define ROSA_TESTS_RELIABILITY_TAMPER_CHECKPOINT_H_

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "rosa/hub/v1/audit.pb.h"

namespace rosa::reliability {

struct CheckpointCase {
  std::string label;
  // The checkpoint file as the attacker left it.
  std::string json;
  // What it parses to (when it parses).
  rosa::hub::v1::SignedCheckpoint checkpoint;
  bool unparsable = false;
  // Only the public key it names differs from the original: not part of
  // what is signed, so VerifyLog (which is given the key) cannot see it;
  // VerifyStoredLog and the CLI refuse a checkpoint naming another key.
  bool pem_only = false;
};

// Each byte of `json` XORed with a random non-zero value. Changes after
// which the file still parses to `original` (whitespace, base64 bits that
// decode the same) are not changes: they are counted in `*unchanged` and
// left out.
std::vector<CheckpointCase> JsonByteChanges(
    const std::string& json, const rosa::hub::v1::SignedCheckpoint& original,
    std::mt19937_64& rng, uint64_t* unchanged);

// Every bit of the signature flipped; every byte of the body and of the
// root hash changed; tree_size moved; origin and key changed.
std::vector<CheckpointCase> FieldChanges(
    const rosa::hub::v1::SignedCheckpoint& original, std::mt19937_64& rng);

// Checkpoints an attacker can make without the hub's private key: the
// original and a shorter log's checkpoint signed with a key made at
// `attacker_key_path` (with the attacker's, the hub's or no public key
// named), and the hub's signature moved onto other bodies.
// `entries` is the log as stored.
absl::StatusOr<std::vector<CheckpointCase>> Forgeries(
    const rosa::hub::v1::SignedCheckpoint& original,
    const std::vector<std::string>& entries,
    const std::filesystem::path& attacker_key_path);

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_TAMPER_CHECKPOINT_H_
