#include "adapters/console/pages/capacity_page.h"

#include <httplib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "adapters/console/desk_call.h"
#include "adapters/console/form.h"
#include "adapters/console/html.h"
#include "adapters/console/messages.h"
#include "adapters/console/pages/words.h"
#include "common/time_util.h"
#include "hub/users/secret_token.h"

namespace rosa::console {
namespace {

namespace v1 = rosa::hub::v1;

const MessageTable& Words() {
  static const MessageTable* const kWords = new MessageTable{
      {"facility_id", {"Sted", "Facility"}},
      {"unit", {"Enhet", "Unit"}},
      {"type", {"Type", "Type"}},
      {"capacity", {"Plasser i alt", "Places in all"}},
      {"free", {"Ledige nå", "Free now"}},
      {"admits", {"Tar imot", "Takes"}},
      {"children", {"Barn kan bli med", "Children can come along"}},
      {"wheelchair", {"Tilgjengelig for rullestol", "Wheelchair accessible"}},
      {"save", {"Meld tallene", "Report the figures"}},
      {"new_unit", {"Ny enhet", "New unit"}},
      {"saved", {"Tallene er meldt.", "The figures are reported."}},
      {"refused", {"Meldingen ble avvist: ", "The report was refused: "}},
      {"women", {"kvinner", "women"}},
      {"men", {"menn", "men"}},
      {"all", {"alle", "all"}},
      {"acute", {"akutt", "acute"}},
      {"longer_stay", {"lengre opphold", "longer stay"}},
      {"family", {"familie", "family"}},
  };
  return *kWords;
}

std::string W(const PageContext& ctx, std::string_view id) {
  return Escape(Text(Words(), ctx.lang, id));
}

std::string IdPart(const std::string& text) {
  std::string out;
  for (const char c : text) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || (c >= 'A' && c <= 'Z');
    out.push_back(safe ? c : '_');
  }
  return out;
}

struct Choice {
  const char* value;
  bool selected;
};

std::string Select(const PageContext& ctx, const std::string& form,
                   const char* name, std::initializer_list<Choice> choices) {
  std::string options;
  for (const Choice& c : choices) {
    absl::StrAppend(&options, Option(c.value, W(ctx, c.value), c.selected));
  }
  return SelectRow(absl::StrCat(form, "-", name), name, W(ctx, name), options);
}

std::string Input(const PageContext& ctx, const std::string& form,
                  const char* name, const std::string& value,
                  const char* extra) {
  return InputRow(absl::StrCat(form, "-", name), name, W(ctx, name),
                  absl::StrCat(ValueAttr(value), extra));
}

std::string Check(const PageContext& ctx, const std::string& form,
                  const char* name, bool checked) {
  return CheckboxRow(absl::StrCat(form, "-", name), name, W(ctx, name),
                     checked);
}

// One form: the unit's figures (empty `u` for a new unit).
std::string UnitForm(const PageContext& ctx, const std::string& form,
                     const std::string& facility, const v1::UnitCapacity& u,
                     bool known_unit) {
  std::string out = absl::StrCat(
      "<form id=\"", form,
      "\" class=\"capacity-form\" method=\"post\" action=\"/capacity\">",
      "<h2>",
      Escape(known_unit ? u.unit() : Text(Words(), ctx.lang, "new_unit")),
      "</h2>", CsrfField(ctx),
      Hidden("idempotency_key", users::RandomToken(16)));
  if (known_unit) {
    absl::StrAppend(&out, Hidden("facility_id", facility),
                    Hidden("unit", u.unit()));
  } else {
    std::string options;
    for (const Facility& f : ctx.acting->facilities) {
      absl::StrAppend(&options, Option(f.id, Escape(f.name)));
    }
    absl::StrAppend(&out,
                    SelectRow(absl::StrCat(form, "-facility_id"), "facility_id",
                              W(ctx, "facility_id"), options),
                    Input(ctx, form, "unit", "", " type=\"text\" required"));
  }
  absl::StrAppend(
      &out,
      Select(ctx, form, "type",
             {{"acute", u.type() == v1::UNIT_TYPE_ACUTE},
              {"longer_stay", u.type() == v1::UNIT_TYPE_LONGER_STAY},
              {"family", u.type() == v1::UNIT_TYPE_FAMILY}}),
      Input(ctx, form, "capacity", absl::StrCat(u.capacity()),
            " type=\"number\" min=\"0\" max=\"500\" required"),
      Input(ctx, form, "free", absl::StrCat(u.free()),
            " type=\"number\" min=\"0\" max=\"500\" required"),
      Select(ctx, form, "admits",
             {{"women", u.admits() == v1::ADMITTED_GENDERS_WOMEN},
              {"men", u.admits() == v1::ADMITTED_GENDERS_MEN},
              {"all", u.admits() == v1::ADMITTED_GENDERS_ALL}}),
      Check(ctx, form, "children", u.children()),
      Check(ctx, form, "wheelchair", u.wheelchair_accessible()),
      "<p><button type=\"submit\">", W(ctx, "save"), "</button></p></form>");
  return out;
}

void Show(PageContext& ctx, const std::string& error, int status) {
  std::string main;
  if (!error.empty()) {
    absl::StrAppend(&main,
                    "<p id=\"capacity-error\" class=\"error\" role=\"alert\">",
                    W(ctx, "refused"), Escape(error), "</p>");
  } else if (ctx.Param("saved") == "1") {
    absl::StrAppend(&main, "<p id=\"capacity-saved\" role=\"status\">",
                    W(ctx, "saved"), "</p>");
  }
  absl::StatusOr<v1::ListAvailabilityResponse> own =
      AwaitDesk<v1::ListAvailabilityResponse>([&](auto done) {
        ctx.desks.placement->ListAvailability(
            *ctx.acting, v1::ListAvailabilityRequest(), std::move(done));
      });
  if (own.ok()) {
    for (const v1::FacilityAvailability& f : own->facilities()) {
      for (const v1::UnitAvailability& u : f.units()) {
        const std::string form =
            absl::StrCat("capacity-", IdPart(f.facility().id()), "-",
                         IdPart(u.reported().unit()));
        absl::StrAppend(
            &main, UnitForm(ctx, form, f.facility().id(), u.reported(), true));
      }
    }
  }
  absl::StrAppend(&main,
                  UnitForm(ctx, "capacity-new", "", v1::UnitCapacity(), false));
  SendPage(ctx, Text(ctx.lang, "capacity"), main, status);
}

void PostCapacity(PageContext& ctx) {
  v1::ReportCapacityRequest request;
  request.set_idempotency_key(ctx.Param("idempotency_key"));
  v1::UnitCapacity& u = *request.add_units();
  u.set_facility_id(ctx.Param("facility_id"));
  u.set_unit(ctx.Param("unit"));
  const std::string type = ctx.Param("type");
  u.set_type(type == "acute"         ? v1::UNIT_TYPE_ACUTE
             : type == "longer_stay" ? v1::UNIT_TYPE_LONGER_STAY
             : type == "family"      ? v1::UNIT_TYPE_FAMILY
                                     : v1::UNIT_TYPE_UNSPECIFIED);
  uint32_t capacity = 0;
  uint32_t free_places = 0;
  (void)absl::SimpleAtoi(ctx.Param("capacity"), &capacity);
  (void)absl::SimpleAtoi(ctx.Param("free"), &free_places);
  u.set_capacity(capacity);
  u.set_free(free_places);
  const std::string admits = ctx.Param("admits");
  u.set_admits(admits == "women" ? v1::ADMITTED_GENDERS_WOMEN
               : admits == "men" ? v1::ADMITTED_GENDERS_MEN
               : admits == "all" ? v1::ADMITTED_GENDERS_ALL
                                 : v1::ADMITTED_GENDERS_UNSPECIFIED);
  u.set_children(ctx.Param("children") == "1");
  u.set_wheelchair_accessible(ctx.Param("wheelchair") == "1");
  *u.mutable_as_of() = ToProtoTime(ctx.desks.clock->Now());
  absl::StatusOr<v1::ReportCapacityResponse> reported =
      AwaitDesk<v1::ReportCapacityResponse>([&](auto done) {
        ctx.desks.placement->ReportCapacity(*ctx.acting, request,
                                            DeskDeadline(), std::move(done));
      });
  if (reported.ok()) return Redirect(ctx, "/capacity?saved=1");
  // Desk errors name unit, field and reason; a facility that is not the
  // partner's is refused without saying whether it exists.
  Show(ctx, std::string(reported.status().message()), 400);
}

}  // namespace

void RegisterCapacityPage(Router& router) {
  router.Get("/capacity", Access::kSession,
             [](PageContext& ctx) { Show(ctx, "", 200); });
  router.Post("/capacity", Access::kSession, PostCapacity);
  router.AddNav({"/capacity", "capacity", Audience::kPartner});
}

}  // namespace rosa::console
