// HubDesks: the base fixture of the tests that need the whole core path, as
// the hub server builds it (app/hub_server.cc): HubKit's store, keys and
// registry, the partner plugins loaded by the plugin host in-process, and
// every desk on them: person and consent (HubKit), placement, referral
// (holding places through the placement desk), handoff, inquiry, and the
// ingest desk that applies partner payloads through the plugins.
//
// Example:
//   class MyTest : public rosa::testutil::HubDesks {
//    protected:
//     void SetUp() override {
//       UsePartners(...);
//       LoadPlugins(ROSA_PLUGIN_DIR);
//       OpenStore();
//       OpenDesks();
//     }
//     void TearDown() override { CloseDesks(); CloseStore(); }
//   };
//
// Thread-safety: as HubKit; the desks are thread-safe as in the hub.
#ifndef ROSA_TESTS_TESTUTIL_HUB_DESKS_H_
#define ROSA_TESTS_TESTUTIL_HUB_DESKS_H_

#include <filesystem>
#include <memory>

#include "hub/consent/exchange_files.h"
#include "hub/exchange/ingest_desk.h"
#include "hub/handoff/handoff_desk.h"
#include "hub/inquiry/inquiry_desk.h"
#include "hub/placement/placement_desk.h"
#include "hub/plugin_host/plugin_host.h"
#include "hub/referral/referral_desk.h"
#include "tests/testutil/hub_kit.h"

namespace rosa::testutil {

class HubDesks : public HubKit {
 protected:
  HubDesks() = default;
  ~HubDesks() override;

  // Loads every plugin of `plugin_dir` in-process (copies under dir_).
  void LoadPlugins(const std::filesystem::path& plugin_dir);
  // Builds every desk on the open store (the ingest desk once plugins are
  // loaded); the person and consent desks with `exchange_files` when given.
  // REQUIRES: OpenStore.
  void OpenDesks(ExchangeFiles* exchange_files = nullptr);
  // (Re)builds the ingest desk on the desks with `options`.
  // REQUIRES: OpenDesks, with plugins loaded.
  void OpenIngest(IngestDesk::Options options = {});
  // Stops the desks OpenDesks built but the person and consent desks
  // (CloseStore stops those).
  void CloseDesks();

  std::unique_ptr<PluginHost> plugins_;
  std::unique_ptr<PlacementDesk> placement_;
  std::unique_ptr<ReferralDesk> referrals_;
  std::unique_ptr<HandoffDesk> handoffs_;
  std::unique_ptr<InquiryDesk> inquiries_;
  std::unique_ptr<IngestDesk> ingest_;
};

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_HUB_DESKS_H_
