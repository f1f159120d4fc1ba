// One AMQP 0-9-1 connection (librabbitmq) to the benchmark's private
// RabbitMQ over mutual TLS with the hub's development PKI: the CA's
// certificate, a partner's certificate and key, exactly the files the hub's
// clients present. Channel 1 is opened; errors are absl::Status naming the
// step, never a payload.
//
// Thread-compatible: librabbitmq connections are not thread-safe; one
// thread uses an AmqpLink at a time.
#ifndef ROSA_TESTS_BENCH_AMQP_LINK_H_
#define ROSA_TESTS_BENCH_AMQP_LINK_H_

#include <amqp.h>

#include <filesystem>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace rosa::bench {

class AmqpLink {
 public:
  static absl::StatusOr<std::unique_ptr<AmqpLink>> Open(
      int port, const std::filesystem::path& pki_dir,
      const std::string& partner);
  ~AmqpLink();

  amqp_connection_state_t conn() const { return conn_; }
  static constexpr amqp_channel_t kChannel = 1;

  // A durable quorum queue named `name`.
  absl::Status DeclareQuorumQueue(const std::string& name);
  // The reply of the last synchronous call as a status naming `step`.
  absl::Status Check(const std::string& step);

 private:
  AmqpLink() = default;
  amqp_connection_state_t conn_ = nullptr;
};

}  // namespace rosa::bench

#endif  // ROSA_TESTS_BENCH_AMQP_LINK_H_
