// Calls by method name with raw message bytes, for services the tests have
// no generated stubs of (gRPC's health and reflection services).
//
// Example:
//   std::string response;
//   grpc::Status s = CallUnaryBytes(channel, "/grpc.health.v1.Health/Check",
//                                   "", &response);
//
// Thread-safe: plain functions over thread-safe channels.
#ifndef ROSA_TESTS_INTEGRATION_RAW_CALL_H_
#define ROSA_TESTS_INTEGRATION_RAW_CALL_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

namespace rosa::integration {

// A unary call; `response` is set when the call is OK.
grpc::Status CallUnaryBytes(const std::shared_ptr<grpc::Channel>& channel,
                            const std::string& method,
                            const std::string& request, std::string* response);

// A bidirectional-streaming call: sends `request`, half-closes and collects
// every response message.
grpc::Status CallBidiBytes(const std::shared_ptr<grpc::Channel>& channel,
                           const std::string& method,
                           const std::string& request,
                           std::vector<std::string>* responses);

}  // namespace rosa::integration

#endif  // ROSA_TESTS_INTEGRATION_RAW_CALL_H_
