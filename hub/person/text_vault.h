// The text vault: free text about a person — a referral's note, a handoff's
// case summary — sealed at rest like identity fields (person_vault.h), so
// that erasure shreds it with the person. Each text is sealed with
// AES-256-GCM (hub/crypto/envelope.h) as field "<object id>/<field>" of the
// person, under the person's data key, when the object names a registered
// person; otherwise as field "<field>" of owner "object/<object id>", under
// a data key of the object's own (made on first use and stored only
// wrapped by the active KEK, in object_keys). Either way the associated
// data binds object id and field name, so a ciphertext moved to another
// object or field does not open.
//
// Nothing else keeps such text in the clear: referral and handoff rows,
// outbox events and idempotency records hold it only by reference, and it
// is put back from here when read (see Outbox::Read for events).
//
// Statuses name object ids and field names, never a text, key or
// ciphertext.
//
// Thread-safety: methods take the calling thread's connection; Seal,
// ForgetPerson and RewrapAll run inside a write transaction on the store's
// writer thread. The vault is immutable after construction.
#ifndef ROSA_HUB_PERSON_TEXT_VAULT_H_
#define ROSA_HUB_PERSON_TEXT_VAULT_H_

#include <string>

#include "absl/status/statusor.h"
#include "hub/crypto/key_file.h"
#include "hub/outbox/outbox.h"
#include "hub/store/sqlite.h"

namespace rosa {

class PersonVault;

class TextVault final : public SealedTexts {
 public:
  // REQUIRES: both outlive the vault.
  TextVault(crypto::KekStore* keks, const PersonVault* persons)
      : keks_(keks), persons_(persons) {}

  // Seals `text` as `field` of `object_id`, replacing any earlier value;
  // an empty text removes it. Under the data key of `person_id` if that
  // names a registered person, else under the object's own data key.
  // REQUIRES: object_id and field non-empty, without '|' or '/'.
  absl::Status Seal(store::Connection& conn, const std::string& object_id,
                    const std::string& person_id, const std::string& field,
                    const std::string& text) const;

  // The text sealed as `field` of `object_id`: "" if there is none or its
  // key is gone (the person was erased); DATA_LOSS if it does not open
  // under a key that exists.
  absl::StatusOr<std::string> Open(store::Connection& conn,
                                   const std::string& object_id,
                                   const std::string& field) const override;

  // Deletes every text sealed under `person_id`'s key (PersonVault::Shred,
  // after the key itself is gone).
  absl::Status ForgetPerson(store::Connection& conn,
                            const std::string& person_id) const;

  // Re-wraps every object key under the active KEK; returns how many moved.
  absl::StatusOr<int> RewrapAll(store::Connection& conn) const;

 private:
  crypto::KekStore* keks_;
  const PersonVault* persons_;
};

}  // namespace rosa

#endif  // ROSA_HUB_PERSON_TEXT_VAULT_H_
