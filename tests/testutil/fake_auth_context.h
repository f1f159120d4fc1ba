// FakeAuthContext: a grpc::AuthContext whose properties a test sets, to
// stand in for the one gRPC makes from a verified client certificate.
// Header-only helper for the unit tests; the integration tests cover the
// real TLS handshake.
//
// Example:
//   auto auth = rosa::testutil::AuthWithUris(
//       {"spiffe://rosa-hub/partner/rosa"});
//   IdentifyPartner(auth, registry);
//
// Thread-compatible: fill it in, then share it read-only.
#ifndef ROSA_TESTS_TESTUTIL_FAKE_AUTH_CONTEXT_H_
#define ROSA_TESTS_TESTUTIL_FAKE_AUTH_CONTEXT_H_

#include <grpcpp/security/auth_context.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace rosa::testutil {

// AuthPropertyIterator's constructors are protected; an empty one is enough.
struct EmptyPropertyIterator : grpc::AuthPropertyIterator {};

class FakeAuthContext final : public grpc::AuthContext {
 public:
  bool authenticated = true;
  std::multimap<std::string, std::string> properties;

  bool IsPeerAuthenticated() const override { return authenticated; }
  std::vector<grpc::string_ref> GetPeerIdentity() const override { return {}; }
  std::string GetPeerIdentityPropertyName() const override { return ""; }
  std::vector<grpc::string_ref> FindPropertyValues(
      const std::string& name) const override {
    std::vector<grpc::string_ref> out;
    auto [begin, end] = properties.equal_range(name);
    for (auto it = begin; it != end; ++it) out.emplace_back(it->second);
    return out;
  }
  grpc::AuthPropertyIterator begin() const override {
    return EmptyPropertyIterator();
  }
  grpc::AuthPropertyIterator end() const override {
    return EmptyPropertyIterator();
  }
  void AddProperty(const std::string& key,
                   const grpc::string_ref& value) override {
    properties.emplace(key, std::string(value.data(), value.size()));
  }
  bool SetPeerIdentityPropertyName(const std::string&) override {
    return false;
  }
};

// An authenticated context whose certificate carries `uris` as URI SANs.
inline std::shared_ptr<FakeAuthContext> AuthWithUris(
    std::vector<std::string> uris) {
  auto ctx = std::make_shared<FakeAuthContext>();
  for (auto& uri : uris) ctx->properties.emplace("peer_uri", uri);
  return ctx;
}

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_FAKE_AUTH_CONTEXT_H_
