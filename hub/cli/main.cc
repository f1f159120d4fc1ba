// rosa-hub: the hub's one executable.
//   rosa-hub serve         run the hub
//   rosa-hub pki init      create a development CA and server certificate
//   rosa-hub pki issue     issue a partner's client certificate
//   rosa-hub demo          watch the main referral flow against a running hub
#include <iostream>
#include <string>

#include "CLI/CLI.hpp"
#include "hub/cli/demo_command.h"
#include "hub/cli/serve_command.h"
#include "hub/partner/partner.h"
#include "hub/pki/dev_pki.h"
#include "spdlog/sinks/stdout_sinks.h"
#include "spdlog/spdlog.h"

namespace {

int Report(const absl::Status& status) {
  if (status.ok()) return 0;
  std::cerr << "rosa-hub: " << status.message() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_default_logger(spdlog::stderr_logger_mt("rosa-hub"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");

  CLI::App app{"rosa-hub: coordination hub for the ROSA network"};
  app.require_subcommand(1);

  rosa::HubOptions options;
  std::string ready_file;
  int retention_hours = 24 * 30;
  CLI::App* serve = app.add_subcommand("serve", "Run the hub");
  serve->add_option("--listen", options.listen, "host:port to listen on")
      ->capture_default_str();
  serve->add_option("--data-dir", options.data_dir,
                    "Data directory: pki/ and the database")
      ->capture_default_str();
  serve->add_option("--partners", options.partners_file,
                    "Partner registry (JSON)")
      ->capture_default_str();
  serve->add_flag("--dev-pki", options.dev_pki,
                  "Create a development PKI in <data-dir>/pki on first run");
  serve->add_option("--ready-file", ready_file,
                    "Write the bound port here once serving");
  serve->add_option("--event-retention-hours", retention_hours,
                    "How long outbox events are kept")
      ->capture_default_str()
      ->check(CLI::Range(1, 24 * 3650));

  CLI::App* pki = app.add_subcommand("pki", "Development PKI");
  pki->require_subcommand(1);
  std::string pki_dir = "var/pki";
  std::string partner_id;
  CLI::App* pki_init = pki->add_subcommand("init", "Create the CA and hub.pem");
  pki_init->add_option("--pki-dir", pki_dir)->capture_default_str();
  CLI::App* pki_issue =
      pki->add_subcommand("issue", "Issue a partner's certificate and key");
  pki_issue->add_option("--pki-dir", pki_dir)->capture_default_str();
  pki_issue->add_option("--partner", partner_id, "Partner id")->required();

  rosa::DemoOptions demo_options;
  CLI::App* demo = app.add_subcommand(
      "demo", "ROSA refers a woman to the crisis centre; watch each step");
  demo->add_option("--hub", demo_options.target, "host:port of the hub")
      ->capture_default_str();
  demo->add_option("--pki-dir", demo_options.pki_dir)->capture_default_str();

  CLI11_PARSE(app, argc, argv);

  if (*serve) {
    options.event_retention = absl::Hours(retention_hours);
    return rosa::RunServe(options, ready_file);
  }
  if (*pki_init) return Report(rosa::pki::InitCa(rosa::pki::PkiPaths{pki_dir}));
  if (*pki_issue) {
    return Report(rosa::pki::IssuePartnerCertificate(
        rosa::pki::PkiPaths{pki_dir}, partner_id));
  }
  if (*demo) return rosa::RunDemo(demo_options);
  return 1;
}
