// HubTest: per-test hub start-up.
#include "tests/integration/hub_test.h"

#include <utility>

#include "tests/integration/partner_channel.h"

namespace rosa::integration {

void HubTest::SetUp() {
  auto hub = HubProcess::Start();
  ASSERT_TRUE(hub.ok()) << hub.status();
  hub_ = std::move(*hub);
}

PartnerClient HubTest::Client(std::string_view partner_id,
                              const grpc::ChannelArguments& args) const {
  return PartnerClient(
      PartnerChannel(hub_->port(), hub_->pki_dir(), partner_id, args));
}

}  // namespace rosa::integration
