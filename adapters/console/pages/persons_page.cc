#include "adapters/console/pages/persons_page.h"

#include <httplib.h>

#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "adapters/console/desk_call.h"
#include "adapters/console/form.h"
#include "adapters/console/html.h"
#include "adapters/console/messages.h"
#include "adapters/console/pages/words.h"
#include "common/time_util.h"
#include "hub/consent/consent_desk.h"
#include "hub/journal/journal_desk.h"
#include "hub/person/person_desk.h"
#include "hub/report/labels.h"
#include "hub/users/secret_token.h"

namespace rosa::console {
namespace {

namespace v1 = rosa::hub::v1;

constexpr char kPersonPath[] = R"(/persons/(P-[A-Za-z0-9]{1,32}))";

const MessageTable& Words() {
  static const MessageTable* const kWords = new MessageTable{
      {"persons", {"Personer", "Persons"}},
      {"register", {"Registrer en person", "Register a person"}},
      {"given_name", {"Fornavn", "Given name"}},
      {"family_name", {"Etternavn", "Family name"}},
      {"birth_date", {"Fødselsdato (ÅÅÅÅ-MM-DD)", "Birth date (YYYY-MM-DD)"}},
      {"birth_year", {"Fødselsår", "Birth year"}},
      {"gender", {"Kjønn", "Gender"}},
      {"nationality", {"Nasjonalitet (ISO-kode)", "Nationality (ISO code)"}},
      {"consent",
       {"Personen samtykker til å bli registrert",
        "The person consents to being registered"}},
      {"save", {"Registrer", "Register"}},
      {"open", {"Åpne en person", "Open a person"}},
      {"person", {"Person-nr. (P-…)", "Person no. (P-…)"}},
      {"go", {"Åpne", "Open"}},
      {"consents", {"Samtykker", "Consents"}},
      {"no_consents", {"Ingen samtykker.", "No consents."}},
      {"give", {"Registrer et samtykke", "Record a consent"}},
      {"partner", {"Partner (id)", "Partner (id)"}},
      {"purpose", {"Formål", "Purpose"}},
      {"given_at", {"Gitt", "Given"}},
      {"withdrawn", {"trukket tilbake", "withdrawn"}},
      {"add", {"Lagre samtykket", "Save the consent"}},
      {"read", {"Se identiteten", "See the identity"}},
      {"read_note",
       {"Velg hvorfor du trenger identiteten. Lesingen "
        "logges med ditt navn.",
        "Choose why you need the identity. The read is "
        "logged under your name."}},
      {"read_go", {"Vis identiteten", "Show the identity"}},
      {"identity", {"Identitet", "Identity"}},
      {"journal", {"Journal", "Journal"}},
      {"journal_show", {"Vis journalen (logges)", "Show the journal (logged)"}},
      {"no_journal", {"Ingen journalføringer.", "No journal entries."}},
      {"choose", {"– velg –", "– choose –"}},
      {"p_registration", {"Registrering", "Registration"}},
      {"p_placement", {"Plassering", "Placement"}},
      {"p_legal", {"Juridisk bistand", "Legal counselling"}},
      {"p_return", {"Assistert retur", "Assisted return"}},
      {"p_statistics", {"Statistikk", "Statistics"}},
  };
  return *kWords;
}

std::string Word(const PageContext& ctx, std::string_view id) {
  return Escape(Text(Words(), ctx.lang, id));
}

struct Purpose {
  v1::ConsentPurpose value;
  const char* word;
};
constexpr Purpose kPurposes[] = {
    {v1::CONSENT_PURPOSE_REGISTRATION, "p_registration"},
    {v1::CONSENT_PURPOSE_PLACEMENT, "p_placement"},
    {v1::CONSENT_PURPOSE_LEGAL_COUNSELLING, "p_legal"},
    {v1::CONSENT_PURPOSE_ASSISTED_RETURN, "p_return"},
    {v1::CONSENT_PURPOSE_STATISTICS, "p_statistics"}};

std::string PurposeWord(const PageContext& ctx, v1::ConsentPurpose p) {
  for (const Purpose& k : kPurposes) {
    if (k.value == p) return Word(ctx, k.word);
  }
  return "";
}

std::string Field(const PageContext& ctx, const char* id, const char* type,
                  const char* extra = "") {
  return InputRow(
      id, id, Word(ctx, id),
      absl::StrCat(" type=\"", type, "\" autocomplete=\"off\"", extra));
}

std::string PurposeSelect(const PageContext& ctx, const char* id,
                          bool with_registration) {
  std::string options = Option("", Word(ctx, "choose"));
  for (const Purpose& p : kPurposes) {
    if (!with_registration && p.value == v1::CONSENT_PURPOSE_REGISTRATION) {
      continue;
    }
    absl::StrAppend(&options, Option(absl::StrCat(static_cast<int>(p.value)),
                                     Word(ctx, p.word)));
  }
  return SelectRow(id, "purpose", Word(ctx, "purpose"), options, " required");
}

std::string Error(const absl::Status& status, const PageContext& ctx) {
  // Desk messages name the field and the reason, never a value.
  return absl::StrCat("<p id=\"person-error\" class=\"error\" role=\"alert\">",
                      Escape(absl::IsInvalidArgument(status) ||
                                     absl::IsFailedPrecondition(status)
                                 ? std::string(status.message())
                                 : Text(ctx.lang, "error")),
                      "</p>");
}

std::string RegisterForm(const PageContext& ctx) {
  std::string genders = Option("", Word(ctx, "choose"));
  for (const report::Label& l : report::GenderLabels()) {
    absl::StrAppend(&genders, Option(l.key, LabelText(ctx.lang, l)));
  }
  return absl::StrCat(
      "<h2 id=\"register-title\">", Word(ctx, "register"),
      "</h2><form id=\"register-form\" method=\"post\" action=\"/persons\" "
      "aria-labelledby=\"register-title\">",
      CsrfField(ctx), Hidden("key", users::RandomToken(16)),
      Field(ctx, "given_name", "text", " required"),
      Field(ctx, "family_name", "text", " required"),
      Field(ctx, "birth_date", "text", " inputmode=\"numeric\""),
      Field(ctx, "birth_year", "number", " required min=\"1900\""),
      SelectRow("gender", "gender", Word(ctx, "gender"), genders, " required"),
      Field(ctx, "nationality", "text", " maxlength=\"2\""),
      CheckboxRow("consent", "consent", Word(ctx, "consent"), false,
                  " required"),
      "<p><button type=\"submit\">", Word(ctx, "save"), "</button></p></form>");
}

std::string OpenForm(const PageContext& ctx) {
  return absl::StrCat(
      "<h2 id=\"open-title\">", Word(ctx, "open"),
      "</h2><form id=\"open-form\" method=\"get\" action=\"/persons\" "
      "aria-labelledby=\"open-title\">",
      Field(ctx, "person", "text", " required"), "<p><button type=\"submit\">",
      Word(ctx, "go"), "</button></p></form>");
}

v1::Gender GenderOf(const std::string& key) {
  for (const report::Label& l : report::GenderLabels()) {
    if (key == l.key) return static_cast<v1::Gender>(l.value + 1);
  }
  return v1::GENDER_UNSPECIFIED;
}

void GetPersons(PageContext& ctx) {
  if (!ctx.IsCoordinator()) return SendNotFound(ctx);
  const std::string person = ctx.Param("person");
  if (!person.empty()) {
    return Redirect(ctx, absl::StrCat("/persons/", UrlEncode(person)));
  }
  SendPage(ctx, Text(Words(), ctx.lang, "persons"),
           absl::StrCat(RegisterForm(ctx), OpenForm(ctx)));
}

void PostPersons(PageContext& ctx) {
  v1::RegisterPersonRequest request;
  request.set_idempotency_key(ctx.Param("key"));
  v1::PersonIdentity* id = request.mutable_identity();
  id->set_given_name(ctx.Param("given_name"));
  id->set_family_name(ctx.Param("family_name"));
  id->set_birth_date(ctx.Param("birth_date"));
  v1::PersonProfile* profile = request.mutable_profile();
  profile->set_gender(GenderOf(ctx.Param("gender")));
  uint32_t year = 0;
  if (absl::SimpleAtoi(ctx.Param("birth_year"), &year)) {
    profile->set_birth_year(year);
  }
  profile->set_nationality(ctx.Param("nationality"));
  if (!ctx.Param("consent").empty()) {
    *request.mutable_registration_consent_given_at() =
        ToProtoTime(ctx.desks.clock->Now());
  }
  absl::StatusOr<v1::Person> person = AwaitDesk<v1::Person>([&](auto done) {
    ctx.desks.persons->Register(*ctx.acting, request, DeskDeadline(),
                                std::move(done));
  });
  if (!person.ok()) {
    if (absl::IsPermissionDenied(person.status())) return SendNotFound(ctx);
    return SendPage(ctx, Text(Words(), ctx.lang, "persons"),
                    absl::StrCat(Error(person.status(), ctx), RegisterForm(ctx),
                                 OpenForm(ctx)),
                    400);
  }
  Redirect(ctx, absl::StrCat("/persons/", person->id()));
}

std::string ConsentsHtml(const PageContext& ctx,
                         const v1::ListConsentsResponse& list) {
  std::string out = absl::StrCat("<h2>", Word(ctx, "consents"), "</h2>");
  if (list.consents().empty()) {
    return absl::StrCat(out, "<p>", Word(ctx, "no_consents"), "</p>");
  }
  absl::StrAppend(&out,
                  "<div class=\"table-wrap\"><table id=\"consents-table\">"
                  "<thead><tr><th scope=\"col\">",
                  Word(ctx, "purpose"), "</th><th scope=\"col\">",
                  Word(ctx, "partner"), "</th><th scope=\"col\">",
                  Word(ctx, "given_at"), "</th></tr></thead><tbody>");
  for (const v1::Consent& c : list.consents()) {
    absl::StrAppend(&out, "<tr data-consent=\"", Escape(c.id()), "\"><td>",
                    PurposeWord(ctx, c.purpose()), "</td><td>",
                    Escape(c.scope().partner_id()), "</td><td>",
                    Escape(ShowTime(FromProtoTime(c.given_at()))),
                    c.has_withdrawn_at()
                        ? absl::StrCat(" (", Word(ctx, "withdrawn"), ")")
                        : "",
                    "</td></tr>");
  }
  return absl::StrCat(out, "</tbody></table></div>");
}

std::string PersonForms(const PageContext& ctx, const std::string& id) {
  const std::string base = absl::StrCat("/persons/", id);
  return absl::StrCat(
      "<h2 id=\"give-title\">", Word(ctx, "give"),
      "</h2><form id=\"consent-form\" method=\"post\" action=\"", base,
      "/consents\" aria-labelledby=\"give-title\">", CsrfField(ctx),
      Hidden("key", users::RandomToken(16)),
      Field(ctx, "partner", "text", " required"),
      PurposeSelect(ctx, "consent-purpose", false),
      "<p><button type=\"submit\">", Word(ctx, "add"), "</button></p></form>",
      "<h2 id=\"read-title\">", Word(ctx, "read"), "</h2><p>",
      Word(ctx, "read_note"),
      "</p><form id=\"read-form\" method=\"post\" "
      "action=\"",
      base, "/read\" aria-labelledby=\"read-title\">", CsrfField(ctx),
      PurposeSelect(ctx, "read-purpose", true), "<p><button type=\"submit\">",
      Word(ctx, "read_go"), "</button></p></form><h2>", Word(ctx, "journal"),
      "</h2><p><a id=\"journal-link\" href=\"", base, "?journal=1\">",
      Word(ctx, "journal_show"), "</a></p>");
}

std::string JournalHtml(PageContext& ctx, const std::string& id) {
  v1::ListJournalRequest request;
  request.set_person_id(id);
  absl::StatusOr<v1::ListJournalResponse> journal =
      AwaitDesk<v1::ListJournalResponse>([&](auto done) {
        ctx.desks.journal->List(*ctx.acting, request, DeskDeadline(),
                                std::move(done));
      });
  if (!journal.ok()) return Error(journal.status(), ctx);
  if (journal->records().empty()) {
    return absl::StrCat("<p id=\"journal-none\">", Word(ctx, "no_journal"),
                        "</p>");
  }
  std::string out = "<ol id=\"journal\">";
  for (const v1::JournalRecord& r : journal->records()) {
    const google::protobuf::FieldDescriptor* entry =
        r.GetReflection()->GetOneofFieldDescriptor(
            r, r.GetDescriptor()->FindOneofByName("entry"));
    absl::StrAppend(&out, "<li>",
                    Escape(ShowTime(FromProtoTime(r.occurred_at()))), " · ",
                    Escape(entry != nullptr ? entry->name() : ""), " · ",
                    Escape(r.recorded_by()), "</li>");
  }
  return absl::StrCat(out, "</ol>");
}

// The person's page; `top` (identity or an error) goes first.
void SendPerson(PageContext& ctx, const std::string& id, const std::string& top,
                int status) {
  v1::ListConsentsRequest request;
  request.set_person_id(id);
  absl::StatusOr<v1::ListConsentsResponse> consents =
      AwaitDesk<v1::ListConsentsResponse>([&](auto done) {
        ctx.desks.consents->List(*ctx.acting, request, std::move(done));
      });
  if (!consents.ok()) return SendNotFound(ctx);
  std::string main =
      absl::StrCat("<p>", Word(ctx, "person"),
                   ": <strong "
                   "id=\"person-id\">",
                   Escape(id), "</strong></p>", top,
                   ConsentsHtml(ctx, *consents), PersonForms(ctx, id));
  if (ctx.Param("journal") == "1") absl::StrAppend(&main, JournalHtml(ctx, id));
  SendPage(ctx, Text(Words(), ctx.lang, "persons"), main, status);
}

void GetPerson(PageContext& ctx) {
  SendPerson(ctx, ctx.http.matches[1].str(), "", 200);
}

void PostConsent(PageContext& ctx) {
  const std::string id = ctx.http.matches[1].str();
  v1::GiveConsentRequest request;
  request.set_idempotency_key(ctx.Param("key"));
  request.set_person_id(id);
  request.mutable_scope()->set_partner_id(ctx.Param("partner"));
  int purpose = 0;
  if (absl::SimpleAtoi(ctx.Param("purpose"), &purpose)) {
    request.set_purpose(static_cast<v1::ConsentPurpose>(purpose));
  }
  absl::StatusOr<v1::Consent> consent = AwaitDesk<v1::Consent>([&](auto done) {
    ctx.desks.consents->Give(*ctx.acting, request, DeskDeadline(),
                             std::move(done));
  });
  if (absl::IsNotFound(consent.status()) ||
      absl::IsPermissionDenied(consent.status())) {
    return SendNotFound(ctx);
  }
  if (!consent.ok())
    return SendPerson(ctx, id, Error(consent.status(), ctx), 400);
  Redirect(ctx, absl::StrCat("/persons/", id));
}

void PostRead(PageContext& ctx) {
  const std::string id = ctx.http.matches[1].str();
  v1::ReadPersonRequest request;
  request.set_person_id(id);
  int purpose = 0;
  if (absl::SimpleAtoi(ctx.Param("purpose"), &purpose)) {
    request.set_purpose(static_cast<v1::ConsentPurpose>(purpose));
  }
  absl::StatusOr<v1::Person> person = AwaitDesk<v1::Person>([&](auto done) {
    ctx.desks.persons->Read(*ctx.acting, request, DeskDeadline(),
                            std::move(done));
  });
  if (absl::IsNotFound(person.status())) return SendNotFound(ctx);
  if (!person.ok())
    return SendPerson(ctx, id, Error(person.status(), ctx), 400);
  const v1::PersonIdentity& i = person->identity();
  const std::string identity = absl::StrCat(
      "<section aria-labelledby=\"identity-title\"><h2 id=\"identity-title\">",
      Word(ctx, "identity"), " (", PurposeWord(ctx, request.purpose()),
      ")</h2><dl id=\"identity\"><dt>", Word(ctx, "given_name"), "</dt><dd>",
      Escape(i.given_name()), "</dd><dt>", Word(ctx, "family_name"),
      "</dt><dd>", Escape(i.family_name()), "</dd><dt>",
      Word(ctx, "birth_date"), "</dt><dd>", Escape(i.birth_date()), "</dd><dt>",
      Word(ctx, "birth_year"), "</dt><dd>", person->profile().birth_year(),
      "</dd></dl></section>");
  SendPerson(ctx, id, identity, 200);
}

}  // namespace

void RegisterPersonsPage(Router& router) {
  router.Get("/persons", Access::kSession, GetPersons);
  router.Post("/persons", Access::kSession, PostPersons);
  router.Get(kPersonPath, Access::kSession, GetPerson);
  router.Post(absl::StrCat(kPersonPath, "/consents"), Access::kSession,
              PostConsent);
  router.Post(absl::StrCat(kPersonPath, "/read"), Access::kSession, PostRead);
  router.AddNav({"/persons", "persons", Audience::kCoordinator});
}

}  // namespace rosa::console
