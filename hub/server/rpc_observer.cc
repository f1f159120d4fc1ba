#include "hub/server/rpc_observer.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/server_context.h>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"
#include "hub/common/hub_clock.h"
#include "hub/common/log_event.h"
#include "hub/server/partner_identity.h"

namespace rosa {

namespace ex = grpc::experimental;

class RpcInterceptor : public ex::Interceptor {
 public:
  RpcInterceptor(ex::ServerRpcInfo* info, RpcObserver* observer)
      : info_(info), observer_(observer), start_(SteadyClock().Now()) {}

  void Intercept(ex::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            ex::InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      std::string partner;
      if (info_->server_context() != nullptr) {
        auto who = IdentifyPartner(info_->server_context()->auth_context(),
                                   *observer_->partners_);
        if (who.ok()) partner = (*who)->id;
      }
      observer_->Record(info_->method() != nullptr ? info_->method() : "",
                        partner, status.error_code(),
                        SteadyClock().Now() - start_);
    }
    methods->Proceed();
  }

 private:
  ex::ServerRpcInfo* const info_;
  RpcObserver* const observer_;
  const absl::Time start_;  // On SteadyClock: a wall step changes no duration.
};

namespace {

class Factory : public ex::ServerInterceptorFactoryInterface {
 public:
  explicit Factory(RpcObserver* observer) : observer_(observer) {}
  ex::Interceptor* CreateServerInterceptor(ex::ServerRpcInfo* info) override {
    return new RpcInterceptor(info, observer_);
  }

 private:
  RpcObserver* const observer_;
};

}  // namespace

RpcObserver::RpcObserver(metrics::Registry* metrics,
                         const PartnerRegistry* partners)
    : rpcs_(metrics->AddCounter("rosa_hub_rpcs_total",
                                "RPCs finished, by method and status code",
                                {"method", "code"})),
      durations_(metrics->AddHistogram(
          "rosa_hub_rpc_duration_seconds",
          "Time from the call's start to its status (streams: how long "
          "they were open)",
          {"method"}, metrics::HistogramFamily::LatencySeconds())),
      partners_(partners) {}

std::unique_ptr<ex::ServerInterceptorFactoryInterface>
RpcObserver::InterceptorFactory() {
  return std::make_unique<Factory>(this);
}

void RpcObserver::Record(const std::string& method, const std::string& partner,
                         grpc::StatusCode code, absl::Duration duration) {
  const std::string label = MethodLabel(method);
  const std::string code_name = CodeName(code);
  rpcs_->Add({label, code_name});
  durations_->Observe({label}, absl::ToDoubleSeconds(duration));
  LogEvent(
      code == grpc::StatusCode::OK ? spdlog::level::debug : spdlog::level::info,
      "rpc",
      {.partner = partner,
       .method = label,
       .code = code_name,
       .duration = duration,
       .ids = {}});
}

std::string RpcObserver::MethodLabel(const std::string& full_method) {
  // "/pkg.Service/Method"
  if (full_method.size() < 4 || full_method[0] != '/') return "other";
  const std::string name = full_method.substr(1);
  if (name == "grpc.health.v1.Health/Check" ||
      name == "grpc.health.v1.Health/Watch" ||
      name == "grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo" ||
      name == "grpc.reflection.v1.ServerReflection/ServerReflectionInfo") {
    return name;
  }
  if (!absl::StartsWith(name, "rosa.")) return "other";
  const google::protobuf::MethodDescriptor* method =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
          absl::StrReplaceAll(name, {{"/", "."}}));
  return method != nullptr ? name : "other";
}

std::string RpcObserver::CodeName(grpc::StatusCode code) {
  // gRPC's codes are absl's, value for value.
  const std::string name =
      absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
  return name.empty() ? "UNKNOWN" : name;
}

}  // namespace rosa
