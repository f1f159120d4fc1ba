// The API fuzzer's way into the hub: every unary request type of the
// services in proto/ that a desk of the HubRig serves, mapped to that desk's
// call, so that a reflected message of the request type can be sent with
// any partner as caller; and the start requests of the Watch and Subscribe
// streams, answered with the first page the stream would send, checked as
// stream_pages.h says. Requests no desk serves are listed by NotDispatched
// (none today: all 35 rpcs of proto/ are served).
//
// Thread-safety: Dispatch blocks the calling thread until the desk answers.
#ifndef ROSA_TESTS_RELIABILITY_API_DISPATCH_H_
#define ROSA_TESTS_RELIABILITY_API_DISPATCH_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "google/protobuf/message.h"
#include "tests/reliability/hub_rig.h"

namespace rosa::reliability {

// The request message types (full names) Dispatch serves, sorted.
std::vector<std::string> DispatchedRequestTypes();

// Request types of every rpc of every service of the rosa.hub.v1 package
// that Dispatch does not serve ("Service.Method (Type)").
std::vector<std::string> NotDispatched();

// A fresh message of `type` (from the generated pool), or null.
std::unique_ptr<google::protobuf::Message> NewRequest(const std::string& type);

// Sends `request` to its desk as `caller`; the desk's answer.
// REQUIRES: request's type is one of DispatchedRequestTypes().
absl::StatusOr<std::unique_ptr<google::protobuf::Message>> Dispatch(
    HubRig& rig, const Partner& caller,
    const google::protobuf::Message& request);

}  // namespace rosa::reliability

#endif  // ROSA_TESTS_RELIABILITY_API_DISPATCH_H_
