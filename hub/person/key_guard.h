// Guards against serving with keys that cannot open the database. The hub
// creates its key-encryption key on first start; if keys/kek later goes
// missing while the database holds persons, creating a fresh key would make
// every sealed identity unreadable without anyone noticing. Start-up
// refuses instead, and says to restore keys/ from its separate copy. The
// same holds for a key file that lacks a KEK version the database still
// wraps data keys under (a backup from before a `keys rotate`, restored
// beside the keys of after it), or whose key under a version's number is
// not the one the database used: start-up and restore refuse them, naming
// the versions.
//
// The data keys wrapped by a KEK are the persons' (table persons) and the
// objects' own (table object_keys, sealed notes that name no person); this
// file is the one list of them for these checks.
//
// Thread-safety: call once at start-up (or restore), before the store is
// opened for writing.
#ifndef ROSA_HUB_PERSON_KEY_GUARD_H_
#define ROSA_HUB_PERSON_KEY_GUARD_H_

#include <filesystem>

#include "absl/status/status.h"
#include "hub/crypto/key_file.h"
#include "hub/store/sqlite.h"

namespace rosa {

// FAILED_PRECONDITION if `kek_path` does not exist while the database at
// `db_path` holds at least one person or one object key (a note sealed
// under a referral's own key); OK otherwise (a new hub, or keys in place).
absl::Status CheckKeyFileNotLost(const std::filesystem::path& db_path,
                                 const std::filesystem::path& kek_path);

// OK iff every data key in the database on `conn` is wrapped under a KEK
// version that `keks` holds (null: there is no key file, so it holds
// none), and each such version opens the first key of each table wrapped
// under it. Otherwise FAILED_PRECONDITION: "the database holds data keys
// wrapped under KEK version(s) 1, 2, which keys/kek does not hold (it
// holds 3)", or "keys/kek's KEK version 1 cannot open the data keys ..."
// (another installation's key file with the same version numbers, or a
// damaged one: before, the hub served with it, every identity DATA_LOSS
// and new persons wrapped under the wrong key) - versions only, for the
// caller to say what to do.
absl::Status CheckKekVersionsHeld(store::Connection& conn,
                                  const crypto::KekStore* keks);

// CheckKekVersionsHeld on the database at `db_path` (OK if there is none
// yet), with what to do when a version is missing: the hub would serve
// persons and notes it cannot open.
absl::Status CheckKeksCoverDatabase(const std::filesystem::path& db_path,
                                    const crypto::KekStore& keks);

}  // namespace rosa

#endif  // ROSA_HUB_PERSON_KEY_GUARD_H_
