// rosa-hub: the hub's one executable.
//   rosa-hub serve         run the hub
//   rosa-hub pki init      create a development CA and server certificate
//   rosa-hub pki issue     issue a partner's client certificate
//   rosa-hub pki revoke    revoke partner certificates (the hub may run)
//   rosa-hub pki renew     a new certificate for a partner that has one
//   rosa-hub pki status    every certificate with its days left
//   rosa-hub demo          watch the main referral flow against a running hub
//   rosa-hub keys rotate   rotate the key-encryption key (hub stopped)
//   rosa-hub audit checkpoint  print a signed checkpoint of the audit log
//   rosa-hub audit verify      verify the audit log against a checkpoint
//   rosa-hub client health     the standard health check, as a partner
//   rosa-hub client ingest     send a payload in the partner's format
//   rosa-hub client subscribe  print the partner's events as encoded
//   rosa-hub backup / restore  a consistent copy while serving; restore
//                              checks it against its manifest
//   rosa-hub report            ROSA's annual report from the database
//   rosa-hub import            ROSA's journal history from a JSON-lines export
//   rosa-hub users             the web console's people (add, list, disable)
#include <grpc/support/log.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "hub/cli/audit_command.h"
#include "hub/cli/backup_command.h"
#include "hub/cli/client_command.h"
#include "hub/cli/console_flags.h"
#include "hub/cli/demo_command.h"
#include "hub/cli/import_command.h"
#include "hub/cli/limit_flags.h"
#include "hub/cli/pki_status_command.h"
#include "hub/cli/plugin_worker_flags.h"
#include "hub/cli/report_command.h"
#include "hub/cli/serve_command.h"
#include "hub/common/json_log_formatter.h"
#include "hub/partner/partner.h"
#include "hub/person/key_rotation.h"
#include "hub/pki/dev_pki.h"
#include "hub/pki/revocation.h"
#include "hub/placement/placement_desk.h"
#include "spdlog/sinks/stdout_sinks.h"
#include "spdlog/spdlog.h"

namespace {

int Report(const absl::Status& status) {
  if (status.ok()) return 0;
  std::cerr << "rosa-hub: " << status.message() << "\n";
  return 1;
}

// gRPC's own log lines, through spdlog, so that with --log-format json
// every line of the hub's output is JSON.
void GrpcLogToSpdlog(gpr_log_func_args* args) {
  const spdlog::level::level_enum level =
      args->severity == GPR_LOG_SEVERITY_ERROR  ? spdlog::level::err
      : args->severity == GPR_LOG_SEVERITY_INFO ? spdlog::level::info
                                                : spdlog::level::debug;
  spdlog::log(level, "grpc: {}", args->message);
}

// <build>/plugins for <build>/hub/cli/rosa-hub; <prefix>/lib/rosa-hub/plugins
// for an installed <prefix>/bin/rosa-hub (deploy/packaging.cmake).
std::filesystem::path DefaultPluginDir() {
  std::error_code ec;
  const std::filesystem::path self =
      std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "plugins";
  if (self.parent_path().filename() == "bin") {
    return self.parent_path().parent_path() / "lib" / "rosa-hub" / "plugins";
  }
  return self.parent_path().parent_path().parent_path() / "plugins";
}

}  // namespace

