// The calls the benchmark makes, as StartCall functions for the load
// generator: gRPC's callback API on a partner's mutual-TLS channel, one
// heap-allocated call state (context, request, response) per call, a 30 s
// deadline. A request is made by `make(seq)`, so that every call can carry
// its own idempotency key; `check`, when given, turns an OK answer into an
// error text when the answer is not what the benchmark expects.
//
// Thread-safety: the StartCall functions are thread-safe when `make` and
// `check` are; the stubs and channels are.
#ifndef ROSA_TESTS_BENCH_HUB_CALLS_H_
#define ROSA_TESTS_BENCH_HUB_CALLS_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"
#include "tests/bench/load_gen.h"

namespace rosa::bench {

inline constexpr absl::Duration kCallDeadline = absl::Seconds(30);

// "CODE: message" of a failed call.
std::string CallError(const grpc::Status& status);

// grpc.health.v1.Health/Check for the whole server; anything but SERVING
// is an error.
StartCall HealthCheck(std::shared_ptr<grpc::Channel> channel);

// `method` is the stub's async() method bound to its stub, e.g.
//   [stub](auto* c, auto* q, auto* r, auto f) {
//     stub->async()->GetReferral(c, q, r, std::move(f)); }
template <typename Req, typename Resp>
using AsyncMethod = std::function<void(grpc::ClientContext*, const Req*, Resp*,
                                       std::function<void(grpc::Status)>)>;

template <typename Req, typename Resp>
StartCall Unary(AsyncMethod<Req, Resp> method,
                std::function<Req(int64_t seq)> make,
                std::function<std::string(const Resp&)> check = nullptr) {
  return [method = std::move(method), make = std::move(make),
          check = std::move(check)](int64_t seq, int64_t, CallDone done) {
    struct Call {
      grpc::ClientContext context;
      Req request;
      Resp response;
    };
    auto* call = new Call;
    call->request = make(seq);
    call->context.set_deadline(absl::ToChronoTime(absl::Now() + kCallDeadline));
    method(&call->context, &call->request, &call->response,
           [call, check, done = std::move(done)](grpc::Status status) {
             std::string error;
             if (!status.ok()) {
               error = CallError(status);
             } else if (check) {
               error = check(call->response);
             }
             delete call;
             done(error);
           });
  };
}

}  // namespace rosa::bench

#endif  // ROSA_TESTS_BENCH_HUB_CALLS_H_
