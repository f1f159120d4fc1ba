#include "tests/bench/amqp_link.h"

#include <amqp_ssl_socket.h>

#include "absl/strings/str_cat.h"

namespace rosa::bench {

absl::StatusOr<std::unique_ptr<AmqpLink>> AmqpLink::Open(
    int port, const std::filesystem::path& pki_dir,
    const std::string& partner) {
  std::unique_ptr<AmqpLink> link(new AmqpLink());
  link->conn_ = amqp_new_connection();
  amqp_socket_t* socket = amqp_ssl_socket_new(link->conn_);
  if (socket == nullptr) return absl::InternalError("amqp: no TLS socket");
  amqp_ssl_socket_set_verify_peer(socket, 1);
  // The hub certificate names localhost (and 127.0.0.1, which OpenSSL
  // hostname verification does not match as a name).
  amqp_ssl_socket_set_verify_hostname(socket, 1);
  const std::string ca = (pki_dir / "ca.pem").string();
  const std::string cert = (pki_dir / (partner + ".pem")).string();
  const std::string key = (pki_dir / (partner + ".key")).string();
  if (amqp_ssl_socket_set_cacert(socket, ca.c_str()) != AMQP_STATUS_OK ||
      amqp_ssl_socket_set_key(socket, cert.c_str(), key.c_str()) !=
          AMQP_STATUS_OK) {
    return absl::InternalError("amqp: cannot load the PKI files");
  }
  if (int rc = amqp_socket_open(socket, "localhost", port);
      rc != AMQP_STATUS_OK) {
    return absl::UnavailableError(
        absl::StrCat("amqp: connect: ", amqp_error_string2(rc)));
  }
  amqp_rpc_reply_t login = amqp_login(link->conn_, "/", 0, 131072, 0,
                                      AMQP_SASL_METHOD_PLAIN, "guest", "guest");
  if (login.reply_type != AMQP_RESPONSE_NORMAL) {
    return absl::PermissionDeniedError("amqp: login refused");
  }
  amqp_channel_open(link->conn_, kChannel);
  if (absl::Status s = link->Check("channel.open"); !s.ok()) return s;
  return link;
}

AmqpLink::~AmqpLink() {
  if (conn_ == nullptr) return;
  amqp_channel_close(conn_, kChannel, AMQP_REPLY_SUCCESS);
  amqp_connection_close(conn_, AMQP_REPLY_SUCCESS);
  amqp_destroy_connection(conn_);
}

absl::Status AmqpLink::Check(const std::string& step) {
  amqp_rpc_reply_t reply = amqp_get_rpc_reply(conn_);
  switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
      return absl::OkStatus();
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
      return absl::InternalError(absl::StrCat(
          "amqp: ", step, ": ", amqp_error_string2(reply.library_error)));
    default:
      return absl::InternalError(
          absl::StrCat("amqp: ", step, ": refused by the broker"));
  }
}

absl::Status AmqpLink::DeclareQuorumQueue(const std::string& name) {
  amqp_table_entry_t type;
  type.key = amqp_cstring_bytes("x-queue-type");
  type.value.kind = AMQP_FIELD_KIND_UTF8;
  type.value.value.bytes = amqp_cstring_bytes("quorum");
  amqp_table_t arguments{.num_entries = 1, .entries = &type};
  amqp_queue_declare(conn_, kChannel, amqp_cstring_bytes(name.c_str()),
                     /*passive=*/0, /*durable=*/1, /*exclusive=*/0,
                     /*auto_delete=*/0, arguments);
  return Check("queue.declare");
}

}  // namespace rosa::bench
