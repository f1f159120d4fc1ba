// The person vault: persons' identifying fields, encrypted at rest. Each
// person has a random 32-byte data key, stored only wrapped by the hub's
// key-encryption key (hub/crypto/key_file.h); each identifying field is
// sealed with AES-256-GCM under the data key with associated data binding
// person id, field name and key version (hub/crypto/envelope.h). Erasing a
// person destroys the wrapped data key (crypto-shredding) and the fields.
//
// Thread-safety: methods take the calling thread's connection; writes must
// run inside a write transaction on the store's writer thread. The vault
// itself is immutable after construction and safe to share.
#ifndef ROSA_HUB_PERSON_PERSON_VAULT_H_
#define ROSA_HUB_PERSON_PERSON_VAULT_H_

#include <string>

#include "absl/status/statusor.h"
#include "hub/crypto/key_file.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/person.pb.h"

namespace rosa {

class PersonVault {
 public:
  // REQUIRES: `keks` outlives the vault.
  explicit PersonVault(crypto::KekStore* keks) : keks_(keks) {}

  // Stores the row for a new person: its profile in the clear, a fresh data
  // key wrapped under the active KEK, and every non-empty identity field
  // sealed.
  absl::Status Insert(store::Connection& conn,
                      const rosa::hub::v1::Person& person);

  // The person with decrypted identity; NOT_FOUND if unknown or erased.
  absl::StatusOr<rosa::hub::v1::Person> Load(store::Connection& conn,
                                             const std::string& person_id);
  // The person without identity (no decryption); NOT_FOUND if unknown.
  absl::StatusOr<rosa::hub::v1::Person> LoadProfile(
      store::Connection& conn, const std::string& person_id);

  // Deletes the data key, every sealed field and every row about the person
  // (consents, disclosures and handoffs, whose case summary is free text
  // about the person), the idempotency records that copy a handoff, and the
  // body of every outbox event that does (the event keeps its cursor).
  // Audit entries are not touched.
  absl::Status Shred(store::Connection& conn, const std::string& person_id);

  // Re-wraps every data key under the active KEK; afterwards nothing is
  // wrapped under an older version. Returns how many keys moved.
  absl::StatusOr<int> RewrapAll(store::Connection& conn);

 private:
  crypto::KekStore* keks_;
};

}  // namespace rosa

#endif  // ROSA_HUB_PERSON_PERSON_VAULT_H_
