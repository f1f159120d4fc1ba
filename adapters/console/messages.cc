#include "adapters/console/messages.h"

namespace rosa::console {
namespace {

using Table = MessageTable;

const Table& Messages() {
  static const Table* const kTable = new Table{
      {"app", {"ROSA-huben", "ROSA hub"}},
      {"skip", {"Hopp til innholdet", "Skip to content"}},
      {"nav", {"Hovedmeny", "Main menu"}},
      {"board", {"Ledige plasser", "Availability board"}},
      {"find", {"Finn en plass", "Find a place"}},
      {"referrals", {"Henvisninger", "Referrals"}},
      {"referral", {"Henvisning", "Referral"}},
      {"capacity", {"Meld ledige plasser", "Report free places"}},
      {"logout", {"Logg ut", "Log out"}},
      {"login", {"Logg inn", "Log in"}},
      {"user", {"Bruker (partner/navn)", "User (partner/name)"}},
      {"password", {"Passord", "Password"}},
      {"password2", {"Passord igjen", "Password again"}},
      {"code", {"Engangskode", "One-time code"}},
      {"login_failed",
       {"Feil bruker, passord eller engangskode, eller brukeren er sperret.",
        "Wrong user, password or one-time code, or the user is locked."}},
      {"enrol", {"Aktiver brukeren", "Set up your user"}},
      {"enrol_intro",
       {"Velg et passord (minst 12 tegn) og legg hemmeligheten inn i en "
        "autentiseringsapp. Bekreft med den første koden.",
        "Choose a password (at least 12 characters) and add the secret to "
        "an authenticator app. Confirm with its first code."}},
      {"totp_secret", {"Hemmelighet", "Secret"}},
      {"totp_uri", {"Lenke for appen", "Link for the app"}},
      {"enrol_done",
       {"Brukeren er klar. Logg inn.", "Your user is ready. Log in."}},
      {"enrol_gone",
       {"Lenken er ukjent, brukt eller utløpt.",
        "The link is unknown, used or expired."}},
      {"passwords_differ",
       {"Passordene er ikke like.", "The passwords differ."}},
      {"enrol_failed",
       {"Passordet er for kort eller koden er feil.",
        "The password is too short or the code is wrong."}},
      {"not_found", {"Ikke funnet", "Not found"}},
      {"not_found_text",
       {"Siden eller saken finnes ikke, eller du har ikke tilgang.",
        "The page or record does not exist, or you may not see it."}},
      {"forbidden", {"Avvist", "Refused"}},
      {"forbidden_text",
       {"Skjemaet var utløpt eller mangler sikkerhetsnøkkel. Prøv igjen.",
        "The form was expired or lacks its security token. Try again."}},
      {"bad_request", {"Ugyldig skjema", "Invalid form"}},
      {"bad_request_text",
       {"Skjemaet inneholdt tegn som ikke er gyldig UTF-8. Prøv igjen.",
        "The form held characters that are not valid UTF-8. Try again."}},
      {"too_large", {"For stort skjema", "Form too large"}},
      {"too_large_text",
       {"Skjemaet er større enn konsollen tar imot. Kort ned teksten.",
        "The form is larger than the console takes. Shorten the text."}},
      {"hotline", {"Hotline", "Hotline"}},
      {"persons", {"Personer", "Persons"}},
      {"lawyers", {"Advokater", "Lawyers"}},
      {"report", {"Årsrapport", "Annual report"}},
      {"audit", {"Revisjonslogg", "Audit log"}},
      {"error", {"Noe gikk galt", "Something went wrong"}},
      {"facility", {"Sted", "Facility"}},
      {"partner", {"Partner", "Partner"}},
      {"region", {"Region", "Region"}},
      {"unit", {"Enhet", "Unit"}},
      {"type", {"Type", "Type"}},
      {"free", {"Ledige", "Free"}},
      {"held", {"Holdt av", "Held"}},
      {"capacity_total", {"Plasser", "Places"}},
      {"as_of", {"Per", "As of"}},
      {"unknown", {"ukjent", "unknown"}},
      {"stale", {"utdatert", "stale"}},
      {"no_units", {"Ingen tall meldt", "No figures reported"}},
      {"live", {"Oppdateres automatisk", "Updates live"}},
      {"next_page", {"Neste side", "Next page"}},
      {"first_page", {"Første side", "First page"}},
      {"lang_other", {"English", "Norsk"}},
      {"signed_in_as", {"Innlogget som", "Signed in as"}},
  };
  return *kTable;
}

}  // namespace

std::string NormalizeLang(std::string_view lang) {
  return lang == "en" ? "en" : kDefaultLang;
}

std::string Text(std::string_view lang, std::string_view id) {
  const Table& table = Messages();
  auto it = table.find(id);
  if (it == table.end()) return std::string(id);
  return lang == "en" ? it->second.second : it->second.first;
}

std::string Text(const MessageTable& page, std::string_view lang,
                 std::string_view id) {
  auto it = page.find(id);
  if (it == page.end()) return Text(lang, id);
  return lang == "en" ? it->second.second : it->second.first;
}

bool HasText(std::string_view id) { return Messages().count(id) > 0; }

}  // namespace rosa::console
