#include "plugins/advokat/handoff_page.h"

#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "plugins/advokat/html_escape.h"
#include "plugins/sdk/local_time.h"

namespace rosa::plugin::advokat {
namespace {

constexpr std::string_view kHead = R"(<!DOCTYPE html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<style>
body{font:11pt/1.45 sans-serif;color:#000;background:#fff;max-width:45em;margin:2em auto;padding:0 1em}
h1{font-size:16pt;margin:0 0 .5em}
h2{font-size:12.5pt;margin:1.5em 0 .4em;border-bottom:1px solid #000}
h3{font-size:11pt;margin:1em 0 .3em}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.2em .8em .2em 0}
th{width:13em;font-weight:600}
ul{margin:0;padding-left:1.2em}
.text{white-space:pre-wrap;margin:0}
.confidential{border:1px solid #000;padding:.4em .6em;font-weight:600}
@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}tr{break-inside:avoid}}
</style>
)";

// The page's Norwegian for the package's words; the word itself if new.
std::string_view Label(std::string_view word) {
  static constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
      // PersonIdentity fields.
      {"given_name", "Fornavn"},
      {"family_name", "Etternavn"},
      {"birth_date", "Fødselsdato"},
      {"duf_number", "DUF-nummer"},
      {"phone", "Telefon"},
      {"contact_address", "Kontaktadresse"},
      // Residence status.
      {"no_permit", "Uten oppholdstillatelse"},
      {"asylum_seeker", "Asylsøker"},
      {"tourist_visa", "Turistvisum"},
      {"awaiting_return", "I søknadsprosess eller venter på assistert retur"},
      {"reflection_period_applied", "Har søkt om refleksjonsperiode"},
      {"reflection_period_granted", "Innvilget refleksjonsperiode"},
      {"extended_reflection_applied",
       "Har søkt om forlenget refleksjonsperiode"},
      {"eu_eea_citizen", "EU/EØS-borger"},
      {"residence_permit", "Oppholdstillatelse"},
      {"norwegian_citizen", "Norsk statsborger"},
      {"family_immigration", "Familieinnvandring"},
      {"unknown", "Ukjent"},
      // Exploitation form.
      {"sexual_exploitation", "Prostitusjon eller annen seksuell utnyttelse"},
      {"forced_labour", "Tvangsarbeid eller tvangstjenester"},
      {"mixed", "Blandingsform"},
      {"other_or_unknown", "Annen eller ukjent"},
      // Purposes.
      {"identification", "Identifisering som mulig offer"},
      {"residence_grounds", "Grunnlag for opphold"},
      {"police_report", "Om forholdet bør anmeldes"},
  };
  for (const auto& [key, label] : kLabels) {
    if (key == word) return label;
  }
  return word;
}

// "3 timer", "0,25 timer", "1 time".
std::string Hours(uint32_t quarter_hours) {
  static constexpr std::string_view kFractions[] = {"", ",25", ",5", ",75"};
  return absl::StrCat(quarter_hours / 4,
                      std::string(kFractions[quarter_hours % 4]),
                      quarter_hours == 4 ? " time" : " timer");
}

// A table row; `label` is ours, `value` is escaped here.
std::string Row(std::string_view label, std::string_view value) {
  return absl::StrCat("<tr><th>", HtmlEscape(label), "</th><td>",
                      HtmlEscape(value), "</td></tr>\n");
}

}  // namespace

std::string RenderHandoffPage(const HandoffPackage& p) {
  std::string html(kHead);
  const std::string id = HtmlEscape(p.handoff_id);
  absl::StrAppend(&html, "<title>Overlevering ", id, "</title>\n</head>\n",
                  "<body>\n<p class=\"confidential\">Fortrolig: inneholder "
                  "personopplysninger. Skal ikke deles videre.</p>\n"
                  "<h1>Overlevering til advokat</h1>\n<table>\n");
  html += Row("Overlevering", p.handoff_id);
  if (p.created_at) {
    html += Row("Opprettet", FormatNorwegianDateTime(*p.created_at));
  }
  html += "</table>\n";

  if (!p.identity.empty()) {
    html += "<h2>Personen</h2>\n<table>\n";
    for (const auto& [name, value] : p.identity)
      html += Row(Label(name), value);
    html += "</table>\n";
  }

  html += "<h2>Saken</h2>\n<table>\n";
  if (!p.residence_status.empty()) {
    html += Row("Oppholdsstatus", Label(p.residence_status));
  }
  if (!p.exploitation_form.empty()) {
    html += Row("Utnyttelsesform", Label(p.exploitation_form));
  }
  if (!p.purposes.empty()) {
    html += "<tr><th>Rådgivningen gjelder</th><td><ul>\n";
    for (const std::string& purpose : p.purposes) {
      absl::StrAppend(&html, "<li>", HtmlEscape(Label(purpose)), "</li>\n");
    }
    html += "</ul></td></tr>\n";
  }
  html += Row("Innvilget tid", Hours(p.granted_quarter_hours));
  html += "</table>\n";
  if (!p.case_summary.empty()) {
    absl::StrAppend(&html, "<h3>Sammendrag</h3>\n<p class=\"text\">",
                    HtmlEscape(p.case_summary), "</p>\n");
  }

  if (!p.contact_organisation.empty() || !p.contact_phone.empty()) {
    html += "<h2>Kontakt hos ROSA</h2>\n<table>\n";
    if (!p.contact_organisation.empty()) {
      html += Row("Organisasjon", p.contact_organisation);
    }
    if (!p.contact_phone.empty()) html += Row("Telefon", p.contact_phone);
    html += "</table>\n";
  }
  html += "</body>\n</html>\n";
  return html;
}

}  // namespace rosa::plugin::advokat