int main(int argc, char** argv) {
#if !defined(ROSA_SANITIZE_BUILD)
  // Debian builds abseil without NDEBUG, which leaves absl::Mutex's deadlock
  // detection on: each lock that may block, gRPC's included, takes one
  // process-wide spinlock to update a lock-order graph, and records a stack
  // trace when other locks are held. The hub runs without it; the unit
  // tests and the sanitizer builds of the hub keep it.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
#endif
  spdlog::set_default_logger(spdlog::stderr_logger_mt("rosa-hub"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");

  CLI::App app{"rosa-hub: coordination hub for the ROSA network"};
  app.require_subcommand(1);

  rosa::HubOptions options;
  std::string ready_file;
  int retention_hours = 24 * 30;
  CLI::App* serve = app.add_subcommand("serve", "Run the hub");
  // `serve --config FILE`: an INI file whose [serve] keys are serve's long
  // flags without dashes (deploy/rosa-hub.conf); flags given on the
  // command line win, and an unknown key is an error, not ignored.
  app.set_config("--config", "",
                 "INI file with a [serve] section: flag = value")
      ->check(CLI::ExistingFile);
  app.allow_config_extras(CLI::config_extras_mode::error);
  serve->fallthrough();
  serve->add_option("--listen", options.listen, "host:port to listen on")
      ->capture_default_str();
  serve
      ->add_option("--data-dir", options.data_dir,
                   "Data directory: pki/ and the database")
      ->capture_default_str();
  serve
      ->add_option("--partners", options.partners_file,
                   "Partner registry (JSON)")
      ->capture_default_str();
  serve->add_flag("--dev-pki", options.dev_pki,
                  "Create a development PKI in <data-dir>/pki on first run");
  options.plugin_dir = DefaultPluginDir();
  serve
      ->add_option("--plugin-dir", options.plugin_dir,
                   "Partner plugins (lib<name>.so); default: the plugins "
                   "folder of the build this binary belongs to")
      ->capture_default_str();
  serve->add_option("--exchange-dir", options.exchange_dir,
                    "File-drop folders (default <data-dir>/exchange)");
  serve->add_option("--ready-file", ready_file,
                    "Write the bound port here once serving");
  serve
      ->add_option("--event-retention-hours", retention_hours,
                   "How long outbox events are kept")
      ->capture_default_str()
      ->check(CLI::Range(1, 24 * 3650));
  // Durations as absl::ParseDuration reads them: "24h", "90m", "1h30m".
  const auto positive_duration = [](const std::string& text) {
    absl::Duration d;
    return absl::ParseDuration(text, &d) && d > absl::ZeroDuration()
               ? std::string()
               : std::string("not a positive duration like 24h or 90m");
  };
  const auto duration_or_zero = [](const std::string& text) {
    absl::Duration d;
    return absl::ParseDuration(text, &d) && d >= absl::ZeroDuration()
               ? std::string()
               : std::string("not a duration like 30s or 10m");
  };
  std::string availability_freshness = "24h";
  std::string hold_ttl = "2h";
  serve
      ->add_option("--availability-freshness", availability_freshness,
                   "Placement figures older than this show as unknown")
      ->capture_default_str()
      ->check(positive_duration);
  serve
      ->add_option("--hold-ttl", hold_ttl,
                   "How long a place held for a referral is kept unless "
                   "the referral is accepted")
      ->capture_default_str()
      ->check(positive_duration);
  serve
      ->add_option("--max-units-per-facility", options.max_units_per_facility,
                   "Most units one facility may report; a report that "
                   "would give it more is refused")
      ->capture_default_str()
      ->check(CLI::Range(1, rosa::kMaxUnitsPerFacilityCeiling));

  std::string exchange_inbound_retention = "168h";
  std::string exchange_outbox_retention = "168h";
  serve
      ->add_option("--exchange-inbound-retention", exchange_inbound_retention,
                   "How long file-drop folders processed/ and rejected/ "
                   "keep a file")
      ->capture_default_str()
      ->check(positive_duration);
  serve
      ->add_option("--exchange-outbox-retention", exchange_outbox_retention,
                   "How long a file-drop outbox file waits for the partner "
                   "to take it")
      ->capture_default_str()
      ->check(positive_duration);
  size_t memory_mib = 0;
  rosa::AddLimitFlags(*serve, options.limits, memory_mib);
  rosa::AddIngestFlags(*serve, options.ingest_budget);
  serve->add_option("--metrics-listen", options.metrics_listen,
                    "host:port for /metrics (Prometheus text, plain HTTP, "
                    "loopback addresses only); off when not given");
  std::string log_format = "text";
  serve
      ->add_option("--log-format", log_format,
                   "text, or json: one JSON object per line with the keys "
                   "time, level, event, partner, method, code, duration, ids")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));
  rosa::PluginWorkerFlags plugin_workers(app, *serve);
  rosa::ConsoleFlags console_flags(app, *serve);

  CLI::App* pki = app.add_subcommand("pki", "Development PKI");
  pki->require_subcommand(1);
  std::string pki_dir = "var/pki";
  std::string partner_id;
  CLI::App* pki_init = pki->add_subcommand("init", "Create the CA and hub.pem");
  pki_init->add_option("--pki-dir", pki_dir)->capture_default_str();
  std::vector<std::string> server_hosts = {"localhost", "127.0.0.1"};
  pki_init
      ->add_option("--host", server_hosts,
                   "DNS name or IP address the server certificate is for "
                   "(repeat for several)")
      ->capture_default_str();
  CLI::App* pki_issue =
      pki->add_subcommand("issue", "Issue a partner's certificate and key");
  pki_issue->add_option("--pki-dir", pki_dir)->capture_default_str();
  pki_issue->add_option("--partner", partner_id, "Partner id")->required();
  CLI::App* pki_renew = pki->add_subcommand(
      "renew",
      "Issue a new certificate and key for a partner that has one; the "
      "running hub accepts it at once, the old one works until revoked");
  pki_renew->add_option("--pki-dir", pki_dir)->capture_default_str();
  pki_renew->add_option("--partner", partner_id, "Partner id")->required();
  CLI::App* pki_status = pki->add_subcommand(
      "status",
      "List every certificate with subject, serial, expiry and "
      "days left");
  pki_status->add_option("--pki-dir", pki_dir)->capture_default_str();
  rosa::pki::RevokeRequest revoke;
  CLI::App* pki_revoke = pki->add_subcommand(
      "revoke",
      "Revoke partner certificates; a running hub refuses them within a "
      "second");
  pki_revoke->add_option("--pki-dir", pki_dir)->capture_default_str();
  // Exactly one of these says what to revoke.
  CLI::Option_group* revoke_what =
      pki_revoke->add_option_group("what", "What to revoke (one of)");
  revoke_what->add_option(
      "--partner", revoke.partner_id,
      "Every certificate issued to this partner except its current one "
      "(<pki-dir>/<id>.pem): run `pki issue` first");
  revoke_what->add_option(
      "--serial", revoke.serial,
      "One certificate, by serial (hex, as `openssl x509 -serial` prints)");
  revoke_what->add_option("--cert", revoke.cert_file,
                          "The certificate in this PEM file");
  revoke_what->require_option(1);

  rosa::DemoOptions demo_options;
  CLI::App* demo = app.add_subcommand(
      "demo", "ROSA refers a woman to the crisis centre; watch each step");
  demo->add_option("--hub", demo_options.target, "host:port of the hub")
      ->capture_default_str();
  demo->add_option("--pki-dir", demo_options.pki_dir)->capture_default_str();

  rosa::ReportCommandOptions report_options;
  CLI::App* report = app.add_subcommand(
      "report", "ROSA's annual report, read-only from the database");
  report->add_option("--year", report_options.year, "The calendar year")
      ->required();
  report
      ->add_option("--edition", report_options.edition,
                   "internal (every figure) or published (cells of 1-2 "
                   "suppressed)")
      ->capture_default_str();
  report->add_option("--format", report_options.format, "json, html or csv")
      ->capture_default_str();
  report->add_option("--out", report_options.out_dir,
                     "Write files here instead of standard output");
  report->add_option("--data-dir", report_options.data_dir)
      ->capture_default_str();
  report
      ->add_option("--partners", report_options.partners_file,
                   "Partner registry (JSON)")
      ->capture_default_str();

  rosa::ImportOptions import_options;
  CLI::App* import = app.add_subcommand(
      "import", "Apply a JSON-lines export to the running hub, all or nothing");
  import->add_option("--file", import_options.file, "The export (JSON lines)")
      ->required();
  import->add_option("--hub", import_options.target)->capture_default_str();
  import->add_option("--pki-dir", import_options.pki_dir)
      ->capture_default_str();
  import->add_option("--partner", import_options.partner)
      ->capture_default_str();

  rosa::AuditCommandOptions audit_options;
  CLI::App* audit = app.add_subcommand("audit", "The tamper-evident audit log");
  audit->require_subcommand(1);
  CLI::App* audit_checkpoint = audit->add_subcommand(
      "checkpoint", "Print a signed checkpoint of the log (JSON) to keep");
  audit_checkpoint->add_option("--data-dir", audit_options.data_dir)
      ->capture_default_str();
  CLI::App* audit_verify = audit->add_subcommand(
      "verify",
      "Verify the whole log against a checkpoint kept outside and what the "
      "hub last signed");
  audit_verify->add_option("--data-dir", audit_options.data_dir)
      ->capture_default_str();
  audit_verify->add_option(
      "--checkpoint", audit_options.checkpoint_file,
      "Checkpoint file, as printed by `audit checkpoint` (without it, only "
      "against what the hub last signed)");
  audit_verify->add_option(
      "--public-key", audit_options.public_key_file,
      "The hub's audit public key (default <data-dir>/keys/"
      "audit-signing.key.pub)");

  CLI::App* keys = app.add_subcommand("keys", "Key-encryption keys");
  keys->require_subcommand(1);
  std::string keys_data_dir = "var";
  CLI::App* keys_rotate = keys->add_subcommand(
      "rotate",
      "With the hub stopped: add a fresh KEK, re-wrap every data key under "
      "it, and retire every older KEK");
  keys_rotate->add_option("--data-dir", keys_data_dir, "Data directory")
      ->capture_default_str();

  rosa::ClientOptions client_options;
  std::string client_wait = "0s";
  CLI::App* client = app.add_subcommand(
      "client", "Call a running hub as one partner, with its certificate");
  client->require_subcommand(1);
  // --hub, --pki-dir and --partner of every client command.
  auto add_client_flags = [](CLI::App* command, rosa::ClientOptions& o) {
    command->add_option("--hub", o.target, "host:port")->capture_default_str();
    command
        ->add_option("--pki-dir", o.pki_dir,
                     "Holds ca.pem and <partner>.pem/.key")
        ->capture_default_str();
    command
        ->add_option("--partner", o.partner,
                     "Whose certificate to present (and plugin to use)")
        ->capture_default_str();
  };
  CLI::App* client_health = client->add_subcommand(
      "health", "Standard health check; exit 0 only when SERVING");
  add_client_flags(client_health, client_options);
  client_health
      ->add_option("--wait", client_wait,
                   "Keep asking until SERVING for up to this long (e.g. 60s)")
      ->capture_default_str()
      ->check(duration_or_zero);

  rosa::ClientIngestOptions ingest_options;
  CLI::App* client_ingest = client->add_subcommand(
      "ingest",
      "Send a file in the partner's format; print each record's "
      "outcome; exit 0 only when applied");
  add_client_flags(client_ingest, ingest_options.client);
  client_ingest->add_option("--file", ingest_options.file, "The payload")
      ->required()
      ->check(CLI::ExistingFile);
  client_ingest->add_option(
      "--content-type", ingest_options.content_type,
      "As the format's README writes it (default: the one content type the "
      "partner's plugin reads)");
  rosa::ClientSubscribeOptions subscribe_options;
  std::string subscribe_for = "0s";
  CLI::App* client_subscribe = client->add_subcommand(
      "subscribe", "Print the partner's events as its plugin encodes them");
  add_client_flags(client_subscribe, subscribe_options.client);
  client_subscribe->add_option("--after", subscribe_options.after_cursor,
                               "Start after this cursor (0: the oldest kept)");
  client_subscribe->add_option("--count", subscribe_options.count,
                               "Stop after this many events (0: no limit)");
  client_subscribe
      ->add_option("--for", subscribe_for,
                   "Stop after this long, e.g. 30s (0s: until interrupted)")
      ->check(duration_or_zero);

  rosa::BackupCommands backup_commands(app);

  CLI11_PARSE(app, argc, argv);
  if (std::optional<int> code = backup_commands.RunIfChosen()) return *code;

  if (plugin_workers.worker()) plugin_workers.RunWorker();
  if (console_flags.users()) return console_flags.RunUsers();
  if (*serve) {
    options.plugin_workers = plugin_workers.options();
    console_flags.Apply(options);
    options.event_retention = absl::Hours(retention_hours);
    // Checked by the options' validators above.
    (void)absl::ParseDuration(availability_freshness,
                              &options.availability_freshness);
    (void)absl::ParseDuration(hold_ttl, &options.hold_ttl);
    (void)absl::ParseDuration(exchange_inbound_retention,
                              &options.exchange_inbound_retention);
    (void)absl::ParseDuration(exchange_outbox_retention,
                              &options.exchange_outbox_retention);
    rosa::ApplyMemoryFlag(memory_mib, options.limits);
    if (log_format == "json") {
      spdlog::default_logger()->set_formatter(
          std::make_unique<rosa::JsonLogFormatter>());
      gpr_set_log_function(GrpcLogToSpdlog);
    }
    return rosa::RunServe(options, ready_file);
  }
  if (*pki_init) {
    return Report(
        rosa::pki::InitCa(rosa::pki::PkiPaths{pki_dir}, server_hosts));
  }
  if (*pki_issue) {
    return Report(rosa::pki::IssuePartnerCertificate(
        rosa::pki::PkiPaths{pki_dir}, partner_id));
  }
  if (*pki_renew) return rosa::RunPkiRenew(pki_dir, partner_id);
  if (*pki_status) return rosa::RunPkiStatus(pki_dir);
  if (*pki_revoke) {
    auto revoked = rosa::pki::Revoke(rosa::pki::PkiPaths{pki_dir}, revoke);
    if (!revoked.ok()) return Report(revoked.status());
    for (const rosa::pki::Revoked& r : *revoked) {
      std::cout << (r.already ? "already revoked " : "revoked ") << r.serial
                << " ("
                << (r.partner_id.empty() ? "partner unknown" : r.partner_id)
                << ")\n";
    }
    std::cout << "A hub serving from " << pki_dir
              << " refuses them within a second; another hub needs "
                 "revoked.txt copied into its pki directory.\n";
    return 0;
  }
  if (*demo) return rosa::RunDemo(demo_options);
  if (*keys_rotate) {
    auto rotated = rosa::RotateKeys(keys_data_dir);
    if (!rotated.ok()) return Report(rotated.status());
    std::cout << "active KEK version " << rotated->active_version << "; "
              << rotated->rewrapped << " data keys re-wrapped; retired "
              << rotated->retired.size() << " older versions\n";
    return 0;
  }
  if (*report) return rosa::RunReport(report_options);
  if (*import) return rosa::RunImport(import_options);
  if (*audit_checkpoint) return rosa::RunAuditCheckpoint(audit_options);
  if (*audit_verify) return rosa::RunAuditVerify(audit_options);
  if (*client_health) {
    (void)absl::ParseDuration(client_wait, &client_options.wait);
    return rosa::RunClientHealth(client_options);
  }
  if (*client_ingest) return rosa::RunClientIngest(ingest_options);
  if (*client_subscribe) {
    (void)absl::ParseDuration(subscribe_for, &subscribe_options.duration);
    return rosa::RunClientSubscribe(subscribe_options);
  }
  return 1;
}
