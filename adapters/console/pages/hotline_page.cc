#include "adapters/console/pages/hotline_page.h"

#include <httplib.h>

#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "adapters/console/desk_call.h"
#include "adapters/console/form.h"
#include "adapters/console/html.h"
#include "adapters/console/messages.h"
#include "adapters/console/pages/words.h"
#include "common/time_util.h"
#include "hub/inquiry/inquiry_desk.h"
#include "hub/report/labels.h"
#include "hub/users/secret_token.h"

namespace rosa::console {
namespace {

namespace v1 = rosa::hub::v1;

const MessageTable& Words() {
  static const MessageTable* const kWords = new MessageTable{
      {"hotline", {"Hotline", "Hotline"}},
      {"log_call", {"Logg en samtale", "Log a call"}},
      {"caller", {"Hvem ringer", "Who called"}},
      {"topic", {"Gjelder", "About"}},
      {"victims",
       {"Mulig offer (bare ved «Mulig offer»)",
        "Possible victim (only for “Possible victim”)"}},
      {"persons", {"Antall personer", "Number of persons"}},
      {"gender", {"Kjønn", "Gender"}},
      {"nationality",
       {"Nasjonalitet (ISO-kode, f.eks. RO)",
        "Nationality (ISO code, e.g. RO)"}},
      {"exploitation", {"Utnyttelsesform", "Form of exploitation"}},
      {"outcome", {"Utfall", "Outcome"}},
      {"first_time",
       {"Første henvendelse i saken", "First call about this case"}},
      {"occurred", {"Tidspunkt", "Time of the call"}},
      {"save", {"Lagre samtalen", "Save the call"}},
      {"saved", {"Samtalen er lagret:", "The call is saved:"}},
      {"choose", {"– velg –", "– choose –"}},
      {"today", {"Dagens samtaler", "Today's calls"}},
      {"none", {"Ingen samtaler i dag.", "No calls today."}},
      {"id", {"Nr.", "No."}},
      {"by", {"Logget av", "Logged by"}},
      {"keys",
       {"Hurtigtaster: Alt+H hvem, Alt+G gjelder, Alt+A antall, "
        "Alt+L lagre.",
        "Access keys: Alt+H who, Alt+G about, Alt+A number, "
        "Alt+L save."}},
      {"woman", {"Kvinne", "Woman"}},
      {"man", {"Mann", "Man"}},
      {"trans", {"Transperson", "Trans person"}},
      {"unknown", {"Ukjent", "Unknown"}},
      {"sexual", {"Seksuell utnyttelse", "Sexual exploitation"}},
      {"labour", {"Tvangsarbeid", "Forced labour"}},
      {"mixed", {"Begge deler", "Both"}},
      {"other", {"Annet eller ukjent", "Other or unknown"}},
      {"accepted_help", {"Takket ja til hjelp", "Accepted help"}},
      {"declined_help", {"Takket nei til hjelp", "Declined help"}},
      {"not_trafficking", {"Ikke menneskehandel", "Not trafficking"}},
      {"to_filemon", {"Henvist til Filemon", "Referred to Filemon"}},
      {"elsewhere", {"Henvist videre", "Referred elsewhere"}},
      {"outcome_unknown", {"Ukjent", "Unknown"}},
  };
  return *kWords;
}

struct Choice {
  int value;
  const char* word;  // An id of Words().
};

const std::vector<Choice>& Genders() {
  static const auto* k =
      new std::vector<Choice>{{v1::GENDER_WOMAN, "woman"},
                              {v1::GENDER_MAN, "man"},
                              {v1::GENDER_TRANS, "trans"},
                              {v1::GENDER_UNKNOWN, "unknown"}};
  return *k;
}
const std::vector<Choice>& Exploitations() {
  static const auto* k = new std::vector<Choice>{
      {v1::EXPLOITATION_FORM_SEXUAL, "sexual"},
      {v1::EXPLOITATION_FORM_FORCED_LABOUR, "labour"},
      {v1::EXPLOITATION_FORM_MIXED, "mixed"},
      {v1::EXPLOITATION_FORM_OTHER_OR_UNKNOWN, "other"}};
  return *k;
}
const std::vector<Choice>& Outcomes() {
  static const auto* k = new std::vector<Choice>{
      {v1::INQUIRY_OUTCOME_ACCEPTED_HELP, "accepted_help"},
      {v1::INQUIRY_OUTCOME_DECLINED_HELP, "declined_help"},
      {v1::INQUIRY_OUTCOME_NOT_TRAFFICKING, "not_trafficking"},
      {v1::INQUIRY_OUTCOME_REFERRED_TO_FILEMON, "to_filemon"},
      {v1::INQUIRY_OUTCOME_REFERRED_ELSEWHERE, "elsewhere"},
      {v1::INQUIRY_OUTCOME_UNKNOWN, "outcome_unknown"}};
  return *k;
}

std::string Word(const PageContext& ctx, std::string_view id) {
  return Escape(Text(Words(), ctx.lang, id));
}

// The report's label of a caller type or topic (one home: hub/report).
std::string LabelOf(const std::vector<report::Label>& labels, int value,
                    const std::string& lang) {
  for (const report::Label& l : labels) {
    if (l.value == value) return lang == "en" ? l.en : l.no;
  }
  return "";
}

// The label's words, with the access key shown where there is one.
std::string LabelHtml(const PageContext& ctx, const char* id, const char* key) {
  return absl::StrCat(Word(ctx, id), key[0] != '\0'
                                         ? absl::StrCat(" <kbd>", key, "</kbd>")
                                         : "");
}

std::string AccessKey(const char* key) {
  return key[0] != '\0' ? absl::StrCat(" accesskey=\"", key, "\"") : "";
}

std::string Select(const PageContext& ctx, const char* id, const char* key,
                   const std::string& options, const char* extra = "") {
  return SelectRow(id, id, LabelHtml(ctx, id, key),
                   absl::StrCat(Option("", Word(ctx, "choose")), options),
                   absl::StrCat(AccessKey(key), extra));
}

std::string LabelOptions(const PageContext& ctx,
                         const std::vector<report::Label>& labels) {
  std::string out;
  for (const report::Label& l : labels) {
    absl::StrAppend(&out,
                    Option(absl::StrCat(l.value), LabelText(ctx.lang, l)));
  }
  return out;
}

std::string ChoiceOptions(const PageContext& ctx,
                          const std::vector<Choice>& choices) {
  std::string out;
  for (const Choice& c : choices) {
    absl::StrAppend(&out, Option(absl::StrCat(c.value), Word(ctx, c.word)));
  }
  return out;
}

std::string Form(const PageContext& ctx, const std::string& error) {
  const std::string now = absl::FormatTime(
      "%Y-%m-%dT%H:%M", ctx.desks.clock->Now(), OsloTimeZone());
  std::string out =
      absl::StrCat("<h2 id=\"log-call\">", Word(ctx, "log_call"), "</h2>");
  if (!error.empty()) {
    absl::StrAppend(&out,
                    "<p id=\"hotline-error\" class=\"error\" "
                    "role=\"alert\">",
                    Escape(error), "</p>");
  }
  absl::StrAppend(
      &out, "<p class=\"hint\">", Word(ctx, "keys"), "</p>",
      "<form id=\"hotline-form\" method=\"post\" action=\"/hotline\" "
      "aria-labelledby=\"log-call\">",
      CsrfField(ctx), Hidden("key", users::RandomToken(16)),
      Select(ctx, "caller", "h", LabelOptions(ctx, report::CallerLabels()),
             " required autofocus"),
      Select(ctx, "topic", "g", LabelOptions(ctx, report::TopicLabels()),
             " required"),
      "<fieldset><legend>", Word(ctx, "victims"), "</legend>",
      InputRow("persons", "persons", LabelHtml(ctx, "persons", "a"),
               " type=\"number\" min=\"1\" max=\"500\" inputmode=\"numeric\""
               " accesskey=\"a\""),
      Select(ctx, "gender", "", ChoiceOptions(ctx, Genders())),
      InputRow("nationality", "nationality", Word(ctx, "nationality"),
               " type=\"text\" maxlength=\"2\" autocomplete=\"off\""),
      Select(ctx, "exploitation", "", ChoiceOptions(ctx, Exploitations())),
      Select(ctx, "outcome", "", ChoiceOptions(ctx, Outcomes())), "</fieldset>",
      CheckboxRow("first_time", "first_time", Word(ctx, "first_time"), false),
      InputRow(
          "occurred", "occurred", Word(ctx, "occurred"),
          absl::StrCat(" type=\"datetime-local\" required", ValueAttr(now))),
      "<p><button type=\"submit\" "
      "accesskey=\"l\">",
      Word(ctx, "save"),
      " <kbd>l</kbd></button></p>"
      "</form>");
  return out;
}

int IntParam(const PageContext& ctx, const char* name) {
  int value = 0;
  return absl::SimpleAtoi(ctx.Param(name), &value) ? value : 0;
}

// The request the form describes. The desk validates it (one home for the
// rules); this only copies fields.
v1::RecordInquiryRequest RequestOf(const PageContext& ctx) {
  v1::RecordInquiryRequest request;
  request.set_idempotency_key(ctx.Param("key"));
  v1::HotlineInquiry* inquiry = request.mutable_inquiry();
  inquiry->set_caller(static_cast<v1::CallerType>(IntParam(ctx, "caller")));
  inquiry->set_topic(static_cast<v1::InquiryTopic>(IntParam(ctx, "topic")));
  absl::CivilMinute minute;
  absl::Time occurred = ctx.desks.clock->Now();
  if (absl::ParseCivilTime(ctx.Param("occurred"), &minute)) {
    occurred = absl::FromCivil(minute, OsloTimeZone());
  }
  *inquiry->mutable_occurred_at() = ToProtoTime(occurred);
  if (!ctx.Param("first_time").empty()) inquiry->set_first_time(true);
  if (inquiry->topic() == v1::INQUIRY_TOPIC_POSSIBLE_VICTIM) {
    v1::PossibleVictims* v = inquiry->mutable_victims();
    v->set_persons(IntParam(ctx, "persons"));
    v->set_gender(static_cast<v1::Gender>(IntParam(ctx, "gender")));
    v->set_nationality(ctx.Param("nationality"));
    v->set_exploitation_form(
        static_cast<v1::ExploitationForm>(IntParam(ctx, "exploitation")));
    v->set_outcome(static_cast<v1::InquiryOutcome>(IntParam(ctx, "outcome")));
  }
  return request;
}

std::string Today(PageContext& ctx) {
  const absl::TimeZone& tz = OsloTimeZone();
  const absl::Time midnight = absl::FromCivil(
      absl::CivilDay(absl::ToCivilDay(ctx.desks.clock->Now(), tz)), tz);
  v1::ListInquiriesRequest request;
  request.set_page_size(ctx.desks.settings.page_size);
  request.set_page_token(ctx.Param("page_token"));
  *request.mutable_occurred_since() = ToProtoTime(midnight);
  absl::StatusOr<v1::ListInquiriesResponse> list =
      AwaitDesk<v1::ListInquiriesResponse>([&](auto done) {
        ctx.desks.inquiries->List(*ctx.acting, request, std::move(done));
      });
  std::string out = absl::StrCat("<h2>", Word(ctx, "today"), "</h2>");
  if (!list.ok()) {
    return absl::StrCat(out, "<p class=\"error\" role=\"alert\">",
                        Escape(Text(ctx.lang, "error")), "</p>");
  }
  if (list->inquiries().empty()) {
    return absl::StrCat(out, "<p id=\"calls-none\">", Word(ctx, "none"),
                        "</p>");
  }
  absl::StrAppend(&out,
                  "<div class=\"table-wrap\"><table id=\"calls-table\">"
                  "<thead><tr>");
  for (const char* id :
       {"id", "occurred", "caller", "topic", "persons", "outcome", "by"}) {
    absl::StrAppend(&out, "<th scope=\"col\">", Word(ctx, id), "</th>");
  }
  absl::StrAppend(&out, "</tr></thead><tbody>");
  for (const v1::HotlineInquiry& i : list->inquiries()) {
    std::string outcome;
    for (const Choice& c : Outcomes()) {
      if (i.has_victims() && c.value == i.victims().outcome()) {
        outcome = Word(ctx, c.word);
      }
    }
    absl::StrAppend(
        &out, "<tr data-inquiry=\"", Escape(i.id()), "\"><td>", Escape(i.id()),
        "</td><td>", Escape(ShowTime(FromProtoTime(i.occurred_at()))),
        "</td><td>",
        Escape(LabelOf(report::CallerLabels(), i.caller(), ctx.lang)),
        "</td><td>",
        Escape(LabelOf(report::TopicLabels(), i.topic(), ctx.lang)),
        "</td><td>", i.has_victims() ? absl::StrCat(i.victims().persons()) : "",
        "</td><td>", outcome, "</td><td>", Escape(i.recorded_by()),
        "</td></tr>");
  }
  absl::StrAppend(&out, "</tbody></table></div>");
  if (!list->next_page_token().empty()) {
    absl::StrAppend(
        &out,
        NextPageLink(ctx, absl::StrCat("/hotline?page_token=",
                                       UrlEncode(list->next_page_token()))));
  }
  return out;
}

void GetHotline(PageContext& ctx) {
  std::string saved;
  const std::string id = ctx.Param("saved");
  if (!id.empty()) {
    saved = absl::StrCat("<p id=\"hotline-saved\" role=\"status\">",
                         Word(ctx, "saved"), " <strong>", Escape(id),
                         "</strong></p>");
  }
  SendPage(ctx, Text(Words(), ctx.lang, "hotline"),
           absl::StrCat(saved, Form(ctx, ""), Today(ctx)));
}

void PostHotline(PageContext& ctx) {
  absl::StatusOr<v1::HotlineInquiry> done =
      AwaitDesk<v1::HotlineInquiry>([&](auto answer) {
        ctx.desks.inquiries->RecordInquiry(*ctx.acting, RequestOf(ctx),
                                           DeskDeadline(), std::move(answer));
      });
  if (!done.ok()) {
    // The desk's message names the field and the reason, never a value.
    const std::string why = absl::IsPermissionDenied(done.status())
                                ? Text(ctx.lang, "error")
                                : std::string(done.status().message());
    SendPage(ctx, Text(Words(), ctx.lang, "hotline"),
             absl::StrCat(Form(ctx, why), Today(ctx)),
             absl::IsPermissionDenied(done.status()) ? 403 : 400);
    return;
  }
  Redirect(ctx, absl::StrCat("/hotline?saved=", UrlEncode(done->id())));
}

}  // namespace

void RegisterHotlinePage(Router& router) {
  router.Get("/hotline", Access::kSession, GetHotline);
  router.Post("/hotline", Access::kSession, PostHotline);
  router.AddNav({"/hotline", "hotline", Audience::kEveryone});
}

}  // namespace rosa::console
