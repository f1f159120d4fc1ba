// The one place every RPC passes on its way out, whatever the service (the
// hub's own, the partner gateway, health, reflection): a gRPC server
// interceptor that, when the call sends its status, counts it by method
// and status code (rosa_hub_rpcs_total), observes its duration
// (rosa_hub_rpc_duration_seconds; for a stream, how long it was open) and
// logs it (LogEvent "rpc": partner, method, code, duration; debug for OK,
// info otherwise). Neither the request nor the status message is recorded:
// only ids and codes.
//
// Method labels are bounded: a method that is not one of the hub's
// services, health or reflection counts as "other".
//
// Thread-safety: the observer is immutable after construction; its
// interceptors run on gRPC's threads, one per call.
#ifndef ROSA_HUB_SERVER_RPC_OBSERVER_H_
#define ROSA_HUB_SERVER_RPC_OBSERVER_H_

#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <string>

#include "hub/metrics/registry.h"
#include "hub/partner/partner_registry.h"

namespace rosa {

class RpcObserver {
 public:
  // REQUIRES: `metrics` and `partners` outlive the observer and the server.
  RpcObserver(metrics::Registry* metrics, const PartnerRegistry* partners);

  // For ServerBuilder::experimental().SetInterceptorCreators.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
  InterceptorFactory();

  // Records one finished call. `method` is gRPC's full name
  // ("/pkg.Service/Method"); `partner` may be empty.
  void Record(const std::string& method, const std::string& partner,
              grpc::StatusCode code, absl::Duration duration);

  // "pkg.Service/Method" for a method of a service the hub serves, else
  // "other".
  static std::string MethodLabel(const std::string& full_method);
  // "OK", "NOT_FOUND", ...
  static std::string CodeName(grpc::StatusCode code);

 private:
  metrics::CounterFamily* const rpcs_;
  metrics::HistogramFamily* const durations_;
  const PartnerRegistry* const partners_;
  friend class RpcInterceptor;
};

}  // namespace rosa

#endif  // ROSA_HUB_SERVER_RPC_OBSERVER_H_
