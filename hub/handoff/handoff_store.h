// Handoff rows in SQLite: the full Handoff message as a blob, plus the
// columns needed to find and filter it. A stored handoff never holds the
// person's identity (the desk fetches it from the person vault when it
// renders a handoff for its lawyer); InsertHandoff and UpdateHandoff refuse
// one that does. Its free text about the person (the case summary and the
// ledger's texts: hub/outbox/free_text.h) is never in the blob either: it
// is sealed in the text vault under the person's data key and put back on
// load (empty once the person is erased). Knows nothing of who may see
// what.
// Thread-safety: functions take the calling thread's connection; writes run
// inside a write transaction on the store's writer thread.
#ifndef ROSA_HUB_HANDOFF_HANDOFF_STORE_H_
#define ROSA_HUB_HANDOFF_HANDOFF_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/person/text_vault.h"
#include "hub/store/sqlite.h"
#include "rosa/hub/v1/handoff.pb.h"

namespace rosa {

// The next id for a handoff created in `year` (the year in Oslo):
// "H-2026-000042". Sequence numbers restart each year and are never reused.
absl::StatusOr<std::string> AllocateHandoffId(store::Connection& conn,
                                              int year);

// Seals the free text in `texts` and writes the rest.
// REQUIRES (checked): `handoff` has no identity.
absl::Status InsertHandoff(store::Connection& conn, const TextVault& texts,
                           const rosa::hub::v1::Handoff& handoff);
// Rewrites state, update time, body and free text. Lawyer, sender, person
// and creation time never change.
// REQUIRES (checked): `handoff` has no identity.
absl::Status UpdateHandoff(store::Connection& conn, const TextVault& texts,
                           const rosa::hub::v1::Handoff& handoff);
// nullopt if there is no handoff with that id. With its free text.
absl::StatusOr<std::optional<rosa::hub::v1::Handoff>> LoadHandoff(
    store::Connection& conn, const SealedTexts& texts, const std::string& id);
// The same without its free text (nothing is decrypted): to decide who may
// see it before anything sealed is opened.
absl::StatusOr<std::optional<rosa::hub::v1::Handoff>> LoadHandoffRow(
    store::Connection& conn, const std::string& id);

struct HandoffQuery {
  // With `everyone`, every handoff (a coordinator); otherwise only those
  // made to `lawyer`.
  bool everyone = false;
  std::string lawyer;
  // Only rows after this position (the page token).
  int64_t after_seq = 0;
  int limit = 50;
};

struct HandoffRow {
  int64_t seq;
  rosa::hub::v1::Handoff handoff;
};

// Matching handoffs in creation order, with their case summaries.
absl::StatusOr<std::vector<HandoffRow>> QueryHandoffs(
    store::Connection& conn, const SealedTexts& texts,
    const HandoffQuery& query);

}  // namespace rosa

#endif  // ROSA_HUB_HANDOFF_HANDOFF_STORE_H_
