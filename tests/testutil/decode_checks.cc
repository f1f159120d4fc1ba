#include "tests/testutil/decode_checks.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rosa::testutil {

rosa::plugin::v1::DecodeRequest DecodeRequestFrom(
    const std::string& partner_id, rosa::hub::v1::PartnerKind kind,
    const std::string& content_type, const std::string& payload) {
  rosa::plugin::v1::DecodeRequest request;
  request.set_content_type(content_type);
  request.set_payload(payload);
  request.mutable_sender()->set_partner_id(partner_id);
  request.mutable_sender()->set_kind(kind);
  return request;
}

std::string ErrorsText(const rosa::plugin::v1::DecodeResponse& response) {
  std::string out;
  for (const auto& e : response.errors()) {
    out += e.record() + " | " + e.field() + " | " + e.reason() + "\n";
  }
  return out;
}

void ExpectRejected(const rosa::plugin::v1::DecodeResponse& response,
                    const std::string& record, const std::string& field,
                    const std::string& reason_part) {
  EXPECT_EQ(response.commands_size(), 0);
  ASSERT_EQ(response.errors_size(), 1) << ErrorsText(response);
  EXPECT_EQ(response.errors(0).record(), record) << ErrorsText(response);
  EXPECT_EQ(response.errors(0).field(), field) << ErrorsText(response);
  EXPECT_FALSE(response.errors(0).reason().empty());
  EXPECT_THAT(response.errors(0).reason(), ::testing::HasSubstr(reason_part));
}

}  // namespace rosa::testutil
