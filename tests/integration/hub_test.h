// HubTest: a GoogleTest fixture that starts a fresh rosa-hub for every test
// (ctest runs each test in its own process anyway) and makes clients for
// partners of the test registry.
//
// Example:
//   class MyTest : public HubTest {};
//   TEST_F(MyTest, Works) {
//     PartnerClient rosa = Client("rosa");
//     ...
//   }
#ifndef ROSA_TESTS_INTEGRATION_HUB_TEST_H_
#define ROSA_TESTS_INTEGRATION_HUB_TEST_H_

#include <memory>
#include <string_view>

#include "grpcpp/support/channel_arguments.h"
#include "gtest/gtest.h"
#include "tests/integration/hub_client.h"
#include "tests/integration/hub_process.h"

namespace rosa::integration {

class HubTest : public ::testing::Test {
 protected:
  // Starts the hub; a failure to start is fatal for the test.
  void SetUp() override;

  // A client for `partner_id` on the running hub. Make new clients after
  // a restart: the port changes.
  PartnerClient Client(
      std::string_view partner_id,
      const grpc::ChannelArguments& args = grpc::ChannelArguments()) const;

  HubProcess& hub() const { return *hub_; }

  std::unique_ptr<HubProcess> hub_;
};

}  // namespace rosa::integration

#endif  // ROSA_TESTS_INTEGRATION_HUB_TEST_H_
