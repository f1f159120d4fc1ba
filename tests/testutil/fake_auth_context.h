// FakeAuthContext: a grpc::AuthContext whose properties a unit test sets,
// standing in for the one gRPC builds from a TLS handshake (the integration
// tests cover the real one). Header-only helper for the unit tests.
//
// Example:
//   auto auth = std::make_shared<FakeAuthContext>();
//   auth->properties.emplace(GRPC_PEER_URI_PROPERTY_NAME, "spiffe://...");
//
// Thread-compatible: set properties before sharing it.
#ifndef ROSA_TESTS_TESTUTIL_FAKE_AUTH_CONTEXT_H_
#define ROSA_TESTS_TESTUTIL_FAKE_AUTH_CONTEXT_H_

#include <grpcpp/security/auth_context.h>

#include <map>
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

}  // namespace rosa::testutil

#endif  // ROSA_TESTS_TESTUTIL_FAKE_AUTH_CONTEXT_H_
