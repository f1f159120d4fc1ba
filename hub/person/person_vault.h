// The person vault: persons' identifying fields, encrypted at rest. Each
// person has a random 32-byte data key, stored only wrapped by the hub's
// key-encryption key (hub/crypto/key_file.h); each identifying field is
// sealed with AES-256-GCM under the data key with associated data binding
// person id, field name and key version (hub/crypto/envelope.h). Free text
// about the person (referral notes, handoff case summaries) is sealed under
// the same data key by the vault's TextVault (text_vault.h). Erasing a
// person destroys the wrapped data key (crypto-shredding), the fields and
// the sealed texts.
//
// Thread-safety: methods take the calling thread's connection; writes must
// run inside a write transaction on the store's writer thread. The vault
// itself is immutable after construction and safe to share.
#ifndef ROSA_HUB_PERSON_PERSON_VAULT_H_
#define ROSA_HUB_PERSON_PERSON_VAULT_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "hub/crypto/envelope.h"
#include "hub/crypto/key_file.h"
#include "hub/person/text_vault.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/person.pb.h"

namespace rosa {

class PersonVault {
 public:
  // REQUIRES: `keks` outlives the vault.
  explicit PersonVault(crypto::KekStore* keks)
      : keks_(keks), texts_(keks, this) {}

  PersonVault(const PersonVault&) = delete;
  PersonVault& operator=(const PersonVault&) = delete;

  // Free text about persons, sealed under their data keys.
  const TextVault& texts() const { return texts_; }

  // The person's unwrapped data key; nullopt if unknown or erased.
  absl::StatusOr<std::optional<crypto::DataKey>> DataKeyOf(
      store::Connection& conn, const std::string& person_id) const;

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

  // Replaces the person's clear profile (the residence history grows with
  // the journal); NOT_FOUND if unknown or erased.
  // REQUIRES: inside a write transaction.
  absl::Status UpdateProfile(store::Connection& conn,
                             const std::string& person_id,
                             const rosa::hub::v1::PersonProfile& profile);

  // Deletes the data key, every sealed field and text and every row about
  // the person (consents, disclosures, handoffs, journal records; an
  // inquiry that led to the person loses the link), the idempotency records
  // that copy a handoff, and the body of every outbox event that does (the
  // event keeps its cursor). Referral notes sealed under the key are gone
  // with it; the referrals stay, without their note.
  // Audit entries are not touched.
  absl::Status Shred(store::Connection& conn, const std::string& person_id);

  // Re-wraps every data key (persons' and the text vault's object keys)
  // under the active KEK; afterwards nothing is wrapped under an older
  // version. Returns how many keys moved.
  absl::StatusOr<int> RewrapAll(store::Connection& conn);

 private:
  crypto::KekStore* keks_;
  TextVault texts_;
};

}  // namespace rosa

#endif  // ROSA_HUB_PERSON_PERSON_VAULT_H_
