#include "tests/testutil/hub_desks.h"

#include <utility>

namespace rosa::testutil {

HubDesks::~HubDesks() { CloseDesks(); }

void HubDesks::LoadPlugins(const std::filesystem::path& plugin_dir) {
  plugins_ = std::make_unique<PluginHost>(
      PluginHost::Options::InProcess(plugin_dir, dir_.File("plugins")));
  const absl::Status loaded = plugins_->LoadAll();
  ASSERT_TRUE(loaded.ok()) << loaded;
}

void HubDesks::OpenDesks(ExchangeFiles* exchange_files) {
  placement_ = std::make_unique<PlacementDesk>(
      &registry_, db_.get(), outbox_.get(), &clock_, PlacementDesk::Options{});
  referrals_ =
      std::make_unique<ReferralDesk>(&registry_, db_.get(), outbox_.get(),
                                     vault_.get(), &clock_, placement_.get());
  OpenPersonDesks(exchange_files);
  handoffs_ = std::make_unique<HandoffDesk>(
      &registry_, db_.get(), outbox_.get(), vault_.get(), &clock_);
  inquiries_ = std::make_unique<InquiryDesk>(&registry_, db_.get(), &clock_);
  if (plugins_ != nullptr) OpenIngest();
}

void HubDesks::OpenIngest(IngestDesk::Options options) {
  ingest_.reset();
  ingest_ = std::make_unique<IngestDesk>(
      db_.get(), plugins_.get(),
      IngestDesk::Desks{.referrals = referrals_.get(),
                        .handoffs = handoffs_.get(),
                        .placement = placement_.get(),
                        .inquiries = inquiries_.get()},
      std::move(options));
}

void HubDesks::CloseDesks() {
  ingest_.reset();
  inquiries_.reset();
  handoffs_.reset();
  referrals_.reset();
  placement_.reset();
}

}  // namespace rosa::testutil
