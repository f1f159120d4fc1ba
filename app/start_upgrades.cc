#include "app/start_upgrades.h"

#include "hub/common/status_macros.h"
#include "hub/person/seal_legacy_text.h"
#include "hub/store/upgrade_steps.h"
#include "spdlog/spdlog.h"

namespace rosa {

absl::Status RunStartUpgrades(store::Database& db,
                              const store::RequestHasher& hasher,
                              const TextVault& texts) {
  int forgotten = 0;
  int sealed = 0;
  RETURN_IF_ERROR(
      db.writer().SubmitAndWait([&](store::WriteTxn& txn) -> absl::Status {
        // Hashes made before requests were keyed, or under a lost request
        // key, cannot be compared: their keys stay honoured as used, and no
        // unkeyed digest of a request stays in the database. Every hash
        // written since this key was checked is under this key.
        RETURN_IF_ERROR(
            store::RunUpgradeStepOnce(
                txn.conn(), kForgetForeignHashesStep, hasher.key_id(),
                [&]() -> absl::Status {
                  ASSIGN_OR_RETURN(forgotten, store::ForgetForeignRequestHashes(
                                                  txn.conn(), hasher));
                  return absl::OkStatus();
                })
                .status());
        // Notes and case summaries that a hub from before sealed text wrote
        // in the clear; this hub never writes them so.
        return store::RunUpgradeStepOnce(
                   txn.conn(), kSealLegacyTextStep, kSealLegacyTextVersion,
                   [&]() -> absl::Status {
                     ASSIGN_OR_RETURN(sealed,
                                      SealLegacyFreeText(txn.conn(), texts));
                     return absl::OkStatus();
                   })
            .status();
      }));
  if (forgotten > 0) {
    spdlog::warn(
        "{} idempotency records were made under no or another request key; "
        "they are honoured by key alone until they expire",
        forgotten);
  }
  if (sealed > 0) {
    spdlog::info("sealed the free text of {} rows stored in the clear", sealed);
  }
  return absl::OkStatus();
}

}  // namespace rosa
