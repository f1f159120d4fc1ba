#include "tests/integration/console_client.h"

#include <httplib.h>

#include <cstring>
#include <fstream>
#include <regex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "hub/users/totp.h"

namespace rosa::integration {
namespace {

ConsoleAnswer ToAnswer(const httplib::Response& response) {
  ConsoleAnswer answer;
  answer.status = response.status;
  answer.body = response.body;
  for (const auto& [name, value] : response.headers) {
    answer.headers.emplace_back(absl::AsciiStrToLower(name), value);
  }
  return answer;
}

std::string Unescape(std::string text) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&quot;", "\""},
      {"&#39;", "'"},
      {"&lt;", "<"},
      {"&gt;", ">"},
      {"&amp;", "&"}};
  for (const auto& [entity, c] : kEntities) {
    for (size_t at = text.find(entity); at != std::string::npos;
         at = text.find(entity, at + 1)) {
      text.replace(at, strlen(entity), c);
    }
  }
  return text;
}

}  // namespace

absl::StatusOr<int> ConsolePort(const HubProcess& hub) {
  const std::string log = hub.ReadLog();
  static const std::regex kLine(R"(web console on https://[^:]+:(\d+)/)");
  int port = 0;
  for (auto it = std::sregex_iterator(log.begin(), log.end(), kLine);
       it != std::sregex_iterator(); ++it) {
    if (!absl::SimpleAtoi((*it)[1].str(), &port)) port = 0;
  }
  if (port <= 0) return absl::NotFoundError("the hub logged no console");
  return port;
}

std::string ConsoleAnswer::Header(const std::string& name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return "";
}

std::vector<std::string> ConsoleAnswer::Headers(const std::string& name) const {
  std::vector<std::string> values;
  for (const auto& [n, v] : headers) {
    if (n == name) values.push_back(v);
  }
  return values;
}

ConsoleClient::ConsoleClient(const HubProcess& hub) : hub_(hub) {
  port_ = ConsolePort(hub).value_or(0);
}

void ConsoleClient::Remember(const ConsoleAnswer& answer) {
  for (const std::string& cookie : answer.Headers("set-cookie")) {
    const std::string pair = cookie.substr(0, cookie.find(';'));
    const size_t eq = pair.find('=');
    if (eq == std::string::npos) continue;
    const std::string name = pair.substr(0, eq);
    const std::string value = pair.substr(eq + 1);
    if (value.empty() || absl::StrContains(cookie, "Max-Age=0")) {
      cookies_.erase(name);
    } else {
      cookies_[name] = value;
    }
  }
}

std::string ConsoleClient::CookieHeader() const {
  std::vector<std::string> parts;
  for (const auto& [name, value] : cookies_) {
    parts.push_back(absl::StrCat(name, "=", value));
  }
  return absl::StrJoin(parts, "; ");
}

std::string ConsoleClient::Cookie(const std::string& name) const {
  auto it = cookies_.find(name);
  return it == cookies_.end() ? "" : it->second;
}

absl::StatusOr<ConsoleAnswer> ConsoleClient::Get(const std::string& path) {
  httplib::SSLClient client("127.0.0.1", port_);
  client.set_ca_cert_path((hub_.pki_dir() / "ca.pem").c_str());
  client.enable_server_certificate_verification(true);
  client.set_read_timeout(30, 0);
  httplib::Headers headers;
  if (!cookies_.empty()) headers.emplace("Cookie", CookieHeader());
  httplib::Result result = client.Get(path, headers);
  if (!result) {
    return absl::UnavailableError(
        absl::StrCat("GET ", path, ": ", httplib::to_string(result.error())));
  }
  ConsoleAnswer answer = ToAnswer(*result);
  Remember(answer);
  return answer;
}

absl::StatusOr<ConsoleAnswer> ConsoleClient::Post(
    const std::string& path,
    const std::vector<std::pair<std::string, std::string>>& form) {
  httplib::SSLClient client("127.0.0.1", port_);
  client.set_ca_cert_path((hub_.pki_dir() / "ca.pem").c_str());
  client.enable_server_certificate_verification(true);
  client.set_read_timeout(30, 0);
  httplib::Headers headers;
  if (!cookies_.empty()) headers.emplace("Cookie", CookieHeader());
  httplib::Params params;
  for (const auto& [name, value] : form) params.emplace(name, value);
  httplib::Result result = client.Post(path, headers, params);
  if (!result) {
    return absl::UnavailableError(
        absl::StrCat("POST ", path, ": ", httplib::to_string(result.error())));
  }
  ConsoleAnswer answer = ToAnswer(*result);
  Remember(answer);
  return answer;
}

std::string ConsoleClient::InputValue(const std::string& html,
                                      const std::string& name) {
  const std::regex input(
      absl::StrCat("<input[^>]*name=\"", name, "\"[^>]*value=\"([^\"]*)\""));
  std::smatch match;
  if (!std::regex_search(html, match, input)) return "";
  return Unescape(match[1].str());
}

absl::StatusOr<std::string> ConsoleClient::Enrol(const std::string& partner,
                                                 const std::string& name,
                                                 const std::string& password) {
  const std::filesystem::path out = hub_.data_dir() / "users-add.out";
  if (absl::Status s = RunHubCommand(
          {"users", "add", "--data-dir", hub_.data_dir().string(), "--partners",
           TestPartnersFile().string(), "--partner", partner, "--name", name},
          out);
      !s.ok()) {
    return s;
  }
  std::ifstream in(out);
  const std::string printed((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
  std::smatch match;
  std::string token;
  static const std::regex kLink(R"(/enrol\?token=([0-9a-f]{64}))");
  for (auto it = std::sregex_iterator(printed.begin(), printed.end(), kLink);
       it != std::sregex_iterator(); ++it) {
    token = (*it)[1].str();  // The last link: this user's.
  }
  if (token.empty()) return absl::NotFoundError("users add printed no link");
  absl::StatusOr<ConsoleAnswer> page = Get("/enrol?token=" + token);
  if (!page.ok()) return page.status();
  static const std::regex kSecret(
      R"(<code id="totp-secret">([A-Z2-7]+)</code>)");
  if (!std::regex_search(page->body, match, kSecret)) {
    return absl::NotFoundError("the enrolment page shows no secret");
  }
  absl::StatusOr<std::string> secret =
      users::DecodeBase32Secret(match[1].str());
  if (!secret.ok()) return secret.status();
  absl::StatusOr<ConsoleAnswer> done =
      Post("/enrol", {{"csrf", InputValue(page->body, "csrf")},
                      {"token", token},
                      {"password", password},
                      {"password2", password},
                      {"code", users::TotpCode(*secret, absl::Now())}});
  if (!done.ok()) return done.status();
  if (!absl::StrContains(done->body, "id=\"enrol-done\"")) {
    return absl::FailedPreconditionError(
        absl::StrCat("enrolment refused (", done->status, ")"));
  }
  return *secret;
}

absl::StatusOr<ConsoleAnswer> ConsoleClient::Login(const std::string& user,
                                                   const std::string& password,
                                                   const std::string& secret) {
  absl::StatusOr<ConsoleAnswer> form = Get("/login");
  if (!form.ok()) return form.status();
  return Post(
      "/login",
      {{"csrf", InputValue(form->body, "csrf")},
       {"user", user},
       {"password", password},
       {"code",
        users::TotpCode(
            secret, absl::Now() + absl::Seconds(users::kTotpStepSeconds))}});
}

}  // namespace rosa::integration
